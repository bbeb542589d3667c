/** Keyset cursors: what the server hands out it takes back; anything else is 400 翻页参数无效 (INP-01). */
import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, type CursorPart } from '../../src/lib/cursor.ts';
import { ServiceError } from '../../src/errors.ts';

const id = '0b7c6a8e-3f7d-4c1e-9a55-2d1f0e9b8c7a';

describe('keyset cursors', () => {
  it('every sort key the lists hand out decodes to itself', () => {
    const cases: Array<[unknown[], CursorPart[]]> = [
      [[42], ['int']],
      [['2025-03-15', id], ['date', 'uuid']],
      [[new Date('2026-06-30T04:05:06.789Z'), id], ['timestamp', 'uuid']],
      [['2026-06-30 12:05:06.789123+08', id], ['timestamp', 'uuid']],
      [['zhangsanming', id], ['text?', 'uuid']],
      [[null, id], ['text?', 'uuid']],
    ];
    for (const [values, shape] of cases) {
      const back = decodeCursor(encodeCursor(values), shape);
      expect(back).toEqual(values.map((v) => (v instanceof Date ? v.toISOString() : v)));
    }
    expect(decodeCursor(undefined, ['int'])).toBeNull();
  });

  it('a forged cursor of any kind is a 400 翻页参数无效', () => {
    const b64 = (s: string) => Buffer.from(s).toString('base64url');
    const forged: Array<[string, CursorPart[]]> = [
      ['***', ['int']], [b64('{'), ['int']], [b64('"x"'), ['int']], [b64('[1,2]'), ['int']], [b64('["1"]'), ['int']],
      [b64('[1.5]'), ['int']], [b64('["2025-02-30x", "' + id + '"]'), ['date', 'uuid']], [b64('["2025-03-15", "nope"]'), ['date', 'uuid']],
      [b64('["yesterday", "' + id + '"]'), ['timestamp', 'uuid']], [b64('["a\\u0000b", "' + id + '"]'), ['text?', 'uuid']],
      ['A'.repeat(5000), ['int']],
    ];
    for (const [c, shape] of forged) {
      let err: unknown = null;
      try {
        decodeCursor(c, shape);
      } catch (e) {
        err = e;
      }
      expect(err, c).toBeInstanceOf(ServiceError);
      expect((err as ServiceError).kind).toBe('invalid');
      expect((err as ServiceError).message).toContain('翻页参数无效');
    }
  });
});

describe('input guard', () => {
  it('walks parsed JSON only: a raw upload stream in the body is not walked (its object graph is huge)', async () => {
    const { findControlChar, parsedBody } = await import('../../src/plugins/input-guard.ts');
    const { PassThrough } = await import('node:stream');
    const nul = new RegExp(String.fromCharCode(0), 'u');
    const bad = `x${String.fromCharCode(0)}`;
    const stream = Object.assign(new PassThrough(), { note: bad });
    expect(parsedBody(stream)).toBeUndefined();
    expect(findControlChar(parsedBody(stream), nul)).toBeNull();
    expect(parsedBody({ a: 1 })).toEqual({ a: 1 });
    expect(findControlChar({ a: [{ b: bad }] }, nul)).toEqual(['a', '0', 'b']);
    expect(findControlChar(Object.assign(Object.create(null) as object, { k: bad }), nul)).toEqual(['k']);
  });
});
