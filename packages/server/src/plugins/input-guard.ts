/**
 * INP-01: control characters are refused at the door. A NUL (or another C0 control character) in any
 * query-string value, path parameter or JSON body string (or key) is a 400 naming the field, before any
 * route code or query runs; PostgreSQL would otherwise fail on it (text cannot hold NUL) with a 500.
 * Tab, line feed and carriage return are allowed in JSON bodies (multi-line text), nowhere else.
 */
import type { App } from '../app-types.ts';

// eslint-disable-next-line no-control-regex
const IN_LINE = /[\u0000-\u001f\u007f]/u;
// eslint-disable-next-line no-control-regex
const IN_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/u;

/** The path of the first string (or key) holding a forbidden character, or null. */
export function findControlChar(value: unknown, re: RegExp, path: string[] = [], depth = 0): string[] | null {
  if (typeof value === 'string') return re.test(value) ? path : null;
  if (value === null || typeof value !== 'object' || depth > 32 || Buffer.isBuffer(value) || ArrayBuffer.isView(value)) return null;
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const hit = findControlChar(v, re, [...path, String(i)], depth + 1);
      if (hit) return hit;
    }
    return null;
  }
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (re.test(k)) return [...path, k.replace(IN_LINE, '?')];
    const hit = findControlChar(v, re, [...path, k], depth + 1);
    if (hit) return hit;
  }
  return null;
}

/**
 * A body as JSON parsing makes it (plain objects, arrays, strings). A raw upload's body is the request stream,
 * whose object graph (socket, server, …) must never be walked — that took minutes of CPU per upload.
 */
export function parsedBody(body: unknown): unknown {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return body;
  const proto = Object.getPrototypeOf(body) as unknown;
  return proto === Object.prototype || proto === null ? body : undefined;
}

export function registerInputGuard(app: App): void {
  app.addHook('preValidation', async (req, reply) => {
    const hit = ([['querystring', req.query, IN_LINE], ['params', req.params, IN_LINE], ['body', parsedBody(req.body), IN_TEXT]] as const)
      .map(([where, v, re]) => {
        const p = findControlChar(v, re);
        return p ? { where, field: p.join('.') || where } : null;
      })
      .find((x) => x !== null);
    if (!hit) return;
    const message = '含有不允许的控制字符（如 %00），请删除后重试';
    return reply.code(400).send({
      error: 'validation', requestId: req.id,
      message: `输入有误：${hit.where === 'body' && hit.field === 'body' ? '请求体' : hit.field} ${message}`,
      issues: [{ path: `${hit.where}.${hit.field}`, message }],
    });
  });
}
