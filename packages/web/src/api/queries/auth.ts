/** Query keys of the session, the password rules and the second factor. */

export const authKeys = {
  /** The signed-in user (null: no session). */
  me: ['me'] as const,
  passwordRules: ['auth', 'password-rules'] as const,
};

export const mfaKeys = {
  all: ['mfa'] as const,
  status: ['mfa', 'status'] as const,
  notice: ['mfa', 'notice'] as const,
};
