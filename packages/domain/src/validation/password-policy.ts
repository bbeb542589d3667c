/**
 * Password policy (AUTH-02/03): length, character classes, and what makes a password guessable — common
 * passwords and their variants, keyboard walks and sequences, repeated blocks, and words of the
 * organisation or the account (组织部, the unit, the login). Pure: the server passes the context words.
 */
import { ALWAYS_REFUSED_WORDS, COMMON_PASSWORDS } from './common-passwords.ts';

export interface PasswordPolicy {
  minLength: number;
  maxLength: number;
  minClasses: number;
  /** The new password may not be any of the last N passwords (the current one included); 0 = no check. */
  historyCount: number;
  /** A password older than this many days must be changed after login; 0 = never expires. */
  expiryDays: number;
  /** Further words no password may contain (the city, the organisation's abbreviations…), set by the 安全管理员. */
  extraWords: string[];
}

export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = {
  minLength: 10, maxLength: 128, minClasses: 3, historyCount: 5, expiryDays: 90, extraWords: [],
};

const LEET: Record<string, string> = {
  '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '8': 'b', '9': 'g', '@': 'a', '$': 's', '!': 'i', '|': 'i', '+': 't', '€': 'e',
};
const LEET_L: Record<string, string> = { ...LEET, '1': 'l', '!': 'l', '|': 'l' };

/** Leetspeak undone ('p@ssw0rd' → 'password'); a second reading takes 1 and ! as l ('he11o' → 'hello'). */
export function unleet(s: string): string[] {
  const a = [...s].map((c) => LEET[c] ?? c).join('');
  const b = [...s].map((c) => LEET_L[c] ?? c).join('');
  return a === b ? [a] : [a, b];
}

/** The word a password is built on: digits, years and symbols around it removed, leetspeak undone. */
export function baseWords(password: string): string[] {
  const lower = password.normalize('NFKC').toLowerCase();
  const out = new Set<string>();
  const both = lower.replace(/^[^a-z]+/u, '').replace(/[^a-z]+$/u, '');
  const trailing = lower.replace(/[^a-z]+$/u, '');
  for (const core of [both, trailing]) {
    for (const u of unleet(core)) {
      out.add(u);
      out.add(u.replace(/[^a-z]/gu, ''));
    }
  }
  out.delete('');
  return [...out];
}

// Keyboard positions (US layout, shifted symbols on their key): row, column; rows are staggered so that
// (r, c) touches (r-1, c), (r-1, c+1), (r+1, c-1), (r+1, c).
const ROWS = ['1234567890-=', 'qwertyuiop[]\\', "asdfghjkl;'", 'zxcvbnm,./'];
const SHIFTED: Record<string, string> = {
  '!': '1', '@': '2', '#': '3', '$': '4', '%': '5', '^': '6', '&': '7', '*': '8', '(': '9', ')': '0', '_': '-', '+': '=',
  '{': '[', '}': ']', '|': '\\', ':': ';', '"': "'", '<': ',', '>': '.', '?': '/', '~': '`',
};
const KEY_POS = new Map<string, [number, number]>();
ROWS.forEach((row, r) => [...row].forEach((ch, c) => KEY_POS.set(ch, [r, c])));

/** How b follows a on the keyboard or in the alphabet: direction labels, empty when it does not. */
function walkSteps(a: string, b: string): string[] {
  if (a === b) return ['same'];
  const out: string[] = [];
  const letters = /[a-z]/u.test(a) && /[a-z]/u.test(b);
  const digits = /\d/u.test(a) && /\d/u.test(b);
  const d = b.charCodeAt(0) - a.charCodeAt(0);
  if ((letters || digits) && Math.abs(d) === 1) out.push(`seq${d}`);
  const pa = KEY_POS.get(a);
  const pb = KEY_POS.get(b);
  if (pa && pb) {
    const dr = pb[0] - pa[0];
    const dc = pb[1] - pa[1];
    if ((dr === 0 && Math.abs(dc) === 1) || (dr === -1 && (dc === 0 || dc === 1)) || (dr === 1 && (dc === 0 || dc === -1))) {
      out.push(`key${dr},${dc}`);
    }
  }
  return out;
}

/**
 * Keyboard walks (qwerty, 1qaz2wsx, zxcvbnm), sequences (abcdef, 987654): five keys or more in one
 * direction, or a password whose steps are mostly to a neighbouring key.
 */
