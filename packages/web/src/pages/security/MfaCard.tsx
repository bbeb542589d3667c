/**
 * 二次认证 (AUTH-05): which roles must bind an authenticator (the 三员 always), who has, and a reset of a
 * user's factor (lost phone) — each change audited.
 */
import { BUSINESS_ROLES, ROLE_NAMES, type MfaUserView, type Role } from '@jiandu/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Flex, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { mfaApi } from '../../api/endpoints';
import { formatDateTime } from '../../lib/format';
import { securityKeys } from '../../api/queries/security';

export function MfaCard() {
  const overview = useQuery({ queryKey: securityKeys.mfa, queryFn: mfaApi.overview });
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [roles, setRoles] = useState<Role[] | null>(null);
  const policy = overview.data?.policy;
  const chosen = roles ?? policy?.roles ?? [];

  const save = useMutation({
    mutationFn: () => mfaApi.setPolicy({ roles: chosen, exemptLogins: policy?.exemptLogins ?? [] }),
    onSuccess: async () => {
      message.success('二次认证策略已保存（已记入审计日志）');
      setRoles(null);
      await queryClient.invalidateQueries({ queryKey: securityKeys.mfa });
    },
    onError: (e) => message.error(errorMessage(e)),
  });

  return (
    <Card title="二次认证（动态口令）" style={{ marginBottom: 16 }}>
      {overview.error && <Alert type="error" showIcon title={errorMessage(overview.error)} style={{ marginBottom: 16 }} />}
      {policy && policy.exemptLogins.length > 0 && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} title="演示环境：演示账号免二次认证"
          description={`免二次认证的账号：${policy.exemptLogins.join('、')}`} />
      )}
      <Flex gap={12} align="center" wrap style={{ marginBottom: 16 }}>
        <Typography.Text>必须使用二次认证的角色：</Typography.Text>
        {overview.data?.alwaysRoles.map((r) => <Tag key={r} color="red">{ROLE_NAMES[r]}（始终）</Tag>)}
        <Checkbox.Group
          value={chosen}
          onChange={(v) => setRoles(v)}
          options={BUSINESS_ROLES.map((r) => ({ value: r, label: ROLE_NAMES[r] }))}
        />
        <Button type="primary" onClick={() => save.mutate()} loading={save.isPending} disabled={!roles}>保存</Button>
      </Flex>
      <Table<MfaUserView>
        rowKey="id"
        size="small"
        loading={overview.isPending}
        dataSource={overview.data?.users ?? []}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        columns={[
          { title: '登录名', dataIndex: 'login' },
          { title: '姓名', dataIndex: 'displayName' },
          { title: '角色', dataIndex: 'roles', render: (rs: Role[]) => rs.map((r) => <Tag key={r}>{ROLE_NAMES[r]}</Tag>) },
          { title: '要求', dataIndex: 'required', render: (v: boolean) => (v ? <Tag color="red">必须</Tag> : <Tag>可选</Tag>) },
          {
            title: '绑定', dataIndex: 'enrolledAt',
            render: (v: string | null) => (v ? <Tag color="green">已绑定 {formatDateTime(v)}</Tag> : <Tag color="default">未绑定</Tag>),
          },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
        丢失手机或恢复码的账号，由系统管理员在“账号管理”中提交“重置二次认证”申请，经安全管理员在“账号审批”中批准后生效（双人审批）。
      </Typography.Paragraph>
    </Card>
  );
}
