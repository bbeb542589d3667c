/** Puts the issues of an entry API error under the matching fields, including 'details.grade'. */
import type { FormInstance } from 'antd';
import { ApiError } from '../../api/client';
import type { FieldSpec } from './schema';

export const COMMON_FIELDS = ['kind', 'sourceDept', 'occurredOn', 'refNo', 'summary', 'outcome', 'sensitivity', 'reason'] as const;

type NamePath = string | [string, string];

function fieldOf(path: string, details: FieldSpec[]): NamePath | null {
  const p = path.replace(/^(body|querystring|params)\.?/u, '');
  const [head, sub] = p.split('.');
  if (head === 'cadreId' || head === 'teamId') return 'subject';
  if (head === 'details' && sub && details.some((f) => f.name === sub)) return ['details', sub];
  if (head && (COMMON_FIELDS as readonly string[]).includes(head)) return head;
  return null;
}

export interface EntryFormError {
  message: string;
  /** 409: the record changed meanwhile; the user should reload it. */
  stale: boolean;
  /** The first field that got an issue, to scroll to. */
  field?: NamePath;
}

/** Issues go under their fields; returns the message for the alert above the form. */
export function entryFormErrorOf(form: FormInstance, e: unknown, details: FieldSpec[]): EntryFormError {
  if (!(e instanceof ApiError)) return { message: e instanceof Error ? e.message : '操作失败', stale: false };
  if (e.status === 409) return { message: e.message, stale: true };
  if (e.issues.length === 0) return { message: e.message, stale: false };
  const byField = new Map<string, { name: NamePath; errors: string[] }>();
  const rest: string[] = [];
  for (const issue of e.issues) {
    const name = fieldOf(issue.path, details);
    if (!name) {
      rest.push(issue.message);
      continue;
    }
    const key = JSON.stringify(name);
    const cur = byField.get(key) ?? { name, errors: [] };
    cur.errors.push(issue.message);
    byField.set(key, cur);
  }
  form.setFields([...byField.values()]);
  if (rest.length > 0) return { message: rest.join('；'), stale: false, field: [...byField.values()][0]?.name };
  const field = [...byField.values()][0]?.name;
  return { message: '请按提示修改标红的字段', stale: false, field };
}
