/** 新建账号: role with its Chinese name; a jurisdiction for business roles; a member department for 成员单位. */
import { ROLES, ROLE_NAMES, SCOPED_ROLES, type OneTimePassword, type Role } from '@jiandu/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Form, Input, Modal, Select } from 'antd';
import { usersApi } from '../../api/endpoints';
import { OrgSelect } from '../../components/OrgSelect';
import { useServerForm } from '../../lib/use-server-form';

interface Values {
  login: string;
  displayName: string;
  role: Role;
  scopeOrgId?: string;
  departmentCode?: string;
}

const FIELDS = ['login', 'displayName', 'role', 'scopeOrgId', 'departmentCode'] as const;

export function UserCreateModal({ onClose, onCreated }: { onClose: () => void; onCreated: (otp: OneTimePassword) => void }) {
  const { form, onMutate, onError, errorAlert } = useServerForm<Values>(FIELDS);
  const role = Form.useWatch('role', form);
  const queryClient = useQueryClient();
  const departments = useQuery({ queryKey: ['departments'], queryFn: usersApi.departments, staleTime: Infinity });

  const scoped = !!role && SCOPED_ROLES.includes(role);
  const create = useMutation({
    mutationFn: (v: Values) => usersApi.create({
      login: v.login.trim(),
      displayName: v.displayName.trim(),
      role: v.role,
      scopeOrgId: scoped ? v.scopeOrgId : null,
      departmentCode: v.role === 'member' ? v.departmentCode : null,
    }),
    onMutate,
    onSuccess: async (otp) => {
      await queryClient.invalidateQueries({ queryKey: ['users'] });
      onCreated(otp);
    },
    onError,
  });

  return (
    <Modal open title="新建账号" okText="创建" onOk={() => form.submit()} confirmLoading={create.isPending} onCancel={onClose} destroyOnHidden>
      {errorAlert}
      <Form<Values> form={form} layout="vertical" onFinish={(v) => create.mutate(v)}>
        <Form.Item label="登录名" name="login" rules={[{ required: true, whitespace: true, message: '请填写登录名' }, { min: 2, max: 64 }]}
          extra="字母、数字、点、下划线或连字符，不区分大小写。">
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label="姓名" name="displayName" rules={[{ required: true, whitespace: true, message: '请填写姓名' }, { max: 64 }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label="角色" name="role" rules={[{ required: true, message: '请选择角色' }]}
          extra="系统管理员、安全管理员、审计管理员三员分立，不能兼任业务角色。">
          <Select options={ROLES.map((r) => ({ value: r, label: ROLE_NAMES[r] }))} placeholder="请选择" />
        </Form.Item>
        {scoped && (
          <Form.Item label="管辖范围" name="scopeOrgId" rules={[{ required: true, message: '请选择管辖范围' }]}
            extra="该账号只能看到所选组织及其下级组织的数据。">
            <OrgSelect />
          </Form.Item>
        )}
        {role === 'member' && (
          <Form.Item label="成员单位" name="departmentCode" rules={[{ required: true, message: '请选择成员单位' }]}>
            <Select
              loading={departments.isPending}
              options={(departments.data ?? []).map((d) => ({ value: d.code, label: d.name }))}
              placeholder="请选择"
            />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
