/** 接口令牌 (token:admin): tokens of member-department systems that push ledger entries; create (shown once), revoke. */
import { PlusOutlined } from '@ant-design/icons';
import { ENTRY_KINDS, type ApiTokenCreated, type ApiTokenView } from '@jiandu/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Popconfirm, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { apiTokensApi } from '../../api/endpoints';
import { PageTitle } from '../../components/PageTitle';
import { formatDateTime } from '../../lib/format';
import { ApiTokenCreateModal } from './ApiTokenCreateModal';
import { TokenCreatedModal } from './TokenCreatedModal';
import { apiTokenKeys } from '../../api/queries/api-tokens';

const kindName = (code: string) => ENTRY_KINDS.find((k) => k.code === code)?.name ?? code;
/** 2025-03-15 14:05 (local time). */
const minutes = (iso: string) => formatDateTime(iso).slice(0, 16);

export default function ApiTokensPage() {
  const tokens = useQuery({ queryKey: apiTokenKeys.all, queryFn: apiTokensApi.list });
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<ApiTokenCreated | null>(null);

  const revoke = useMutation({
    mutationFn: (t: ApiTokenView) => apiTokensApi.revoke(t.id),
    onSuccess: async (t) => {
      message.success(`已吊销“${t.name}”`);
      await queryClient.invalidateQueries({ queryKey: apiTokenKeys.all });
    },
    onError: (e) => message.error(errorMessage(e)),
  });

  return (
    <>
      <PageTitle title="接口令牌" extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>新建令牌</Button>}>
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
          成员单位的业务系统凭接口令牌调用 <Typography.Text code>POST /api/v1/entries</Typography.Text> 报送台账记录，报送的记录由组织部审核。
          每个令牌绑定一个成员单位、若干可报送类别和一个管辖范围；令牌只在创建时显示一次。
        </Typography.Paragraph>
      </PageTitle>
      <Card>
        {tokens.error && <Alert type="error" showIcon title={errorMessage(tokens.error)} style={{ marginBottom: 16 }} />}
        <Table<ApiTokenView>
          rowKey="id"
          size="middle"
          loading={tokens.isPending}
          dataSource={tokens.data ?? []}
          locale={{ emptyText: '还没有接口令牌' }}
          pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true, showTotal: (n) => `共 ${n} 个令牌` }}
          onRow={(t) => (t.revokedAt ? { style: { color: 'rgba(0, 0, 0, 0.45)' } } : {})}
          scroll={{ x: 1090 }}
          columns={[
            { title: '名称', dataIndex: 'name', width: 160, ellipsis: true },
            { title: '成员单位', dataIndex: 'departmentName', width: 80 },
            {
              title: '可报送类别', dataIndex: 'kinds', width: 170,
              render: (kinds: string[]) => <Space size={[4, 4]} wrap>{kinds.map((k) => <Tag key={k}>{kindName(k)}</Tag>)}</Space>,
            },
            { title: '管辖范围', dataIndex: 'scopeOrgName', width: 120, ellipsis: true, render: (v: string | null) => v ?? '（组织已不存在）' },
            {
              title: '令牌前缀', dataIndex: 'prefix', width: 130,
              render: (p: string) => <Tooltip title="完整令牌只在创建时显示一次"><Typography.Text code>{p}…</Typography.Text></Tooltip>,
            },
            {
              title: '创建', key: 'created', width: 140,
              render: (_: unknown, t) => (
                <Space orientation="vertical" size={0}>
                  <span>{minutes(t.createdAt)}</span>
                  {t.createdBy && <Typography.Text type="secondary">{t.createdBy}</Typography.Text>}
                </Space>
              ),
            },
            { title: '最后使用', dataIndex: 'lastUsedAt', width: 140, render: (v: string | null) => (v ? minutes(v) : '从未使用') },
            {
              title: '状态', key: 'status', width: 150,
              render: (_: unknown, t) => (t.revokedAt
                ? (
                  <Space orientation="vertical" size={0}>
                    <Tag color="default">已吊销</Tag>
                    <Typography.Text type="secondary">{minutes(t.revokedAt)}{t.revokedBy ? ` · ${t.revokedBy}` : ''}</Typography.Text>
                  </Space>
                )
                : (
                  <Space size={4}>
                    <Tag color="green">有效</Tag>
                    <Popconfirm title={`吊销“${t.name}”？`} description="吊销后该令牌立即失效且不能恢复，对方系统将无法再报送。"
                      okText="吊销" okButtonProps={{ danger: true }} cancelText="取消" onConfirm={() => revoke.mutate(t)}>
                      <Button type="link" size="small" danger>吊销</Button>
                    </Popconfirm>
                  </Space>
                )),
            },
          ]}
        />
      </Card>
      {creating && (
        <ApiTokenCreateModal
          onClose={() => setCreating(false)}
          onCreated={(value) => { setCreating(false); setCreated(value); }}
        />
      )}
      {created && <TokenCreatedModal created={created} onClose={() => setCreated(null)} />}
    </>
  );
}
