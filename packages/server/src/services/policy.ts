/** Security policy (等保 8.1.4.1): defaults here; the 安全管理员 will be able to change them. */
import { DEFAULT_PASSWORD_POLICY, type PasswordPolicy } from '@jiandu/domain';

export interface SecurityPolicy {
  password: PasswordPolicy;
  maxFailedLogins: number;
  lockMinutes: number;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
}

export const DEFAULT_SECURITY_POLICY: SecurityPolicy = {
  password: DEFAULT_PASSWORD_POLICY,
  maxFailedLogins: 5,
  lockMinutes: 30,
  sessionIdleMinutes: 30,
  sessionAbsoluteHours: 12,
};
