/** What one version changed against the one before it, field by field (details by their schema titles). */
import type { EntryVersionView } from '@jiandu/domain';
import { formatDetail, labelledDetails, type FieldSpec } from '../../components/entry-form/schema';

export interface FieldChange {
  field: string;
  before: string;
  after: string;
}

const subjectOf = (v: EntryVersionView) => [v.cadreName && `干部 ${v.cadreName}`, v.teamName && `班子 ${v.teamName}`].filter(Boolean).join('，');

const COMMON: Array<[string, (v: EntryVersionView) => unknown]> = [
  ['记录对象', subjectOf],
  ['发生日期', (v) => v.occurredOn],
  ['文号', (v) => v.refNo],
  ['摘要', (v) => v.summary],
  ['处理结果', (v) => v.outcome],
  ['敏感级别', (v) => v.sensitivity],
  ['影响期至', (v) => (v.impactUntil ? `${v.impactUntil}${v.impactBasis ? `（${v.impactBasis}）` : ''}` : null)],
];

export function diffVersions(prev: EntryVersionView, next: EntryVersionView, fields: FieldSpec[]): FieldChange[] {
  const out: FieldChange[] = [];
  const push = (field: string, a: unknown, b: unknown) => {
    const before = formatDetail(a);
    const after = formatDetail(b);
    if (before !== after) out.push({ field, before, after });
  };
  for (const [label, get] of COMMON) push(label, get(prev), get(next));
  const a = labelledDetails(fields, prev.details);
  const b = labelledDetails(fields, next.details);
  const names = [...new Set([...a.map((x) => x.name), ...b.map((x) => x.name)])];
  for (const name of names) {
    const title = a.find((x) => x.name === name)?.title ?? b.find((x) => x.name === name)?.title ?? name;
    push(title, prev.details[name], next.details[name]);
  }
  return out;
}
