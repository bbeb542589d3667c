/** 任职: current tenures first, then the ended ones; 新增任职, 分工调整 and 结束任职 for cadre:write. */
import { PlusOutlined } from '@ant-design/icons';
import type { TenureView } from '@jiandu/domain';
import { Button, Card, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useCurrentUser } from '../../app/auth';
import { PrincipalTag } from '../../components/PrincipalTag';
import { DomainChangeModal } from '../../components/tenure-domains/DomainChangeModal';
import { DomainTags } from '../../components/tenure-domains/DomainTags';
import { formatPeriod } from '../../lib/format';
import { EndTenureModal } from './EndTenureModal';
import { TenureCreateModal } from './TenureCreateModal';

interface Props {
  cadreId: string;
  cadreName: string;
  tenures: TenureView[];
}

function ordered(tenures: TenureView[]): TenureView[] {
  return [...tenures].sort((a, b) => {
    if (!a.endDate !== !b.endDate) return a.endDate ? 1 : -1;
    return b.startDate.localeCompare(a.startDate);
  });
}

export function TenureCard({ cadreId, cadreName, tenures }: Props) {
  const me = useCurrentUser();
  const canWrite = me.can('cadre:write');
  const [adding, setAdding] = useState(false);
  const [ending, setEnding] = useState<TenureView | null>(null);
  const [changing, setChanging] = useState<TenureView | null>(null);

  return (
    <Card
      title="任职"
      extra={canWrite && <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>新增任职</Button>}
    >
      <Table<TenureView>
        rowKey="id"
        size="middle"
        pagination={false}
        dataSource={ordered(tenures)}
        locale={{ emptyText: '暂无任职记录' }}
        rowClassName={(t) => (t.endDate ? 'tenure-ended' : '')}
        columns={[
          { title: '单位', dataIndex: 'orgName', render: (name: string, t) => <Link to={`/orgs?id=${t.orgId}`}>{name}</Link> },
          {
            title: '职务', dataIndex: 'title',
            render: (title: string, t) => <Space size={6}>{title}{t.isPrincipal && <PrincipalTag />}</Space>,
          },
          { title: '分管领域', dataIndex: 'domains', render: (d: string[], t) => <DomainTags tenureId={t.id} domains={d} since={t.domainsSince} /> },
          { title: '职务层次', dataIndex: 'rank', width: 100, render: (r: string | null) => r ?? '—' },
          { title: '起止时间', key: 'period', width: 230, render: (_: unknown, t) => formatPeriod(t.startDate, t.endDate) },
          {
            title: '状态', key: 'state', width: 80,
            render: (_: unknown, t) => (t.endDate ? <Tag>已结束</Tag> : <Tag color="blue">现任</Tag>),
          },
          ...(canWrite
            ? [{
              title: '操作', key: 'actions', width: 170,
              render: (_: unknown, t: TenureView) => (t.endDate ? null : (
                <Space size={0}>
                  <Button type="link" size="small" onClick={() => setChanging(t)}>分工调整</Button>
                  <Button type="link" size="small" onClick={() => setEnding(t)}>结束任职</Button>
                </Space>
              )),
            }]
            : []),
        ]}
      />
      {adding && <TenureCreateModal cadreId={cadreId} cadreName={cadreName} onClose={() => setAdding(false)} />}
      {ending && <EndTenureModal tenure={ending} onClose={() => setEnding(null)} />}
      {changing && (
        <DomainChangeModal tenure={{ ...changing, label: `${cadreName} · ${changing.orgName}${changing.title}` }} onClose={() => setChanging(null)} />
      )}
    </Card>
  );
}
