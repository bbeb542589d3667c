/**
 * 账号审批 (user:approve, the 安全管理员): the 系统管理员's requests to create, enable or reset an account take
 * effect only when approved here (双人审批; the database refuses an approval by the proposer). A rejection
 * needs a reason. The one-time password of a 安全管理员 account is handed to the approver, once.
 */
import type { AccountChangeView, OneTimePassword } from '@jiandu/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Modal, Popconfirm, Segmented, Space } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { accountChangesApi } from '../../api/endpoints';
import { useCurrentUser } from '../../app/auth';
import { PageTitle } from '../../components/PageTitle';
import { AccountChangesTable } from '../users/AccountChangesTable';
import { OneTimePasswordModal } from '../users/OneTimePasswordModal';
import { accountApprovalKeys } from '../../api/queries/users';

function RejectModal({ change, onClose, onDone }: { change: AccountChangeView; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<{ reason: string }>();
  const [error, setError] = useState<string | null>(null);
  const reject = useMutation({
    mutationFn: (v: { reason: string }) => accountChangesApi.reject(change.id, v.reason.trim()),
    onMutate: () => setError(null),
    onSuccess: onDone,
    onError: (e) => setError(errorMessage(e)),
  });
  return (
    <Modal open title={`驳回申请：${change.login}`} okText="驳回" okButtonProps={{ danger: true }} cancelText="取消"
      confirmLoading={reject.isPending} onOk={() => form.submit()} onCancel={onClose} destroyOnHidden>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={(v) => reject.mutate(v)}>
        <Form.Item label="驳回理由" name="reason" rules={[{ required: true, whitespace: true, message: '请填写驳回理由' }, { max: 200 }]}>
          <Input.TextArea rows={3} maxLength={200} autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function ApprovalsPage() {
  const me = useCurrentUser();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [filter, setFilter] = useState<'待审批' | 'all'>('待审批');
  const list = useQuery({
    queryKey: accountApprovalKeys.list(filter),
    queryFn: () => accountChangesApi.approvals(filter === 'all' ? undefined : filter),
  });
  const [rejecting, setRejecting] = useState<AccountChangeView | null>(null);
  const [otp, setOtp] = useState<OneTimePassword | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: accountApprovalKeys.all });
  const approve = useMutation({
    mutationFn: (c: AccountChangeView) => accountChangesApi.approve(c.id),
    onSuccess: async (r) => {
      message.success(`已批准：${r.change.login}`);
      if (r.password) setOtp(r.password);
      await refresh();
    },
    onError: (e) => message.error(errorMessage(e)),
  });

  return (
    <>
      <PageTitle title="账号审批" extra={<Segmented<'待审批' | 'all'> value={filter} onChange={setFilter}
        options={[{ value: '待审批', label: '待审批' }, { value: 'all', label: '全部' }]} />} />
      <Card>
        <Alert type="info" showIcon style={{ marginBottom: 12 }}
          title="系统管理员提出的新建账号、启用账号、重置密码，须经您批准才生效（双人审批）。请核实申请人与账号用途后再批准；提出人和审批人不能是同一账号，也不能审批与本人账号有关的申请。" />
        {list.error && <Alert type="error" showIcon title={errorMessage(list.error)} style={{ marginBottom: 16 }} />}
        <AccountChangesTable
          items={list.data ?? []}
          loading={list.isPending}
          emptyText={filter === '待审批' ? '没有待审批的申请' : '没有申请'}
          actions={(c) => (c.status !== '待审批' ? null : c.targetUserId === me.id ? '（与本人账号有关，须由其他安全管理员审批）' : (
            <Space size={0}>
              <Popconfirm title={`批准：${c.login}？`} description="批准后立即生效。" okText="批准" cancelText="取消" onConfirm={() => approve.mutate(c)}>
                <Button type="link" size="small">批准</Button>
              </Popconfirm>
              <Button type="link" size="small" danger onClick={() => setRejecting(c)}>驳回</Button>
            </Space>
          ))}
        />
      </Card>
      {rejecting && (
        <RejectModal change={rejecting} onClose={() => setRejecting(null)}
          onDone={() => { setRejecting(null); message.success('已驳回'); void refresh(); }} />
      )}
      {otp && <OneTimePasswordModal title="安全管理员账号已批准创建" otp={otp} onClose={() => setOtp(null)} />}
    </>
  );
}
