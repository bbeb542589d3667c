/** 领导班子: the current members of the org's team, 一把手 first (the server orders them), with the 分工 in force today. */
import type { TeamMember } from '@jiandu/domain';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../api/client';
import { orgsApi } from '../../api/endpoints';
import { useCurrentUser } from '../../app/auth';
import { PrincipalTag } from '../../components/PrincipalTag';
import { DomainChangeModal, type DomainTenure } from '../../components/tenure-domains/DomainChangeModal';
import { DomainTags } from '../../components/tenure-domains/DomainTags';
import { formatDate, formatMonth } from '../../lib/format';
import { orgKeys } from '../../api/queries/orgs';

export function TeamCard({ orgId }: { orgId: string }) {
  const me = useCurrentUser();
  const team = useQuery({ queryKey: orgKeys.team(orgId), queryFn: () => orgsApi.team(orgId) });
  const canOpen = me.can('cadre:read');
  const canWrite = me.can('cadre:write');
  const [changing, setChanging] = useState<DomainTenure | null>(null);

  const t = team.data?.team;
  return (
    <Card title={t ? `领导班子 · ${t.name}` : '领导班子'} loading={team.isPending}>
      {team.error && <Alert type="error" showIcon title={errorMessage(team.error)} />}
      {t?.managedAbove && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title="本班子由上级组织部门管理：标“上级管理”的成员不在本级管辖范围内，其档案和台账不在此显示。" />
      )}
      {team.data && !t && <Empty description="本单位未设领导班子" />}
      {t && (
        <Table<TeamMember>
          rowKey="tenureId"
          size="middle"
          pagination={false}
          dataSource={t.members}
          locale={{ emptyText: '班子暂无现任成员' }}
          columns={[
            {
              title: '姓名', dataIndex: 'name', width: t.members.some((m) => m.managedAbove) ? 170 : 110,
              // 干部管理权限: a member managed above the jurisdiction is a name and a mark, nothing to open.
              render: (name: string, m) => (m.managedAbove || !m.cadreId
                ? <Space size={6}>{name}<Tag color="default">上级管理</Tag></Space>
                : canOpen ? <Link to={`/cadres/${m.cadreId}`}>{name}</Link> : name),
            },
            { title: '性别', dataIndex: 'gender', width: 60, render: (v: string | null) => v ?? '—' },
            { title: '出生年月', dataIndex: 'birth', width: 110, render: (v: string | null) => (v ? formatMonth(v) : '—') },
            {
              title: '职务', dataIndex: 'title',
              render: (title: string | null, m) => <Space size={6}>{title ?? '—'}{m.isPrincipal && <PrincipalTag />}</Space>,
            },
            {
              title: '分管领域', dataIndex: 'domains',
              render: (domains: string[], m) => (m.managedAbove ? null : <DomainTags tenureId={m.tenureId} domains={domains} since={m.domainsSince} />),
            },
            { title: '职务层次', dataIndex: 'rank', width: 100, render: (v: string | null) => v ?? '—' },
            { title: '任职时间', dataIndex: 'startDate', width: 120, render: (v: string | null) => (v ? formatDate(v) : '—') },
            ...(canWrite && !t.managedAbove // 上级管理的班子：分工由上级组织部门调整
              ? [{
                title: '操作', key: 'actions', width: 90,
                render: (_: unknown, m: TeamMember) => (m.managedAbove ? null : (
                  <Button type="link" size="small" onClick={() => setChanging({
                    id: m.tenureId, label: `${m.name} · ${m.title ?? ''}`, domains: m.domains, startDate: m.startDate,
                  })}>分工调整</Button>
                )),
              }]
              : []),
          ]}
        />
      )}
      {changing && <DomainChangeModal tenure={changing} onClose={() => setChanging(null)} />}
    </Card>
  );
}
