/** 新增干部 (cadre:write). Field-level problems found by the server show under their fields. */
import { CADRE_STATUSES, GENDERS, RANKS, type CadreCreateBody } from '@jiandu/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, AutoComplete, Col, DatePicker, Form, Input, Radio, Row, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { cadresApi } from '../../api/endpoints';
import { FormModal } from '../../components/FormModal';
import { OrgSelect } from '../../components/OrgSelect';
import { useServerForm } from '../../lib/use-server-form';
import { cadreKeys } from '../../api/queries/cadres';
import { SearchSelect } from '../../components/SearchSelect';

interface Values {
  name: string;
  idNumber?: string;
  gender?: (typeof GENDERS)[number];
  birth?: Dayjs;
  ethnicity?: string;
  nativePlace?: string;
  partyDate?: Dayjs;
  workDate?: Dayjs;
  educationFullTime?: string;
  educationInService?: string;
  rank?: string;
  status: (typeof CADRE_STATUSES)[number];
  orgId: string;
}

const FIELDS = [
  'name', 'idNumber', 'gender', 'birth', 'ethnicity', 'nativePlace', 'partyDate', 'workDate',
  'educationFullTime', 'educationInService', 'rank', 'status', 'orgId',
] as const;
const ETHNICITIES = ['汉族', '回族', '满族', '蒙古族', '壮族', '苗族', '土家族', '彝族', '藏族', '维吾尔族'];
const EDUCATIONS = ['研究生', '硕士研究生', '大学本科', '大学专科', '中专'];

const month = (d?: Dayjs) => (d ? d.format('YYYY-MM') : undefined);
const text = (s?: string) => s?.trim() || undefined;

export function CadreCreateModal({ onClose, onCreated }: { onClose: () => void; onCreated: (id: string) => void }) {
  const { form, onMutate, onError, errorAlert } = useServerForm<Values>(FIELDS);
  const queryClient = useQueryClient();
  const { message } = App.useApp();

  const create = useMutation({
    mutationFn: (v: Values) => {
      const body: Partial<CadreCreateBody> = {
        name: v.name, idNumber: text(v.idNumber?.replace(/\s/gu, '')), gender: v.gender, birth: month(v.birth),
        ethnicity: text(v.ethnicity), nativePlace: text(v.nativePlace), partyDate: month(v.partyDate), workDate: month(v.workDate),
        educationFullTime: text(v.educationFullTime), educationInService: text(v.educationInService), rank: v.rank,
        status: v.status, orgId: v.orgId,
      };
      return cadresApi.create(body);
    },
    onMutate,
    onSuccess: async ({ id }, v) => {
      message.success(`已新增干部“${v.name}”`);
      await queryClient.invalidateQueries({ queryKey: cadreKeys.all });
      onCreated(id);
    },
    onError,
  });

  return (
    <FormModal width={760} title="新增干部" form={form} pending={create.isPending} errorAlert={errorAlert} onClose={onClose}>
      <Form<Values> form={form} layout="vertical" onFinish={(v) => create.mutate(v)} initialValues={{ status: '在职' }}>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item label="姓名" name="name" rules={[{ required: true, whitespace: true, message: '请填写姓名' }, { max: 32 }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item label="身份证号" name="idNumber" extra="填写后，出生年月和性别可不填，由身份证号读出。">
              <Input maxLength={18} placeholder="18位公民身份号码" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="性别" name="gender">
              <Radio.Group options={GENDERS.map((g) => ({ value: g, label: g }))} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="出生年月" name="birth">
              <DatePicker picker="month" format="YYYY年M月" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="民族" name="ethnicity">
              <AutoComplete options={ETHNICITIES.map((v) => ({ value: v }))} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="籍贯" name="nativePlace">
              <Input placeholder="如：安徽江城" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="入党时间" name="partyDate">
              <DatePicker picker="month" format="YYYY年M月" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="参加工作时间" name="workDate">
              <DatePicker picker="month" format="YYYY年M月" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="全日制教育" name="educationFullTime">
              <AutoComplete options={EDUCATIONS.map((v) => ({ value: v }))} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="在职教育" name="educationInService">
              <AutoComplete options={EDUCATIONS.map((v) => ({ value: v }))} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="职务层次" name="rank">
              <SearchSelect allowClear options={RANKS.map((r) => ({ value: r, label: r }))} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="状态" name="status" rules={[{ required: true }]}>
              <Select options={CADRE_STATUSES.map((s) => ({ value: s, label: s }))} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="所在单位" name="orgId" rules={[{ required: true, message: '请选择所在单位' }]}>
              <OrgSelect />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </FormModal>
  );
}
