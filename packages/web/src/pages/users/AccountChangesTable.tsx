/** 账号变更申请 (双人审批): shared by 账号管理 (the proposer) and 账号审批 (the approver); actions come from the page. */
import { ACCOUNT_CHANGE_KIND_NAMES, ROLE_NAMES, type AccountChangeStatus, type AccountChangeView } from '@jiandu/domain';
import { Space, Table, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { formatDateTime } from '../../lib/format';

const STATUS_COLORS: Record<AccountChangeStatus, string> = { 待审批: 'gold', 已批准: 'green', 已驳回: 'red', 已撤回: 'default' };

export function AccountChangesTable({ items, loading, actions, emptyText }: {
  items: AccountChangeView[];
  loading: boolean;
  actions: (c: AccountChangeView) => ReactNode;
  emptyText: string;
}) {
  return (
    <Table<AccountChangeView>
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={items}
      locale={{ emptyText }}
      pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true, showTotal: (n) => `共 ${n} 项申请` }}
      columns={[
        { title: '申请', dataIndex: 'kind', width: 110, render: (k: AccountChangeView['kind']) => <Tag color="blue">{ACCOUNT_CHANGE_KIND_NAMES[k]}</Tag> },
        {
          title: '账号', key: 'account', ellipsis: true,
          render: (_: unknown, c) => (
            <Space direction="vertical" size={0}>
              <span>{c.login}{c.displayName ? `（${c.displayName}）` : ''}</span>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {[c.role ? ROLE_NAMES[c.role] : null, c.scopeOrgName, c.departmentName].filter(Boolean).join(' · ')}
              </Typography.Text>
            </Space>
          ),
        },
        {
          title: '提出', key: 'proposed', width: 190,
          render: (_: unknown, c) => (
            <Space direction="vertical" size={0}>
              <span>{c.proposedByLogin}</span>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatDateTime(c.proposedAt)}</Typography.Text>
              {c.reason && <Typography.Text type="secondary" style={{ fontSize: 12 }}>理由：{c.reason}</Typography.Text>}
            </Space>
          ),
        },
        { title: '状态', dataIndex: 'status', width: 90, render: (s: AccountChangeStatus) => <Tag color={STATUS_COLORS[s]}>{s}</Tag> },
        {
          title: '审批', key: 'decided', width: 190,
          render: (_: unknown, c) => (c.decidedByLogin ? (
            <Space direction="vertical" size={0}>
              <span>{c.decidedByLogin}</span>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatDateTime(c.decidedAt!)}</Typography.Text>
              {c.decisionReason && <Typography.Text type="secondary" style={{ fontSize: 12 }}>理由：{c.decisionReason}</Typography.Text>}
            </Space>
          ) : '—'),
        },
        { title: '操作', key: 'actions', width: 190, render: (_: unknown, c) => actions(c) },
      ]}
    />
  );
}
