/** Puts the field-level issues of an API error on the fields of an antd form. */
import type { FormInstance } from 'antd';
import { ApiError } from '../api/client';

/** 'body.idNumber' → 'idNumber' (schema validation prefixes the request part; services do not). */
function issueField(path: string): string {
  return path.replace(/^(body|querystring|params)\.?/u, '');
}

/**
 * Shows each issue under its field when the form has that field.
 * Returns the issues no field took, so the caller can show them in an alert.
 */
function applyServerIssues(form: FormInstance, e: unknown, fieldNames: readonly string[]): string[] {
  if (!(e instanceof ApiError)) return [];
  const byField = new Map<string, string[]>();
  const rest: string[] = [];
  for (const issue of e.issues) {
    const field = issueField(issue.path).split('.')[0] ?? '';
    if (fieldNames.includes(field)) byField.set(field, [...(byField.get(field) ?? []), issue.message]);
    else rest.push(issue.message);
  }
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  return rest;
}

/**
 * Puts the issues on the fields and returns what still needs an alert above the form:
 * the issues no field took, or the whole message when the error names no field. null when nothing is left.
 */
export function formErrorOf(form: FormInstance, e: unknown, fieldNames: readonly string[]): string | null {
  if (e instanceof ApiError && e.issues.length > 0) {
    const rest = applyServerIssues(form, e, fieldNames);
    return rest.length > 0 ? rest.join('；') : null;
  }
  return e instanceof Error ? e.message : '操作失败';
}
