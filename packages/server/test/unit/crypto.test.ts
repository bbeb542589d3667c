import { describe, expect, it } from 'vitest';
import { FieldCrypto, ephemeralKeyProvider } from '../../src/crypto/keys.ts';
import { IntegrityError, hashPassword, selfTest, sm3, verifyPassword } from '../../src/crypto/sm.ts';
import { nameKeys } from '../../src/lib/pinyin.ts';

describe('国密', () => {
  it('passes the SM3 and SM4 known-answer tests', () => {
    expect(() => selfTest()).not.toThrow();
    expect(sm3('abc').toString('hex')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  });

  it('PBKDF2-HMAC-SM3: salted, verifiable, rehashed when the iteration count rises', async () => {
    const a = await hashPassword('Correct#Horse1', 1000);
    const b = await hashPassword('Correct#Horse1', 1000);
    expect(a).toMatch(/^pbkdf2-sm3\$1000\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/u);
    expect(a).not.toBe(b);
    expect(await verifyPassword('Correct#Horse1', a, 1000)).toEqual({ ok: true, needsRehash: false });
    expect(await verifyPassword('Correct#Horse2', a, 1000)).toEqual({ ok: false, needsRehash: false });
    expect(await verifyPassword('Correct#Horse1', a, 2000)).toEqual({ ok: true, needsRehash: true });
  });

  it('SM4-CBC + HMAC-SM3 round-trips, and refuses a wrong AAD or a flipped bit', () => {
    const c = new FieldCrypto(ephemeralKeyProvider());
    const blob = c.encrypt('11010519491231002X', 'cadre:1:id_number');
    expect(blob.toString('latin1')).not.toContain('11010519491231002X');
    expect(c.decrypt(blob, 'cadre:1:id_number')).toBe('11010519491231002X');
    expect(() => c.decrypt(blob, 'cadre:2:id_number')).toThrow(IntegrityError);
    const flipped = Buffer.from(blob);
    flipped[20] = flipped[20]! ^ 1;
    expect(() => c.decrypt(flipped, 'cadre:1:id_number')).toThrow(IntegrityError);
    expect(c.blindIndex('id_number', 'x').equals(c.blindIndex('id_number', 'x'))).toBe(true);
    expect(new FieldCrypto(ephemeralKeyProvider()).blindIndex('id_number', 'x').equals(c.blindIndex('id_number', 'x'))).toBe(false);
  });
});

describe('pinyin keys', () => {
  it.each([
    ['张三明', 'zhang san ming', 'zsm'],
    ['单雄信', 'shan xiong xin', 'sxx'],
    ['曾国藩', 'zeng guo fan', 'zgf'],
    ['吕布', 'lv bu', 'lb'],
  ])('%s', (name, key, initials) => {
    expect(nameKeys(name)).toEqual({ key, initials });
  });
});
