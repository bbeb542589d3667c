/** Opaque keyset-pagination cursors: base64url(JSON of the last row's sort key). */
import { ServiceError } from '../services/errors.ts';

export function encodeCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

export function decodeCursor<T extends unknown[]>(cursor: string | undefined, arity: number): T | null {
  if (!cursor) return null;
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && v.length === arity) return v as T;
  } catch {
    /* fall through */
  }
  throw new ServiceError('invalid', '分页游标无效，请回到第一页', 'bad_cursor');
}
