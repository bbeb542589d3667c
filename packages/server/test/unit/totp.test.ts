import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, hotp, matchTotp, newRecoveryCodes, newTotpSecret, otpauthUri, totpCode } from '../../src/crypto/totp.ts';

// RFC 6238 Appendix B: seeds are the ASCII digits, 8-digit codes, T0 = 0, X = 30 s.
const SEEDS = {
  sha1: Buffer.from('12345678901234567890'),
  sha256: Buffer.from('12345678901234567890123456789012'),
  sha512: Buffer.from('1234567890123456789012345678901234567890123456789012345678901234'),
};
const VECTORS: Array<[number, string, string, string]> = [
  [59, '94287082', '46119246', '90693936'],
  [1111111109, '07081804', '68084774', '25091201'],
  [1111111111, '14050471', '67062674', '99943326'],
  [1234567890, '89005924', '91819424', '93441116'],
  [2000000000, '69279037', '90698825', '38618901'],
  [20000000000, '65353130', '77737706', '47863826'],
];

describe('TOTP (AUTH-05)', () => {
  it('RFC 6238 Appendix B test vectors (SHA-1, SHA-256, SHA-512)', () => {
    for (const [t, s1, s256, s512] of VECTORS) {
      const step = Math.floor(t / 30);
      expect(hotp(SEEDS.sha1, step, 8, 'sha1'), `sha1 ${t}`).toBe(s1);
      expect(hotp(SEEDS.sha256, step, 8, 'sha256'), `sha256 ${t}`).toBe(s256);
      expect(hotp(SEEDS.sha512, step, 8, 'sha512'), `sha512 ${t}`).toBe(s512);
    }
  });

  it('RFC 4226 Appendix D HOTP values (6 digits)', () => {
    const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
    expected.forEach((code, counter) => expect(hotp(SEEDS.sha1, counter)).toBe(code));
  });

  it('base32 round trip and a 160-bit secret', () => {
    expect(base32Encode(SEEDS.sha1)).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    expect(base32Decode('gezd gnbv gy3t qojq gezd gnbv gy3t qojq').equals(SEEDS.sha1)).toBe(true);
    const s = newTotpSecret();
    expect(s).toMatch(/^[A-Z2-7]{32}$/u);
    expect(base32Decode(s).length).toBe(20);
  });

  it('a code matches within ±1 step only, and never at or before the last used step', () => {
    const secret = base32Encode(SEEDS.sha1);
    const at = new Date(1111111111 * 1000);
    const step = Math.floor(1111111111 / 30);
    const codeAt = (k: number) => hotp(SEEDS.sha1, step + k);
    expect(totpCode(secret, at)).toBe(codeAt(0));
    expect(matchTotp(secret, codeAt(0), at, null)).toBe(step);
    expect(matchTotp(secret, codeAt(-1), at, null)).toBe(step - 1);
    expect(matchTotp(secret, codeAt(1), at, null)).toBe(step + 1);
    expect(matchTotp(secret, codeAt(-2), at, null)).toBeNull();
    expect(matchTotp(secret, codeAt(2), at, null)).toBeNull();
    expect(matchTotp(secret, codeAt(0), at, step)).toBeNull(); // reuse
    expect(matchTotp(secret, codeAt(-1), at, step - 1)).toBeNull();
    expect(matchTotp(secret, 'abcdef', at, null)).toBeNull();
  });

  it('otpauth URI and recovery codes', () => {
    expect(otpauthUri('ABC', 'zhang san')).toBe('otpauth://totp/Jiandu:zhang%20san?secret=ABC&issuer=Jiandu&algorithm=SHA1&digits=6&period=30');
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) expect(c).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/u);
  });
});
