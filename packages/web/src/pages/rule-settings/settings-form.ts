/** The rule settings as the form holds them (a percentage, a Dayjs) and back; server issues onto nested fields. */
import type { RuleSettingsBody } from '@jiandu/domain';
import type { FormInstance } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { ApiError } from '../../api/client';

export type SettingsValues = Omit<RuleSettingsBody, 'reviewBottomFraction' | 'obligationsStartOn'> & {
  /** 0–100 on screen, 0–1 in the API. */
  reviewBottomPercent: number;
  obligationsStartOn: Dayjs;
};

export function toValues(s: RuleSettingsBody): SettingsValues {
  const { reviewBottomFraction, obligationsStartOn, ...rest } = s;
  return { ...rest, reviewBottomPercent: Math.round(reviewBottomFraction * 10000) / 100, obligationsStartOn: dayjs(obligationsStartOn) };
}

/** Drops empty impact months (no impact period for that measure); the server compares settings whatever their key order. */
function months(r: Record<string, number | null | undefined>): Record<string, number> {
  return Object.fromEntries(Object.entries(r).filter((e): e is [string, number] => typeof e[1] === 'number'));
}

/** The body to save; `before` (the settings as loaded) keeps what the form only shows rounded (1/3 as 33.33%). */
export function toBody(v: SettingsValues, before: RuleSettingsBody): RuleSettingsBody {
  const { reviewBottomPercent, obligationsStartOn, impact, ...rest } = v;
  const shown = toValues(before).reviewBottomPercent;
  return {
    ...rest,
    impact: {
      government: months(impact.government),
      party: months(impact.party),
      organizational: months(impact.organizational),
      admonitionMonths: impact.admonitionMonths,
    },
    reviewBottomFraction: reviewBottomPercent === shown ? before.reviewBottomFraction : Math.round(reviewBottomPercent * 100) / 10000,
    obligationsStartOn: obligationsStartOn.format('YYYY-MM-DD'),
  };
}

/**
 * Puts each issue of an API error on its (nested) field when the form has it — 'body.petition.threshold' →
 * ['petition', 'threshold'] — and returns the message for an alert: the issues no field took, or the whole
 * message. null when nothing is left.
 */
export function applyIssues(form: FormInstance, e: unknown, rename: Record<string, string> = {}): string | null {
  if (!(e instanceof ApiError) || e.issues.length === 0) return e instanceof Error ? e.message : '保存失败';
  // The form's registered fields, by their joined name ('petition.threshold', 'impact.party.警告').
  const known = new Map(form.getFieldsError().map((f) => [f.name.join('.'), f.name]));
  const rest: string[] = [];
  const errors = new Map<string, { name: (string | number)[]; errors: string[] }>();
  for (const issue of e.issues) {
    const parts = issue.path.replace(/^body\.?/u, '').split('.').filter(Boolean);
    const renamed = parts[0] ? rename[parts[0]] : undefined;
    if (renamed) parts[0] = renamed;
    // The longest registered prefix takes it ('notDirectlyInCharge.2' → the list's field).
    let hit: (string | number)[] | undefined;
    for (let n = parts.length; n > 0 && !hit; n -= 1) hit = known.get(parts.slice(0, n).join('.'));
    if (hit) {
      const key = hit.join('.');
      const f = errors.get(key) ?? { name: hit, errors: [] };
      f.errors.push(issue.message);
      errors.set(key, f);
    } else rest.push(issue.message);
  }
  const fields = [...errors.values()];
  form.setFields(fields);
  if (fields.length > 0) form.scrollToField(fields[0]!.name);
  return rest.length > 0 ? rest.join('；') : fields.length > 0 ? '请按提示修改标红的项目' : e.message;
}
