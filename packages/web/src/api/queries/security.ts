/** Query keys of the security settings (安全管理员). */

export const securityKeys = {
  policy: ['security', 'policy'] as const,
  sessions: ['security', 'sessions'] as const,
  /** Who must bind and who has bound a second factor. */
  mfa: ['security', 'mfa'] as const,
};
