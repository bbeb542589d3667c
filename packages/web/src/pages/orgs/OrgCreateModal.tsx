/** 新增下级组织 (org:write): type and level from the dictionaries, region code, 艰苦边远, whether it has a team. */
import { ORG_LEVELS, ORG_TYPES, type OrgNode } from '@jiandu/domain';
import { useMutation } from '@tanstack/react-query';
import { App, Checkbox, Col, Form, Input, Row, Select } from 'antd';
import { orgsApi } from '../../api/endpoints';
import { FormModal } from '../../components/FormModal';
import { OrgSelect } from '../../components/OrgSelect';
import { useServerForm } from '../../lib/use-server-form';
import { SearchSelect } from '../../components/SearchSelect';

interface Values {
  name: string;
  shortName?: string;
  type: string;
  level: string;
  regionCode: string;
  managedById?: string;
  hardship: boolean;
  withTeam: boolean;
}

const FIELDS = ['name', 'shortName', 'type', 'level', 'regionCode', 'managedById'] as const;

interface Props {
  parent: OrgNode | null;
  onClose: () => void;
  onCreated: (org: OrgNode) => void;
}

export function OrgCreateModal({ parent, onClose, onCreated }: Props) {
  const { form, onMutate, onError, errorAlert } = useServerForm<Values>(FIELDS);
  const { message } = App.useApp();

  const create = useMutation({
    mutationFn: (v: Values) => orgsApi.create({
      parentId: parent?.id ?? null,
      name: v.name,
      shortName: v.shortName?.trim() || null,
      type: v.type as (typeof ORG_TYPES)[number],
      level: v.level as (typeof ORG_LEVELS)[number],
      regionCode: v.regionCode,
      managedById: v.managedById ?? null,
      flags: v.hardship ? { hardship: true } : {},
      withTeam: v.withTeam,
    }),
    onMutate,
    onSuccess: (org) => {
      message.success(`已新增组织“${org.name}”`);
      onCreated(org);
    },
    onError,
  });

  return (
    <FormModal width={640} title={parent ? `新增下级组织 · ${parent.name}` : '新增顶级组织'} form={form} pending={create.isPending} errorAlert={errorAlert} onClose={onClose}>
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => create.mutate(v)}
        initialValues={{
          regionCode: parent?.regionCode ?? '',
          level: parent ? (parent.level === '乡级' ? '乡级' : undefined) : '市级',
          managedById: parent?.managedById ?? undefined,
          hardship: false,
          withTeam: true,
        }}
      >
        <Row gutter={16}>
          <Col span={16}>
            <Form.Item label="单位名称" name="name" rules={[{ required: true, whitespace: true, message: '请填写单位名称' }, { max: 100 }]}>
              <Input placeholder="如：青山县白石乡" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="简称" name="shortName" rules={[{ max: 50 }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="单位类型" name="type" rules={[{ required: true, message: '请选择单位类型' }]}>
              <SearchSelect options={ORG_TYPES.map((t) => ({ value: t, label: t }))} placeholder="请选择" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="单位层级" name="level" rules={[{ required: true, message: '请选择单位层级' }]}>
              <Select options={ORG_LEVELS.map((t) => ({ value: t, label: t }))} placeholder="请选择" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              label="行政区划代码"
              name="regionCode"
              rules={[{ required: true, message: '请填写行政区划代码' }, { pattern: /^\d{6}$/u, message: '应为6位数字' }]}
            >
              <Input maxLength={6} placeholder="6位数字" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item label="干部管理单位" name="managedById" extra="对本单位领导班子具有干部管理权限的组织部门所在组织；可不填。">
              <OrgSelect />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="withTeam" valuePropName="checked" style={{ marginBottom: 0 }}>
              <Checkbox>设立领导班子</Checkbox>
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="hardship" valuePropName="checked" style={{ marginBottom: 0 }}>
              <Checkbox>艰苦边远地区</Checkbox>
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </FormModal>
  );
}