export function isKeyboardPattern(password: string): boolean {
  const keys = [...password.normalize('NFKC').toLowerCase()].map((c) => SHIFTED[c] ?? c);
  if (keys.length < 2) return false;
  let steps = 0;
  let run = 1;
  let prev: string[] = [];
  for (let i = 1; i < keys.length; i++) {
    const labels = walkSteps(keys[i - 1]!, keys[i]!);
    if (labels.length) steps++;
    const directed = labels.filter((l) => l !== 'same');
    run = directed.some((l) => prev.includes(l)) ? run + 1 : directed.length ? 2 : 1;
    if (run >= 5) return true;
    prev = directed;
  }
  return steps / (keys.length - 1) >= 0.7;
}

/** A block repeated (Aa1!Aa1!Aa1!, abcabcabc1): repetitions of one block cover at least 3/4 of the password. */
export function isRepeatedBlock(password: string): boolean {
  const s = password.normalize('NFKC').toLowerCase();
  const n = s.length;
  for (let start = 0; start <= Math.floor(n / 4); start++) {
    for (let b = 1; b <= Math.floor((n - start) / 2); b++) {
      const block = s.slice(start, start + b);
      let end = start + b;
      while (end + b <= n && s.startsWith(block, end)) end += b;
      if (end - start >= 2 * b && end - start >= Math.ceil(n * 0.75)) return true;
    }
  }
  return false;
}

/**
 * Context words as the password check uses them: lower-case, NFKC; Latin words shorter than 3 letters and
 * Chinese words shorter than 2 characters are dropped (they would refuse half of all passwords).
 */
export function contextWords(words: readonly string[]): string[] {
  const out = new Set<string>();
  for (const w of words) {
    const v = w.normalize('NFKC').toLowerCase().replace(/\s+/gu, '');
    if (/[\u3400-\u9fff]/u.test(v) ? [...v].length >= 2 : v.length >= 3) out.add(v);
  }
  return [...out];
}

/**
 * Returns the Chinese reasons a password is refused; empty when it is acceptable.
 * `context`: words of this account and organisation (unit name and its pinyin, display name…).
 */
export function checkPassword(
  password: string,
  login: string,
  policy: Pick<PasswordPolicy, 'minLength' | 'maxLength' | 'minClasses'> & Partial<PasswordPolicy> = DEFAULT_PASSWORD_POLICY,
  context: readonly string[] = [],
): string[] {
  const problems: string[] = [];
  const length = [...password].length;
  if (length < policy.minLength) problems.push(`密码长度至少${policy.minLength}位`);
  if (length > policy.maxLength) problems.push(`密码长度不能超过${policy.maxLength}位`);
  const classes = [/[a-z]/u, /[A-Z]/u, /\d/u, /[^a-zA-Z\d]/u].filter((r) => r.test(password)).length;
  if (classes < policy.minClasses) {
    problems.push(`密码须包含大写字母、小写字母、数字、符号中的至少${policy.minClasses}类`);
  }
  const lower = password.normalize('NFKC').toLowerCase();
  const readings = [lower, ...unleet(lower)];
  const name = normalizeLogin(login);
  if (name.length >= 3 && readings.some((r) => r.includes(name))) problems.push('密码不能包含登录名');

  const common = COMMON_PASSWORDS.has(lower) || readings.some((r) => COMMON_PASSWORDS.has(r));
  const base = common ? undefined : baseWords(password).find((w) => COMMON_PASSWORDS.has(w));
  const always = ALWAYS_REFUSED_WORDS.find((w) => readings.some((r) => r.includes(w)));
  if (common) problems.push('该密码是常见密码，容易被猜到');
  else if (base) problems.push(`密码以常见词“${base}”为基础，加上大小写、数字、年份、符号或字母替换（如 @ 代 a、0 代 o）仍容易被猜到`);
  else if (always) problems.push(`密码不能包含“${always}”这类常见或与本系统相关的词`);

  const words = contextWords([...context, ...(policy.extraWords ?? [])]).filter((w) => w !== name);
  const org = words.find((w) => readings.some((r) => r.includes(w)));
  if (org) problems.push(`密码不能包含单位、姓名或系统相关的词（“${org}”）`);

  if (!common && !base && length >= 4) {
    if (isRepeatedBlock(password)) problems.push('密码由重复的片段组成（如 Aa1!Aa1!Aa1!），容易被猜到');
    else if (isKeyboardPattern(password)) problems.push('密码是键盘上相邻的键或连续的字符（如 qwerty、1qaz2wsx、abcd1234），容易被猜到');
    else if (new Set(lower).size < 5) problems.push('密码中不同的字符太少（至少5种）');
  }
  return problems;
}

/** Canonical login name: NFKC, trimmed, lower-case — unique in the database. */
export function normalizeLogin(login: string): string {
  return login.normalize('NFKC').trim().toLowerCase();
}
