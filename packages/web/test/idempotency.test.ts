/**
 * The web client's side of "retries never double": a submission carries one Idempotency-Key, and the
 * automatic retry after a lost answer sends the same key again (so the server replays instead of writing).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, RETRY_DELAYS_MS, api, newIdempotencyKey } from '../src/api/client';
import { entriesApi } from '../src/api/endpoints';

const realFetch = globalThis.fetch;
afterEach(() => {
  globalThis.fetch = realFetch;
  vi.useRealTimers();
});

/** fetch that answers from a script: 'drop' = connection lost, a number = that status. */
function scriptedFetch(script: Array<'drop' | number>) {
  const calls: Array<{ url: string; key: string | null }> = [];
  globalThis.fetch = (async (url: string, init: RequestInit) => {
    calls.push({ url, key: new Headers(init.headers).get('idempotency-key') });
    const step = script.shift() ?? 200;
    if (step === 'drop') throw new TypeError('Failed to fetch');
    return new Response(JSON.stringify(step === 200 ? { entryId: 'e1' } : { error: 'x', message: '网关超时' }), { status: step });
  }) as typeof fetch;
  return calls;
}

describe('web client Idempotency-Key', () => {
  it('entriesApi.create sends a fresh key per submission and the same key on its automatic retries', async () => {
    RETRY_DELAYS_MS.splice(0, RETRY_DELAYS_MS.length, 1, 1);
    const calls = scriptedFetch(['drop', 504, 200]);
    const r = await entriesApi.create('entries', { kind: 'xfjb' } as never);
    expect(r).toEqual({ entryId: 'e1' });
    expect(calls).toHaveLength(3);
    expect(calls[0]!.key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/u);
    expect(new Set(calls.map((c) => c.key)).size).toBe(1);
    const next = scriptedFetch([200]);
    await entriesApi.create('entries', { kind: 'xfjb' } as never);
    expect(next[0]!.key).not.toBe(calls[0]!.key);
  });

  it('gives up after its retries with the Chinese network message; requests without a key are never retried', async () => {
    RETRY_DELAYS_MS.splice(0, RETRY_DELAYS_MS.length, 1, 1);
    const calls = scriptedFetch(['drop', 'drop', 'drop', 'drop']);
    await expect(entriesApi.create('entries', { kind: 'xfjb' } as never, 'fixed-key')).rejects.toMatchObject({ status: 0, message: expect.stringMatching(/无法连接服务器/u) });
    expect(calls).toHaveLength(3);
    expect(calls.every((c) => c.key === 'fixed-key')).toBe(true);
    const plain = scriptedFetch(['drop']);
    await expect(api.post('/api/entries/x/withdraw', {})).rejects.toBeInstanceOf(ApiError);
    expect(plain).toHaveLength(1);
    expect(plain[0]!.key).toBeNull();
  });

  it('keys are UUID v4 and distinct', () => {
    const keys = new Set(Array.from({ length: 100 }, () => newIdempotencyKey()));
    expect(keys.size).toBe(100);
  });
});
