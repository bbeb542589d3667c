export interface PasswordPolicy {
  minLength: number;
  maxLength: number;
  minClasses: number;
}

export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = { minLength: 10, maxLength: 128, minClasses: 3 };

/** A few words no password may contain, whatever the policy (lower-case). */
const CONTEXT_WORDS = ['jiandu', 'password', 'zuzhibu', '123456', 'qwerty'];

/** Returns the Chinese reasons a password is refused; empty when it is acceptable. */
export function checkPassword(
  password: string,
  login: string,
  policy: PasswordPolicy = DEFAULT_PASSWORD_POLICY,
): string[] {
  const problems: string[] = [];
  const length = [...password].length;
  if (length < policy.minLength) problems.push(`密码长度至少${policy.minLength}位`);
  if (length > policy.maxLength) problems.push(`密码长度不能超过${policy.maxLength}位`);
  const classes = [/[a-z]/u, /[A-Z]/u, /\d/u, /[^a-zA-Z\d]/u].filter((r) => r.test(password)).length;
  if (classes < policy.minClasses) {
    problems.push(`密码须包含大写字母、小写字母、数字、符号中的至少${policy.minClasses}类`);
  }
  const lower = password.toLowerCase();
  const name = login.normalize('NFKC').toLowerCase();
  if (name.length > 0 && lower.includes(name)) problems.push('密码不能包含登录名');
  if (CONTEXT_WORDS.some((w) => lower.includes(w))) problems.push('密码过于常见，请换一个');
  return problems;
}

/** Canonical login name: NFKC, trimmed, lower-case — unique in the database. */
export function normalizeLogin(login: string): string {
  return login.normalize('NFKC').trim().toLowerCase();
}
