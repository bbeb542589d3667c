/** On an org's page: the 预警 and 待办 of its 领导班子 (the team id from GET /api/orgs/:id/team, shared with the team card). */
import { useQuery } from '@tanstack/react-query';
import { Card, Tabs } from 'antd';
import { orgsApi } from '../../api/endpoints';
import { useCurrentUser } from '../../app/auth';
import { ObligationList } from '../obligations/ObligationList';
import { WarningList } from './WarningList';
import { orgKeys } from '../../api/queries/orgs';

export function TeamSupervisionCard({ orgId }: { orgId: string }) {
  const me = useCurrentUser();
  const team = useQuery({ queryKey: orgKeys.team(orgId), queryFn: () => orgsApi.team(orgId) });
  const t = team.data?.team;
  if (!t) return null;
  const items = [
    ...(me.can('warning:read') ? [{
      key: 'warnings', label: '班子预警',
      children: <WarningList filters={{ teamId: t.id, view: 'all' }} showSubject={false} pageSize={20} emptyText="该班子没有预警" />,
    }] : []),
    ...(me.can('obligation:read') ? [{
      key: 'obligations', label: '班子待办',
      children: <ObligationList filters={{ teamId: t.id }} showSubject={false} pageSize={20} emptyText="该班子没有待办事项" />,
    }] : []),
  ];
  if (items.length === 0) return null;
  return (
    <Card key={t.id} style={{ marginTop: 16 }} styles={{ body: { paddingTop: 4 } }}>
      <Tabs items={items} destroyOnHidden />
    </Card>
  );
}
