/** The ledger timeline of an org's leadership team (the team id from GET /api/orgs/:id/team, shared with the team card). */
import { useQuery } from '@tanstack/react-query';
import { orgsApi } from '../../api/endpoints';
import { useCurrentUser } from '../../app/auth';
import { LedgerTimelineCard } from './LedgerTimelineCard';
import { orgKeys } from '../../api/queries/orgs';

export function TeamLedgerCard({ orgId }: { orgId: string }) {
  const me = useCurrentUser();
  const team = useQuery({ queryKey: orgKeys.team(orgId), queryFn: () => orgsApi.team(orgId), enabled: me.can('entry:read') });
  const t = team.data?.team;
  if (!t || !me.can('entry:read')) return null;
  return <LedgerTimelineCard key={t.id} subject={{ type: 'team', id: t.id, name: t.name }} />;
}
