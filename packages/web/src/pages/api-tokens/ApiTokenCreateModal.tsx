/** 新建接口令牌: a member department, some of its kinds, a jurisdiction. */
import { ENTRY_KINDS, type ApiTokenCreated } from '@jiandu/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Checkbox, Form, Input, Modal } from 'antd';
import { apiTokensApi, usersApi } from '../../api/endpoints';
import { OrgSelect } from '../../components/OrgSelect';
import { useServerForm } from '../../lib/use-server-form';
import { apiTokenKeys } from '../../api/queries/api-tokens';
import { departmentKeys } from '../../api/queries/users';
import { SearchSelect } from '../../components/SearchSelect';

interface Values {
  name: string;
  departmentCode: string;
  kinds: string[];
  scopeOrgId: string;
}

const FIELDS = ['name', 'departmentCode', 'kinds', 'scopeOrgId'] as const;
const kindName = (code: string) => ENTRY_KINDS.find((k) => k.code === code)?.name ?? code;

export function ApiTokenCreateModal({ onClose, onCreated }: { onClose: () => void; onCreated: (created: ApiTokenCreated) => void }) {
  const { form, onMutate, onError, errorAlert } = useServerForm<Values>(FIELDS);
  const queryClient = useQueryClient();
  const departments = useQuery({ queryKey: departmentKeys.all, queryFn: usersApi.departments, staleTime: Infinity });
  const departmentCode = Form.useWatch('departmentCode', form);
  const dept = departments.data?.find((d) => d.code === departmentCode);

  const create = useMutation({
    mutationFn: (v: Values) => apiTokensApi.create({ name: v.name.trim(), departmentCode: v.departmentCode, kinds: v.kinds, scopeOrgId: v.scopeOrgId }),
    onMutate,
    onSuccess: async (created) => {
      await queryClient.invalidateQueries({ queryKey: apiTokenKeys.all });
      onCreated(created);
    },
    onError,
  });

  return (
    <Modal open title="新建接口令牌" okText="创建" onOk={() => form.submit()} confirmLoading={create.isPending} onCancel={onClose}
      destroyOnHidden width={560}>
      {errorAlert}
      <Form<Values> form={form} layout="vertical" onFinish={(v) => create.mutate(v)}
        onValuesChange={(changed: Partial<Values>) => {
          // A new department: offer all of its kinds, checked.
          if ('departmentCode' in changed) {
            form.setFieldValue('kinds', departments.data?.find((d) => d.code === changed.departmentCode)?.kinds ?? []);
          }
        }}>
        <Form.Item label="名称" name="name" rules={[{ required: true, whitespace: true, message: '请填写名称' }, { max: 64 }]}
          extra="说明由哪个系统使用，如“信访局信访信息系统”。">
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label="成员单位" name="departmentCode" rules={[{ required: true, message: '请选择成员单位' }]}
          extra="令牌只能以该单位的名义报送。">
          <SearchSelect
            showSearch
            loading={departments.isPending}
            options={(departments.data ?? []).map((d) => ({ value: d.code, label: d.name }))}
            placeholder="请选择"
          />
        </Form.Item>
        <Form.Item label="可报送类别" name="kinds" rules={[{ required: true, type: 'array', min: 1, message: '至少选择一个类别' }]}
          extra={dept ? '只能在该单位可报送的类别中选择。' : '请先选择成员单位。'}>
          <Checkbox.Group options={(dept?.kinds ?? []).map((k) => ({ value: k, label: kindName(k) }))} />
        </Form.Item>
        <Form.Item label="管辖范围" name="scopeOrgId" rules={[{ required: true, message: '请选择管辖范围' }]}
          extra="只能为该组织及其下级组织的干部、领导班子报送。">
          <OrgSelect />
        </Form.Item>
      </Form>
    </Modal>
  );
}
