/**
 * POST /api/v1/entries: a department system pushes a batch of ledger entries with its 接口令牌.
 *
 * Semantics (also in the OpenAPI description and docs/architecture.md):
 * - A structurally invalid request (wrong types, missing fields, more than 500 items) is refused whole by
 *   the route schema: 400, nothing written, no Idempotency-Key consumed.
 * - Otherwise every item is checked on its own, with the rules of a member department's form
 *   (checkEntry) plus the token's limits: its kinds and its jurisdiction. Valid items become pending
 *   submissions (provenance 'api'); invalid ones are reported with their issues. All in ONE transaction,
 *   with the Idempotency-Key row and one audit row: either the whole answer is committed or nothing.
 * - Idempotency-Key: the (token, key) row is claimed first, so concurrent retries wait for the first and
 *   then replay its stored answer (200, `Idempotent-Replayed: true`, nothing written). The same key with
 *   another body is refused (422).
 * - externalId: an item becomes the entry with natural key `api:<department>:<externalId>`; pushing the same
 *   externalId again (in the same batch, or later under any key or token of the department) reports it as
 *   'duplicate' with the existing entry's id. Pushes of one department are serialized by an advisory lock.
 */
import { parseIdNumber, type PushBody, type PushEntryItem, type PushItemResult, type PushResponse } from '@jiandu/domain';
import type { Database, Tx } from '../db/client.ts';
import type { FieldCrypto } from '../crypto/keys.ts';
import { sm3 } from '../crypto/sm.ts';
import { canonical } from '../lib/canonical.ts';
import * as tokens from '../repositories/api-tokens.repository.ts';
import { recordAudit } from '../repositories/audit.repository.ts';
import { findByBlindIndex, findByNameAndOrg } from '../repositories/cadres.repository.ts';
import { findOrgInScope, teamOfOrg } from '../repositories/orgs.repository.ts';
import type { ApiTokenAuth } from './api-tokens.service.ts';
import type { Clock, Scope } from '../context.ts';
import { insertNewEntry, ruleContext } from './entries.service.ts';
import { checkEntry, kindName, type Issue } from './entry-check.ts';
import { ServiceError } from '../errors.ts';

export interface PushDeps {
  db: Database;
  clock: Clock;
  crypto: FieldCrypto;
}

export type PushOutcome =
  | { kind: 'done'; response: PushResponse; replayed: boolean }
  | { kind: 'key_reused' };

export const naturalKeyOf = (departmentCode: string, externalId: string) => `api:${departmentCode}:${externalId}`;

/** Paths of the shared entry rules, renamed to the fields of a pushed item. */
const PATH_OF: Record<string, string> = { cadreId: 'cadre', teamId: 'teamOrgId', sourceDept: 'kind' };
const renamePath = (i: Issue): Issue => {
  const [head, ...rest] = i.path.split('.');
  return { path: [PATH_OF[head!] ?? head, ...rest].join('.'), message: i.message };
};

interface Subject {
  cadreId: string | null;
  teamId: string | null;
  issues: Issue[];
}

/** Finds the item's subject within the token's jurisdiction, exactly like the member departments' lookup. */
async function resolveSubject(tx: Tx, deps: PushDeps, scope: Scope, item: PushEntryItem): Promise<Subject> {
  const issues: Issue[] = [];
  let cadreId: string | null = null;
  let teamId: string | null = null;
  const c = item.cadre;
  if (c) {
    if (c.idNumber) {
      const parsed = parseIdNumber(c.idNumber);
      if (!parsed.ok) issues.push({ path: 'cadre.idNumber', message: parsed.message });
      else {
        const found = await findByBlindIndex(tx, deps.crypto.blindIndex('id_number', parsed.value), scope);
        if (found) cadreId = found.id;
        else issues.push({ path: 'cadre.idNumber', message: '未找到该身份证号对应的干部（或不在令牌的管辖范围内）' });
      }
    } else if (c.name && c.orgId) {
      const found = await findByNameAndOrg(tx, c.name.normalize('NFKC').replace(/\s/gu, ''), c.orgId, scope);
      if (found.length === 1) cadreId = found[0]!.id;
      else if (found.length > 1) issues.push({ path: 'cadre.name', message: '该单位有多名同名干部，请改用身份证号' });
      else issues.push({ path: 'cadre.name', message: '所在单位中未找到该姓名的干部（或不在令牌的管辖范围内）' });
    } else {
      issues.push({ path: 'cadre', message: '请提供干部的身份证号，或同时提供姓名和所在单位（orgId）' });
    }
  }
  if (item.teamOrgId) {
    const o = await findOrgInScope(tx, item.teamOrgId, scope);
    const t = o ? await teamOfOrg(tx, o.id) : null;
    if (t) teamId = t.id;
    else issues.push({ path: 'teamOrgId', message: '单位不存在、没有领导班子或不在令牌的管辖范围内' });
  }
  if (!c && !item.teamOrgId) issues.push({ path: 'cadre', message: '请指定干部（cadre）或领导班子所在单位（teamOrgId）' });
  return { cadreId, teamId, issues };
}

