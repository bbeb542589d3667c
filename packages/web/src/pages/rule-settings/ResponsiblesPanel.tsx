/**
 * 待办负责人 by area: who answers by default for the 待办 of an area (and its subtree), optionally of one kind.
 * Without a setting, the supervisor whose scope is the most specific over the subject. A 分派 by hand wins.
 */
import { OBLIGATION_NAMES, type ObligationResponsibleView } from '@jiandu/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { obligationsApi } from '../../api/endpoints';
import { obligationKeys } from '../../api/queries/obligations';
import { useCurrentUser } from '../../app/auth';
import { OrgSelect } from '../../components/OrgSelect';
import { formatDateTime } from '../../lib/format';
import { TYPE_OPTIONS } from '../obligations/labels';

interface Values { orgId?: string; type?: string; userId?: string }

export function ResponsiblesPanel() {
  const me = useCurrentUser();
  const canEdit = me.can('obligation:act');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const orgId = Form.useWatch('orgId', form);
  const [q, setQ] = useState('');
  const list = useQuery({ queryKey: obligationKeys.responsibles, queryFn: () => obligationsApi.responsibles() });
  const users = useQuery({
    queryKey: obligationKeys.candidates(orgId ?? '', q), queryFn: () => obligationsApi.candidates(orgId!, q || undefined), enabled: !!orgId && canEdit,
  });
  const save = useMutation({
    mutationFn: (v: { orgId: string; type: string | null; userId: string | null }) =>
      obligationsApi.setResponsible({ orgId: v.orgId, type: v.type as never, userId: v.userId }),
    onSuccess: async (r, v) => {
      message.success(`${v.userId ? '已设置' : '已清除'}，${r.updated} 项未分派的待办随之更新`);
      form.resetFields(['userId']);
      await queryClient.invalidateQueries({ queryKey: obligationKeys.all });
    },
  });
  const clear = (r: ObligationResponsibleView) => save.mutate({ orgId: r.orgId, type: r.type, userId: null });

  return (
    <div style={{ paddingTop: 12 }}>
      <Typography.Paragraph type="secondary">
        每项待办都有负责人：默认为该区域设置的负责人（更具体的区域、指定类型的设置优先），没有设置时为管理范围最具体的监督科账号（同级按登录名）。手工分派的待办不随此变化。
      </Typography.Paragraph>
      {save.error && <Alert type="error" showIcon title={errorMessage(save.error)} style={{ marginBottom: 12 }} />}
      {canEdit && (
        <Form<Values> form={form} layout="inline" style={{ marginBottom: 16, rowGap: 8 }}
          onFinish={(v) => save.mutate({ orgId: v.orgId!, type: v.type ?? null, userId: v.userId! })}>
          <Form.Item name="orgId" rules={[{ required: true, message: '请选择区域' }]}>
            <OrgSelect style={{ width: 240 }} placeholder="区域（输入单位名称）" />
          </Form.Item>
          <Form.Item name="type">
            <Select allowClear style={{ width: 170 }} placeholder="全部类型" options={TYPE_OPTIONS} />
          </Form.Item>
          <Form.Item name="userId" rules={[{ required: true, message: '请选择负责人' }]}>
            <Select
              style={{ width: 240 }} disabled={!orgId} placeholder={orgId ? '负责人（输入姓名查找）' : '先选择区域'}
              showSearch={{ filterOption: false, onSearch: setQ }}
              options={(users.data ?? []).map((u) => ({ value: u.id, label: `${u.displayName}（${u.login}）` }))}
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={save.isPending}>设置</Button>
        </Form>
      )}
      <Table<ObligationResponsibleView>
        rowKey={(r) => `${r.orgId}|${r.type ?? ''}`} size="small" pagination={false} loading={list.isPending} dataSource={list.data ?? []}
        locale={{ emptyText: '尚未设置，均由管理范围最具体的监督科账号负责' }}
        columns={[
          { title: '区域', dataIndex: 'orgName' },
          { title: '类型', dataIndex: 'type', width: 170, render: (t: keyof typeof OBLIGATION_NAMES | null) => (t ? OBLIGATION_NAMES[t] : '全部类型') },
          { title: '负责人', key: 'user', width: 180, render: (_: unknown, r) => `${r.userName}（${r.login}）` },
          { title: '设置', key: 'set', width: 200, render: (_: unknown, r) => `${r.setByLogin ?? '—'}，${formatDateTime(r.setAt)}` },
          ...(canEdit ? [{ title: '', key: 'clear', width: 70, render: (_: unknown, r: ObligationResponsibleView) => <Space><Button size="small" type="link" onClick={() => clear(r)}>清除</Button></Space> }] : []),
        ]}
      />
    </div>
  );
}
