/** The fields every entry has: subject, kind, source, date, 文号, 摘要, 处理结果, 敏感级别. */
import { SENSITIVITY, type EntryKindView } from '@jiandu/domain';
import { Col, DatePicker, Form, Input, Row, Select, Typography } from 'antd';
import dayjs from 'dayjs';
import { dateItemProps } from './date-item';
import { SubjectField } from './SubjectField';
import { SearchSelect } from '../SearchSelect';

interface Props {
  kinds: EntryKindView[];
  departments: Array<{ code: string; name: string }>;
  /** Create: kind and source are chosen; correct: shown as text. */
  kindFixed?: { kindName: string; sourceDeptName: string };
  /** Member departments: the source is their own department. */
  ownDepartment?: string;
  subjectFixed: boolean;
  cadreLookup: 'search' | 'exact';
  kindCode: string | undefined;
}

export function CommonFields({ kinds, departments, kindFixed, ownDepartment, subjectFixed, cadreLookup, kindCode }: Props) {
  const kind = kinds.find((k) => k.code === kindCode);
  const deptOptions = departments.filter((d) => !kind || kind.departments.includes(d.code)).map((d) => ({ value: d.code, label: d.name }));
  return (
    <Row gutter={16}>
      <Col span={24}>
        <Form.Item label="记录对象" name="subject" rules={[{ required: true, message: '请指定干部或领导班子' }]}>
          <SubjectField fixed={subjectFixed} cadreLookup={cadreLookup} />
        </Form.Item>
      </Col>
      {kindFixed ? (
        <>
          <Col span={12}><Form.Item label="类别"><Typography.Text strong>{kindFixed.kindName}</Typography.Text></Form.Item></Col>
          <Col span={12}><Form.Item label="来源单位"><Typography.Text strong>{kindFixed.sourceDeptName}</Typography.Text></Form.Item></Col>
        </>
      ) : (
        <>
          <Col span={12}>
            <Form.Item label="类别" name="kind" rules={[{ required: true, message: '请选择类别' }]}>
              <SearchSelect placeholder="请选择" options={kinds.map((k) => ({ value: k.code, label: k.name }))} />
            </Form.Item>
          </Col>
          <Col span={12}>
            {ownDepartment ? (
              <Form.Item label="来源单位"><Typography.Text strong>{ownDepartment}</Typography.Text></Form.Item>
            ) : (
              <Form.Item label="来源单位" name="sourceDept" rules={[{ required: true, message: '请选择来源单位' }]}
                extra={kind ? undefined : '先选类别，再选报送该类别的单位'}>
                <SearchSelect placeholder="请选择" options={deptOptions} disabled={!kind} />
              </Form.Item>
            )}
          </Col>
        </>
      )}
      <Col span={8}>
        <Form.Item label="发生日期" name="occurredOn" rules={[{ required: true, message: '请选择发生（或决定）日期' }]} {...dateItemProps}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
      </Col>
      <Col span={10}>
        <Form.Item label="文号" name="refNo" rules={[{ max: 100 }]}>
          <Input placeholder="如：青纪〔2025〕3号" />
        </Form.Item>
      </Col>
      <Col span={6}>
        <Form.Item label="敏感级别" name="sensitivity" rules={[{ required: true }]}>
          <Select options={SENSITIVITY.map((s) => ({ value: s, label: s }))} />
        </Form.Item>
      </Col>
      <Col span={24}>
        <Form.Item label="摘要" name="summary" rules={[{ required: true, whitespace: true, message: '请填写摘要' }, { max: 2000 }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} showCount />
        </Form.Item>
      </Col>
      <Col span={24}>
        <Form.Item label="处理结果" name="outcome" rules={[{ max: 2000 }]}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={2000} />
        </Form.Item>
      </Col>
    </Row>
  );
}
