/**
 * 新建账号 as a request (双人审批): role with its Chinese name; a jurisdiction for business roles; a member
 * department for 成员单位. Nothing is created until a 安全管理员 approves it.
 */
import { ROLES, ROLE_NAMES, SCOPED_ROLES, type AccountChangeView, type Role } from '@jiandu/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Form, Input, Modal, Select } from 'antd';
import { accountChangesApi, usersApi } from '../../api/endpoints';
import { OrgSelect } from '../../components/OrgSelect';
import { useServerForm } from '../../lib/use-server-form';
import { accountChangeKeys, departmentKeys } from '../../api/queries/users';
import { SearchSelect } from '../../components/SearchSelect';

interface Values {
  login: string;
  displayName: string;
  role: Role;
  scopeOrgId?: string;
  departmentCode?: string;
  reason?: string;
}

const FIELDS = ['login', 'displayName', 'role', 'scopeOrgId', 'departmentCode', 'reason'] as const;

export function UserCreateModal({ onClose, onCreated }: { onClose: () => void; onCreated: (change: AccountChangeView) => void }) {
  const { form, onMutate, onError, errorAlert } = useServerForm<Values>(FIELDS);
  const role = Form.useWatch('role', form);
  const queryClient = useQueryClient();
  const departments = useQuery({ queryKey: departmentKeys.all, queryFn: usersApi.departments, staleTime: Infinity });

  const scoped = !!role && SCOPED_ROLES.includes(role);
  const create = useMutation({
    mutationFn: (v: Values) => accountChangesApi.propose({
      kind: 'create',
      login: v.login.trim(),
      displayName: v.displayName.trim(),
      role: v.role,
      scopeOrgId: scoped ? v.scopeOrgId : null,
      departmentCode: v.role === 'member' ? v.departmentCode : null,
      reason: v.reason?.trim() || undefined,
    }),
    onMutate,
    onSuccess: async (change) => {
      await queryClient.invalidateQueries({ queryKey: accountChangeKeys.all });
      onCreated(change);
    },
    onError,
  });

  return (
    <Modal open title="新建账号（提交审批）" okText="提交审批" onOk={() => form.submit()} confirmLoading={create.isPending} onCancel={onClose} destroyOnHidden>
      <Alert type="info" showIcon style={{ marginBottom: 16 }}
        title="双人审批：提交后由安全管理员审批，批准后账号才生效，一次性密码在批准后显示。" />
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
            <SearchSelect
              showSearch
              loading={departments.isPending}
              options={(departments.data ?? []).map((d) => ({ value: d.code, label: d.name }))}
              placeholder="请选择"
            />
          </Form.Item>
        )}
        <Form.Item label="申请理由" name="reason" rules={[{ max: 200 }]} extra="供安全管理员审批时参考，例如：新任监督员到岗。">
          <Input.TextArea rows={2} maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