export async function pushEntries(deps: PushDeps, auth: ApiTokenAuth, idempotencyKey: string, body: PushBody): Promise<PushOutcome> {
  const requestSm3 = sm3(canonical(body));
  const { actor, departmentCode } = auth;
  const scope = actor.scope!;
  return deps.db.tx(async (tx): Promise<PushOutcome> => {
    const at = deps.clock.now();
    if (!(await tokens.claimIdempotencyKey(tx, auth.tokenId, idempotencyKey, requestSm3, at))) {
      const prev = await tokens.findIdempotency(tx, auth.tokenId, idempotencyKey);
      if (!prev || prev.status === 0) throw new ServiceError('conflict', '使用同一 Idempotency-Key 的请求正在处理，请稍后重试', 'idempotency_in_progress');
      if (!Buffer.from(prev.requestSm3).equals(requestSm3)) return { kind: 'key_reused' };
      return { kind: 'done', response: prev.response as PushResponse, replayed: true };
    }

    await tokens.lockDepartmentPush(tx, departmentCode);
    const ctx = await ruleContext(tx, deps.clock);
    const keys = body.entries.map((e) => naturalKeyOf(departmentCode, e.externalId));
    const known = await tokens.entryIdsByNaturalKey(tx, [...new Set(keys)]);
    const results: PushItemResult[] = [];
    for (const [index, item] of body.entries.entries()) {
      const base = { index, externalId: item.externalId };
      const key = keys[index]!;
      const existing = known.get(key);
      if (existing) {
        results.push({ ...base, status: 'duplicate', entryId: existing });
        continue;
      }
      if (!auth.kinds.includes(item.kind)) {
        results.push({ ...base, status: 'rejected', issues: [{ path: 'kind', message: `该接口令牌不能报送“${kindName(item.kind)}”类记录` }] });
        continue;
      }
      const subject = await resolveSubject(tx, deps, scope, item);
      const checked = await checkEntry(tx, actor, {
        kind: item.kind, sourceDept: departmentCode, cadreId: subject.cadreId, teamId: subject.teamId, occurredOn: item.occurredOn,
        refNo: item.refNo ?? null, summary: item.summary, outcome: item.outcome ?? null, details: item.details, sensitivity: item.sensitivity,
      }, ctx);
      if (subject.issues.length > 0 || !checked.ok) {
        // A subject that was not found is reported once, by the lookup, not again as "no subject".
        const ruleIssues = checked.ok ? [] : checked.issues.filter((i) => subject.issues.length === 0 || !['cadreId', 'teamId'].includes(i.path));
        results.push({ ...base, status: 'rejected', issues: [...subject.issues, ...ruleIssues.map(renamePath)] });
        continue;
      }
      const entryId = await insertNewEntry(tx, actor, checked.entry, 'pending', { provenance: 'api', naturalKey: key }, at, deps.crypto);
      known.set(key, entryId);
      results.push({ ...base, status: 'created', entryId });
    }
    const count = (s: PushItemResult['status']) => results.filter((r) => r.status === s).length;
    const response: PushResponse = { created: count('created'), duplicates: count('duplicate'), rejected: count('rejected'), results };
    await tokens.completeIdempotency(tx, auth.tokenId, idempotencyKey, 200, response);
    await recordAudit(tx, actor, {
      action: 'entry.push', objectType: 'api_token', objectId: auth.tokenId,
      result: response.created > 0 || response.duplicates > 0 || response.rejected === 0 ? 'success' : 'failure',
      details: {
        token: auth.name, departmentCode, items: results.length, created: response.created,
        duplicates: response.duplicates, rejected: response.rejected,
      },
    }, deps.clock);
    return { kind: 'done', response, replayed: false };
  });
}
