/**
 * The query-key factories (src/api/queries): an invalidation by a feature's `all` (or a narrower prefix)
 * must reach exactly the queries it reached when the keys were written inline. TanStack Query matches by
 * prefix, so a key that drifts out from under its prefix would silently stop refreshing.
 */
import { partialMatchKey, type QueryKey } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { apiTokenKeys } from '../src/api/queries/api-tokens';
import { auditKeys } from '../src/api/queries/audit';
import { authKeys, mfaKeys } from '../src/api/queries/auth';
import { cadreImportKeys } from '../src/api/queries/cadre-imports';
import { cadreKeys } from '../src/api/queries/cadres';
import { dashboardKeys } from '../src/api/queries/dashboard';
import { importKeys } from '../src/api/queries/imports';
import { ledgerKeys } from '../src/api/queries/ledger';
import { meetingKeys, meetingTaskKeys } from '../src/api/queries/meetings';
import { obligationKeys } from '../src/api/queries/obligations';
import { orgKeys } from '../src/api/queries/orgs';
import { ruleKeys } from '../src/api/queries/rules';
import { securityKeys } from '../src/api/queries/security';
import { accountApprovalKeys, accountChangeKeys, departmentKeys, userKeys } from '../src/api/queries/users';
import { eligibilityKeys, warningKeys } from '../src/api/queries/warnings';

const ID = '00000000-0000-4000-8000-000000000001';
const hits = (prefix: QueryKey, key: QueryKey) => partialMatchKey(key, prefix);

describe('query keys', () => {
  it('are the arrays the pages used before the factories', () => {
    expect(authKeys.me).toEqual(['me']);
    expect(ledgerKeys.list('submissions', { status: 'pending', limit: 50 })).toEqual(['ledger', 'list', 'submissions', { status: 'pending', limit: 50 }]);
    expect(ledgerKeys.entry('entries', ID)).toEqual(['ledger', 'entry', 'entries', ID]);
    expect(cadreKeys.list({ q: 'z', limit: 20 })).toEqual(['cadres', 'list', { q: 'z', limit: 20 }]);
    expect(orgKeys.children(null)).toEqual(['orgs', 'children', '']);
    expect(warningKeys.list({ colour: 'red' }, 20)).toEqual(['warnings', 'list', { colour: 'red' }, 20]);
    expect(dashboardKeys.view({ orgId: ID, year: 2025 })).toEqual(['dashboard', { orgId: ID, year: 2025 }]);
    expect(ruleKeys.latestJob).toEqual(['rules', 'jobs', 'latest']);
    expect(importKeys.rosterCounts(ID)).toEqual(['imports', 'roster-counts', ID]);
    expect(cadreImportKeys.view(ID)).toEqual(['cadre-imports', 'view', ID]);
  });

  it("a feature's `all` prefixes each of its keys", () => {
    const families: Array<[QueryKey, QueryKey[]]> = [
      [ledgerKeys.all, [ledgerKeys.kinds, ledgerKeys.departments, ledgerKeys.list('entries', {}), ledgerKeys.entry('submissions', ID)]],
      [cadreKeys.all, [cadreKeys.list({}), cadreKeys.detail(ID), cadreKeys.record(ID)]],
      [orgKeys.all, [orgKeys.search('x'), orgKeys.detail(ID), orgKeys.children(ID), orgKeys.teams, orgKeys.team(ID)]],
      [mfaKeys.all, [mfaKeys.status, mfaKeys.notice]],
      [accountApprovalKeys.all, [accountApprovalKeys.list('all'), accountApprovalKeys.list('待审批')]],
      [auditKeys.all, [auditKeys.list({})]],
      [importKeys.all, [importKeys.list, importKeys.batch(ID), importKeys.preview(ID), importKeys.issues(ID, 0), importKeys.changes(ID, 0), importKeys.rosterCounts(ID)]],
      [cadreImportKeys.all, [cadreImportKeys.list, cadreImportKeys.view(ID)]],
      [warningKeys.all, [warningKeys.list({}, 20), warningKeys.detail(ID)]],
      [obligationKeys.all, [obligationKeys.list({}, 20), obligationKeys.nearest(undefined)]],
      [eligibilityKeys.all, [eligibilityKeys.of(ID)]],
      [dashboardKeys.all, [dashboardKeys.view({ orgId: undefined, year: undefined })]],
      [meetingKeys.all, [meetingKeys.list, meetingKeys.conveners, meetingKeys.listOf({ status: 'held' }), meetingKeys.detail(ID), meetingKeys.subjects(ID),
        meetingKeys.members(ID), meetingKeys.candidates(ID, 'jw', ''), meetingKeys.conclusionKinds, meetingKeys.proposals, meetingKeys.shared('')]],
      [meetingKeys.list, [meetingKeys.listOf({})]],
      [meetingKeys.detail(ID), [meetingKeys.subjects(ID)]],
      [meetingTaskKeys.all, [meetingTaskKeys.list({}, 50), meetingTaskKeys.detail(ID)]],
      [userKeys.all, []], [departmentKeys.all, []], [accountChangeKeys.all, []], [apiTokenKeys.all, []],
    ];
    for (const [all, keys] of families) for (const k of keys) expect(hits(all, k), `${JSON.stringify(all)} ⊐ ${JSON.stringify(k)}`).toBe(true);
  });

  it('narrower invalidations reach what they did and no more', () => {
    expect(hits(orgKeys.teams, orgKeys.team(ID))).toBe(true);
    expect(hits(orgKeys.teams, orgKeys.detail(ID))).toBe(false);
    expect(hits(importKeys.issuesOf(ID), importKeys.issues(ID, 100))).toBe(true);
    expect(hits(importKeys.changesOf(ID), importKeys.changes(ID, 100))).toBe(true);
    // A new check drops the pages of changes, not the counts the commit report needs.
    expect(hits(importKeys.changesOf(ID), importKeys.rosterCounts(ID))).toBe(false);
    expect(hits(importKeys.list, importKeys.batch(ID))).toBe(false);
    expect(hits(cadreImportKeys.list, cadreImportKeys.view(ID))).toBe(false);
    // Departments of the entry form refresh with the ledger; those of the account forms are their own query.
    expect(hits(ledgerKeys.all, departmentKeys.all)).toBe(false);
    expect(hits(ruleKeys.settings, ruleKeys.catalog)).toBe(false);
    expect(hits(securityKeys.sessions, securityKeys.mfa)).toBe(false);
  });
});
