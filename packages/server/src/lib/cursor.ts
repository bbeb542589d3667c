/**
 * Opaque keyset-pagination cursors: base64url(JSON of the last row's sort key).
 *
 * A cursor comes back from the client, so it is input like any other (INP-01): its shape and the type of
 * each value are checked before any of it reaches a query. A forged or damaged cursor is a 400
 * '翻页参数无效', never a database error.
 */
import { ServiceError } from '../errors.ts';

/** What one position of a cursor holds. 'text?' is a string or null (e.g. a sort key that may be missing). */
export type CursorPart = 'int' | 'date' | 'timestamp' | 'uuid' | 'text' | 'text?';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu;
const DATE = /^\d{4}-\d{2}-\d{2}$/u;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}(:?\d{2})?)$/u;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/u;
const MAX_CURSOR = 1024;

export const badCursor = () => new ServiceError('invalid', '翻页参数无效，请回到第一页重新查询', 'bad_cursor', [{ path: 'cursor', message: '翻页参数无效' }]);

function fits(v: unknown, part: CursorPart): boolean {
  switch (part) {
    case 'int': return typeof v === 'number' && Number.isSafeInteger(v);
    case 'uuid': return typeof v === 'string' && UUID.test(v);
    case 'date': return typeof v === 'string' && DATE.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`));
    case 'timestamp': return typeof v === 'string' && TIMESTAMP.test(v) && !Number.isNaN(Date.parse(v));
    case 'text?': return v === null || fits(v, 'text');
    case 'text': return typeof v === 'string' && v.length <= 512 && !CONTROL.test(v);
  }
}

export function encodeCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values.map((v) => (v instanceof Date ? v.toISOString() : v))), 'utf8').toString('base64url');
}

/**
 * The sort key in `cursor`, checked against `shape` (one CursorPart per position). A bare number is the
 * old form (arity only): then every value must still be a number, a short string without control
 * characters, or null.
 */
export function decodeCursor<T extends unknown[]>(cursor: string | undefined, shape: number | readonly CursorPart[]): T | null {
  if (cursor === undefined || cursor === '') return null;
  if (cursor.length > MAX_CURSOR || !/^[A-Za-z0-9_-]+={0,2}$/u.test(cursor)) throw badCursor();
  let v: unknown;
  try {
    v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
  } catch {
    throw badCursor();
  }
  const parts: readonly CursorPart[] | null = typeof shape === 'number' ? null : shape;
  const arity = parts ? parts.length : (shape as number);
  if (!Array.isArray(v) || v.length !== arity) throw badCursor();
  const ok = parts
    ? v.every((x, i) => fits(x, parts[i]!))
    : v.every((x) => x === null || (typeof x === 'number' && Number.isFinite(x)) || fits(x, 'text'));
  if (!ok) throw badCursor();
  return v as T;
}

/**
 * A cursor of a list read in a chosen order (`sort=<column>:<dir>`): the sort itself, then the last row's
 * sort key (its values, then its id). A cursor made under another order is refused ('翻页参数无效').
 */
export function encodeSortCursor(sort: string, key: readonly unknown[]): string {
  return encodeCursor([sort, ...key]);
}

export function decodeSortCursor(cursor: string | undefined, sort: string, shape: readonly CursorPart[]): unknown[] | null {
  const v = decodeCursor<unknown[]>(cursor, ['text', ...shape]);
  if (v === null) return null;
  if (v[0] !== sort) throw badCursor();
  return v.slice(1);
}
