/** Second factor (AUTH-05): TOTP enrollment and verification, the secadmin's policy and reset. */
import { z } from 'zod';
import { ROLES } from '../codes/roles.ts';

/** The second factor still due on a session: a code ('verify') or setting one up first ('enroll'). */
export const MfaSessionState = z.enum(['verify', 'enroll']).nullable();
export type MfaSessionState = z.infer<typeof MfaSessionState>;

export const MfaStatus = z.object({
  state: MfaSessionState,
  enrolled: z.boolean(),
  required: z.boolean(),
  /** The account is exempt by policy (the demo city's accounts). */
  exempt: z.boolean(),
  recoveryCodesLeft: z.number(),
});
export type MfaStatus = z.infer<typeof MfaStatus>;

export const MfaVerifyBody = z.strictObject({
  /** The 6-digit code of the authenticator app, or one recovery code. */
  code: z.string().trim().min(1, '请输入验证码').max(40),
});
export type MfaVerifyBody = z.infer<typeof MfaVerifyBody>;

export const MfaEnrollment = z.object({
  /** Base32 secret, shown as text for manual entry. */
  secret: z.string(),
  /** otpauth:// URI, rendered as a QR code in the browser (nothing leaves the server). */
  uri: z.string(),
});
export type MfaEnrollment = z.infer<typeof MfaEnrollment>;

export const MfaConfirmBody = z.strictObject({ code: z.string().trim().regex(/^\d{6}$/u, '请输入6位数字验证码') });
export type MfaConfirmBody = z.infer<typeof MfaConfirmBody>;

export const MfaRecoveryCodes = z.object({ recoveryCodes: z.array(z.string()) });
export type MfaRecoveryCodes = z.infer<typeof MfaRecoveryCodes>;

/** What the login page may say before anyone signs in: only whether the demo exemption is active. */
export const MfaNotice = z.object({ demoExemption: z.boolean() });
export type MfaNotice = z.infer<typeof MfaNotice>;

export const MfaPolicy = z.object({
  /** Roles that must use a second factor besides the 三员 (who always must). */
  roles: z.array(z.enum(ROLES)),
  /** Logins exempt from the second factor (the demo city's accounts only). */
  exemptLogins: z.array(z.string().max(64)).max(100),
});
export type MfaPolicy = z.infer<typeof MfaPolicy>;

export const MfaUserView = z.object({
  id: z.uuid(),
  login: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(ROLES)),
  disabled: z.boolean(),
  enrolledAt: z.string().nullable(),
  required: z.boolean(),
});
export type MfaUserView = z.infer<typeof MfaUserView>;

export const MfaOverview = z.object({
  policy: MfaPolicy,
  /** Always required, whatever the policy lists. */
  alwaysRoles: z.array(z.enum(ROLES)),
  users: z.array(MfaUserView),
});
export type MfaOverview = z.infer<typeof MfaOverview>;
