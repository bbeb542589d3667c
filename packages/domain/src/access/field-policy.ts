/**
 * The one field policy (AC-06, AC-08, DATA-04): given what an account holds, which fields of a cadre and
 * which ledger entries it may read in clear. Every screen and every export (.lrmx, .docx, .xlsx) asks
 * this module, so a field withheld on one path is withheld on all of them.
 *
 * - The full 身份证号 and the family members (家庭成员) need `cadre:sensitive`; without it the 身份证号 is only
 *   ever masked (`1101**********1234`) and the family is absent.
 * - A ledger entry labelled above 一般 (敏感, 重要) needs `entry:sensitive` (监督员, 监督科负责人), except for
 *   the department that reported it (a 成员单位 reads its own submissions). Without clearance the entry is
 *   still listed — its kind, subject, source, date, status and impact period, so counts, warnings and
 *   eligibility stay explainable — but as a placeholder: no 文号, summary, outcome, details, impact basis,
 *   reasons or attachments.
 */
import type { Permission } from '../codes/roles.ts';

export interface FieldPolicy {
  /** The full 身份证号 (otherwise masked). */
  idNumber: boolean;
  /** 家庭成员 (otherwise absent; their count may be shown). */
  family: boolean;
  /** Entries labelled 敏感 / 重要 of any department. */
  sensitiveEntries: boolean;
  /** The reporting department of the account: its own entries are readable whatever their label. */
  department: string | null;
}

/** The labels that need clearance: anything above 一般. */
export const RESTRICTED_SENSITIVITY: readonly string[] = ['敏感', '重要'];
export const isRestrictedLevel = (level: string): boolean => level !== '一般';

/** What a withheld entry shows instead of its summary. */
export const SENSITIVE_PLACEHOLDER = '敏感记录，需相应权限查看';

export function fieldPolicyOf(actor: { permissions: ReadonlySet<Permission>; departmentCode?: string | null }): FieldPolicy {
  const p = actor.permissions;
  return {
    idNumber: p.has('cadre:sensitive'),
    family: p.has('cadre:sensitive'),
    sensitiveEntries: p.has('entry:sensitive'),
    department: actor.departmentCode ?? null,
  };
}

/** Everything in clear: the command line (run by the operator on the server) and the rules engine. */
export const FULL_FIELD_POLICY: FieldPolicy = { idNumber: true, family: true, sensitiveEntries: true, department: null };

/** May this reader see the content of an entry (or of one version of it)? */
export function mayReadEntry(policy: FieldPolicy, e: { sensitivity: string; sourceDept: string }): boolean {
  return !isRestrictedLevel(e.sensitivity) || policy.sensitiveEntries || (policy.department !== null && policy.department === e.sourceDept);
}

/** The content fields an entry's version carries; a withheld one keeps its shape with these emptied. */
interface EntryContentFields {
  refNo: string | null;
  summary: string;
  outcome: string | null;
  details: Record<string, unknown>;
  impactBasis: string | null;
}

/** The version as a reader without clearance sees it: same row, content replaced by the placeholder. */
export function withheldEntry<T extends EntryContentFields>(v: T): T & { redacted: true } {
  const out = { ...v, refNo: null, summary: SENSITIVE_PLACEHOLDER, outcome: null, details: {}, impactBasis: null, redacted: true as const };
  if ('reason' in out && out.reason !== null) (out as { reason: string | null }).reason = null;
  if ('reviewReason' in out && out.reviewReason !== null) (out as { reviewReason: string | null }).reviewReason = null;
  return out;
}

/**
 * The one mapping every path uses: the version itself, or its placeholder. `current` is the entry's
 * current version when `v` is an older one (a version is withheld when it or the current one is restricted).
 */
export function entryForReader<T extends EntryContentFields & { sensitivity: string; sourceDept: string }>(
  policy: FieldPolicy, v: T, current?: { sensitivity: string; sourceDept: string },
): T & { redacted: boolean } {
  const readable = mayReadEntry(policy, v) && (!current || mayReadEntry(policy, current));
  return readable ? { ...v, redacted: false } : withheldEntry(v);
}
