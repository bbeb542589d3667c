/** Errors services raise; routes map them to HTTP. Messages are Chinese and meant for the user. */
export type ServiceErrorKind = 'invalid' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict' | 'locked'
  | 'unavailable';

export class ServiceError extends Error {
  constructor(
    public readonly kind: ServiceErrorKind,
    message: string,
    public readonly code: string = kind,
    public readonly issues?: Array<{ path: string; message: string }>,
  ) {
    super(message);
    this.name = 'ServiceError';
  }
}

export const notFound = (what = '对象') => new ServiceError('not_found', `${what}不存在或无权访问`);

/** The PostgreSQL error behind a driver/drizzle wrapper, if any. */
export function pgErrorOf(e: unknown): { code?: string; message: string; constraint?: string } | null {
  let cur: unknown = e;
  for (let i = 0; i < 5 && cur; i++) {
    const c = cur as { code?: unknown; message?: string; constraint?: string; cause?: unknown };
    if (typeof c.code === 'string' && /^[0-9A-Z]{5}$/u.test(c.code)) {
      return { code: c.code, message: c.message ?? '', constraint: c.constraint };
    }
    cur = c.cause;
  }
  return null;
}
