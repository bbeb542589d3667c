/** 新增任职: the team is found through its org (org search → GET /api/orgs/:id/team). */
import { DOMAINS, RANKS } from '@jiandu/domain';
import { useQuery } from '@tanstack/react-query';
import { Checkbox, Col, DatePicker, Form, Input, Row, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { errorMessage } from '../../api/client';
import { cadresApi, orgsApi } from '../../api/endpoints';
import { FormModal } from '../../components/FormModal';
import { OrgSelect } from '../../components/OrgSelect';
import { useServerForm } from '../../lib/use-server-form';
import { orgKeys } from '../../api/queries/orgs';
import { useCadreChange } from './use-cadre-change';
import { SearchSelect } from '../../components/SearchSelect';

interface Values {
  orgId: string;
  title: string;
  isPrincipal: boolean;
  domains: string[];
  rank?: string;
  startDate: Dayjs;
  endDate?: Dayjs;
}

const FIELDS = ['title', 'isPrincipal', 'domains', 'rank', 'startDate', 'endDate'] as const;

export function TenureCreateModal({ cadreId, cadreName, onClose }: { cadreId: string; cadreName: string; onClose: () => void }) {
  const { form, errorAlert, setError, ...handlers } = useServerForm<Values>(FIELDS);
  const orgId = Form.useWatch('orgId', form);

  const team = useQuery({ queryKey: orgKeys.team(orgId), queryFn: () => orgsApi.team(orgId), enabled: !!orgId });
  const teamId = team.data?.team?.id;

  const add = useCadreChange(
    (v: Values) => cadresApi.addTenure(cadreId, {
      teamId: teamId!,
      title: v.title,
      isPrincipal: v.isPrincipal,
      domains: v.domains,
      rank: v.rank ?? null,
      startDate: v.startDate.format('YYYY-MM-DD'),
      endDate: v.endDate ? v.endDate.format('YYYY-MM-DD') : null,
    }),
    '已新增任职', onClose, handlers,
  );

  return (
    <FormModal width={680} title={`新增任职 · ${cadreName}`} okButtonProps={{ disabled: !!orgId && !teamId }}
      form={form} pending={add.isPending} errorAlert={errorAlert} onClose={onClose}>
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ isPrincipal: false, domains: [] }}
        onFinish={(v) => (teamId ? add.mutate(v) : setError('所选单位未设领导班子，不能新增任职'))}
      >
        <Form.Item
          label="任职单位"
          name="orgId"
          rules={[{ required: true, message: '请选择任职单位' }]}
          extra={
            team.isFetching ? '正在读取领导班子……'
              : team.error ? <Typography.Text type="danger">{errorMessage(team.error)}</Typography.Text>
                : team.data && !team.data.team ? <Typography.Text type="danger">该单位未设领导班子</Typography.Text>
                  : team.data?.team ? `领导班子：${team.data.team.name}（现有 ${team.data.team.members.length} 人）` : undefined
          }
        >
          <OrgSelect />
        </Form.Item>
        <Row gutter={16}>
          <Col span={16}>
            <Form.Item label="职务" name="title" rules={[{ required: true, whitespace: true, message: '请填写职务' }, { max: 50 }]}>
              <Input placeholder="如：县委书记、副县长" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label=" " name="isPrincipal" valuePropName="checked">
              <Checkbox>一把手</Checkbox>
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item label="分管领域" name="domains" extra="可从列表选择，也可直接输入后回车。">
              <Select mode="tags" options={DOMAINS.map((d) => ({ value: d, label: d }))} tokenSeparators={[',', '，', '、']} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="职务层次" name="rank">
              <SearchSelect allowClear options={RANKS.map((r) => ({ value: r, label: r }))} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="任职日期" name="startDate" rules={[{ required: true, message: '请选择任职日期' }]}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="结束日期" name="endDate" extra="现任的不填">
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </FormModal>
  );
}
