/** 变更记录: a unit's dated changes (新增、更名、调整隶属、合并、撤销), the latest recorded first. */
import type { OrgChange } from '@jiandu/domain';
import { useQuery } from '@tanstack/react-query';
import { Alert, Table, Tag, Typography } from 'antd';
import { errorMessage } from '../../api/client';
import { orgsApi } from '../../api/endpoints';
import { orgKeys } from '../../api/queries/orgs';
import { formatDateTime } from '../../lib/format';

const KIND_NAMES: Record<OrgChange['kind'], { label: string; color: string }> = {
  create: { label: '新增', color: 'green' },
  import: { label: '导入', color: 'green' },
  rename: { label: '更名', color: 'blue' },
  move: { label: '调整隶属', color: 'purple' },
  merge: { label: '合并', color: 'orange' },
  abolish: { label: '撤销', color: 'default' },
};

const str = (v: unknown) => (typeof v === 'string' ? v : v == null ? '' : String(v));

/** What changed, in words, from the change's details. */
export function describeChange(c: OrgChange): string {
  const d = c.details;
  switch (c.kind) {
    case 'create':
    case 'import':
      return str(d.name) ? `设立“${str(d.name)}”` : '设立';
    case 'rename': {
      const short = d.fromShortName !== d.toShortName ? `；简称 ${str(d.fromShortName) || '无'} → ${str(d.toShortName) || '无'}` : '';
      return `${str(d.from)} → ${str(d.to)}${short}`;
    }
    case 'move':
      return `${str(d.fromParentName) || '顶级'} → ${str(d.toParentName)}`;
    case 'merge': {
      const follow = [
        Number(d.cadres) ? `干部${str(d.cadres)}人随转` : '',
        d.team === 'moved' ? '领导班子随转' : Number(d.tenures) ? `班子成员${str(d.tenures)}人转入` : '',
        Number(d.children) ? `下级单位${str(d.children)}个随转` : '',
        Number(d.principalsJoined) ? '原一把手转为班子成员（并入单位已有一把手）' : '',
      ].filter(Boolean).join('，');
      const head = d.intoName ? `并入“${str(d.intoName)}”` : `“${str(d.fromName)}”并入本单位`;
      return follow ? `${head}（${follow}）` : head;
    }
    case 'abolish':
      return '撤销';
  }
}

export function OrgChangeHistory({ orgId }: { orgId: string }) {
  const changes = useQuery({ queryKey: orgKeys.changes(orgId), queryFn: () => orgsApi.changes(orgId) });
  if (changes.error) return <Alert type="error" title={errorMessage(changes.error)} />;
  return (
    <>
      <Typography.Title level={5} style={{ marginTop: 16 }}>变更记录</Typography.Title>
      <Table<OrgChange>
        size="small"
        rowKey="id"
        loading={changes.isPending}
        dataSource={changes.data ?? []}
        pagination={false}
        locale={{ emptyText: '暂无变更记录' }}
        columns={[
          { title: '生效日期', dataIndex: 'effectiveDate', width: 110 },
          { title: '变更', dataIndex: 'kind', width: 90, render: (k: OrgChange['kind']) => <Tag color={KIND_NAMES[k].color}>{KIND_NAMES[k].label}</Tag> },
          { title: '内容', key: 'what', render: (_, c) => describeChange(c) },
          { title: '原因', dataIndex: 'reason', render: (r: string | null) => r ?? '—' },
          { title: '登记', key: 'by', width: 170, render: (_, c) => <Typography.Text type="secondary">{c.createdByLogin ?? '—'} · {formatDateTime(c.createdAt)}</Typography.Text> },
        ]}
      />
    </>
  );
}
