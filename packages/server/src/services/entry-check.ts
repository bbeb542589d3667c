/**
 * Validation of a ledger entry, shared by the form, the Excel import and the department API: kind and
 * department rights, subject in scope, details against the kind's schema, impact period. Never throws
 * for bad input: returns the issues, each naming its field, in Chinese.
 */
import { ENTRY_KIND, ENTRY_KINDS, crossCheckDetails, impactOf, subjectIssue, type Dictionaries, type ImpactSettings } from '@jiandu/domain';
import type { z } from 'zod';
import type { Tx } from '../db/client.ts';
import { headTarget, headTargets, subjectOrg } from '../repositories/entries.repository.ts';
import type { Actor } from '../context.ts';

export interface EntryContent {
  kind: string;
  sourceDept: string;
  cadreId: string | null;
  teamId: string | null;
  occurredOn: string;
  refNo: string | null;
  summary: string;
  outcome: string | null;
  details: Record<string, unknown>;
  sensitivity: string;
}

export interface CheckedEntry extends EntryContent {
  orgId: string;
  regionCode: string;
  impactUntil: string | null;
  impactBasis: string | null;
}

export type Issue = { path: string; message: string };
export type CheckResult = { ok: true; entry: CheckedEntry } | { ok: false; issues: Issue[] };

export const kindName = (code: string) => ENTRY_KINDS.find((k) => k.code === code)?.name ?? code;

export interface RuleContext {
  dicts: Dictionaries;
  /** The kinds' detail schemas, built once from `dicts` (building zod schemas is costly: never per row). */
  schemas: Record<string, z.ZodType>;
  impact: ImpactSettings;
  /** The kinds each department may submit (from the department table). */
  deptKinds: Map<string, string[]>;
  today: string;
}

function zodIssues(prefix: string, error: z.ZodError): Issue[] {
  return error.issues.map((i) => ({ path: [prefix, ...i.path.map(String)].filter(Boolean).join('.'), message: i.message }));
}

export interface SubjectPlace {
  orgId: string;
  regionCode: string;
}
export interface ResolvedSubject {
  cadre: SubjectPlace | null;
  team: SubjectPlace | null;
}

/** The ledger entry a detail field points at (容错纠错 → the entry it is about), as the rules need it. */
export interface TargetEntry {
  cadreId: string | null;
  kind: string;
  status: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu;

/** The current head of an entry named by a detail field, or null. */
async function targetEntry(tx: Tx, id: unknown): Promise<TargetEntry | null> {
  if (typeof id !== 'string' || !UUID.test(id)) return null;
  return headTarget(tx, id.toLowerCase());
}

/** The targets of many 容错纠错 rows at once (an import's chunk): id (lower case) → head. */
export async function targetEntries(tx: Tx, ids: readonly unknown[]): Promise<Map<string, TargetEntry>> {
  const valid = [...new Set(ids.filter((id): id is string => typeof id === 'string' && UUID.test(id)).map((id) => id.toLowerCase()))];
  if (valid.length === 0) return new Map();
  const found = await headTargets(tx, valid);
  return new Map(found.map(({ id, ...t }) => [id, t]));
}

/** Checks an entry whose subject is looked up here (one entry: the form, the API). */
export async function checkEntry(tx: Tx, actor: Actor, c: EntryContent, ctx: RuleContext): Promise<CheckResult> {
  const target = c.kind === ENTRY_KIND.faultTolerance ? await targetEntry(tx, c.details.targetEntryId) : undefined;
  return checkResolvedEntry(actor, c, ctx, await subjectOrg(tx, c, actor.scope), target);
}

/**
 * 容错纠错 is about one earlier entry of the same cadre. Not found, another cadre's and withdrawn read
 * alike: a member department learns nothing about entries it may not see.
 */
function targetIssues(c: EntryContent, target: TargetEntry | null): Issue[] {
  if (!target || target.cadreId === null || target.cadreId !== c.cadreId || target.status === 'withdrawn') {
    return [{ path: 'details.targetEntryId', message: '所涉台账记录编号：该干部的台账中没有这条记录（或已撤销）' }];
  }
  if (target.kind === ENTRY_KIND.faultTolerance) return [{ path: 'details.targetEntryId', message: '所涉台账记录编号：不能指向另一条容错纠错记录' }];
  return [];
}

/**
 * Checks an entry whose subject was already resolved within the actor's scope (bulk imports resolve a chunk
 * at once). `target`: the entry a 容错纠错 names, looked up by the caller (undefined: not looked up).
 */
export function checkResolvedEntry(actor: Actor, c: EntryContent, ctx: RuleContext, subject: ResolvedSubject, target?: TargetEntry | null): CheckResult {
  const issues: Issue[] = [];
  const schema = ctx.schemas[c.kind];
  if (!schema) return { ok: false, issues: [{ path: 'kind', message: `台账类别“${c.kind}”不存在` }] };
  const kinds = ctx.deptKinds.get(c.sourceDept);
  if (!kinds) issues.push({ path: 'sourceDept', message: `来源单位“${c.sourceDept}”不存在` });
  else if (!kinds.includes(c.kind)) issues.push({ path: 'sourceDept', message: `来源单位不报送“${kindName(c.kind)}”类记录` });
  if (actor.departmentCode && !actor.permissions.has('entry:write') && c.sourceDept !== actor.departmentCode) {
    issues.push({ path: 'sourceDept', message: '成员单位只能报送本单位的记录' });
  }
  if (c.occurredOn > ctx.today) issues.push({ path: 'occurredOn', message: '发生日期不能晚于今天' });
  if (!c.cadreId && !c.teamId) issues.push({ path: 'cadreId', message: '请指定干部或领导班子' });
  const parsed = schema.safeParse(c.details);
  if (!parsed.success) issues.push(...zodIssues('details', parsed.error));
  if (c.cadreId && !subject.cadre) issues.push({ path: 'cadreId', message: '干部不存在或不在管辖范围内' });
  if (c.teamId && !subject.team) issues.push({ path: 'teamId', message: '领导班子不存在或不在管辖范围内' });
  const wrongSubject = subjectIssue(c.kind, { cadre: !!c.cadreId, team: !!c.teamId });
  if (wrongSubject) issues.push(wrongSubject);
  if (issues.length > 0 || !parsed.success) return { ok: false, issues };
  const details = parsed.data as Record<string, unknown>;
  const cross = crossCheckDetails(c.kind, details, { cadre: !!c.cadreId, team: !!c.teamId }, ctx.dicts);
  if (target !== undefined && c.kind === ENTRY_KIND.faultTolerance) cross.push(...targetIssues(c, target));
  if (cross.length > 0) return { ok: false, issues: cross };
  const where = subject.cadre ?? subject.team!;
  const impact = impactOf({ kind: c.kind, occurredOn: c.occurredOn, details }, ctx.impact);
  return {
    ok: true,
    entry: {
      ...c, details, orgId: where.orgId, regionCode: where.regionCode,
      impactUntil: impact?.until ?? null, impactBasis: impact?.basis ?? null,
    },
  };
}
