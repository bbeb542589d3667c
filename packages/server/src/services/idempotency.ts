/**
 * Idempotency-Key for the session API (a signed-in user's writes), with the semantics of POST /api/v1/entries
 * (push.service.ts): the (user, key) row is claimed first in the use case's own transaction, so
 * - a retry with the same key and the same request gets the stored answer back (`replayed`), writing nothing;
 * - concurrent requests with one key wait for the first and then replay it: exactly one writes;
 * - the same key with another request (another body, or another route) is refused (`key_reused` → 422);
 * - a request that fails (a 4xx from the rules) rolls its claim back with everything else: the key is not used up.
 */
import { z } from 'zod';
import type { Tx } from '../db/client.ts';
import { sm3 } from '../crypto/sm.ts';
import * as repo from '../repositories/idempotency.repository.ts';
import { canonical } from '../lib/canonical.ts';
import { ServiceError } from '../errors.ts';

export type Idempotent<T> = { kind: 'done'; response: T; replayed: boolean } | { kind: 'key_reused' };

/** The header as the session API takes it: optional; when given, 1–100 visible ASCII characters. */
export const IdempotencyKey = z.string().min(1).max(100).regex(/^[\x21-\x7e]+$/u);

export function readIdempotencyKey(header: string | string[] | undefined): string | null {
  if (header === undefined) return null;
  const r = IdempotencyKey.safeParse(header);
  if (!r.success) {
    throw new ServiceError('invalid', '输入有误：Idempotency-Key 应为 1–100 个可见 ASCII 字符（建议用 UUID）', 'validation', [{ path: 'headers.idempotency-key', message: '格式不正确' }]);
  }
  return r.data;
}

/**
 * Runs `work` once per (user, key) inside `tx`. Without a key it simply runs. `route` is part of what the
 * key stands for: one key cannot be replayed on another endpoint.
 */
export async function idempotent<T>(tx: Tx, userId: string | null, key: string | null, route: string, request: unknown, at: Date, work: () => Promise<T>): Promise<Idempotent<T>> {
  if (!key || !userId) return { kind: 'done', response: await work(), replayed: false };
  const requestSm3 = sm3(canonical({ route, request }));
  if (!(await repo.claimSessionKey(tx, userId, key, requestSm3, at))) {
    const prev = await repo.findSessionKey(tx, userId, key);
    if (!prev || prev.status === 0) throw new ServiceError('conflict', '使用同一 Idempotency-Key 的请求正在处理，请稍后重试', 'idempotency_in_progress');
    if (!Buffer.from(prev.requestSm3).equals(requestSm3)) return { kind: 'key_reused' };
    return { kind: 'done', response: prev.response as T, replayed: true };
  }
  const response = await work();
  await repo.completeSessionKey(tx, userId, key, 200, response);
  return { kind: 'done', response, replayed: false };
}
