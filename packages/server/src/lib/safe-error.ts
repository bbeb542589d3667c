/**
 * What of an error may be written to a log (AUD-02, WEB-02): never SQL text or the values bound to it.
 *
 * drizzle wraps every failed statement in an error whose message is "Failed query: <sql>\nparams: <values>",
 * and PostgreSQL's own messages and details quote the offending value ('invalid input syntax for type uuid:
 * "…"', 'Key (id_number_bidx)=(…) already exists'). For an error that came from the database we keep only
 * its class and SQLSTATE (and the constraint's name); other errors keep their message and stack.
 */
import { pgErrorOf } from '../errors.ts';

export interface SafeError {
  type: string;
  message: string;
  code?: string;
  constraint?: string;
  stack?: string;
}

function chain(e: unknown): unknown[] {
  const out: unknown[] = [];
  for (let cur = e, i = 0; cur && i < 6; i++) {
    out.push(cur);
    cur = (cur as { cause?: unknown }).cause;
  }
  return out;
}

/** True when the error (or one it wraps) carries a statement or its parameters. */
export function isDatabaseError(e: unknown): boolean {
  return chain(e).some((c) => {
    const x = c as { name?: unknown; message?: unknown; query?: unknown; params?: unknown };
    return x.name === 'DrizzleQueryError' || typeof x.query === 'string' || Array.isArray(x.params)
      || (typeof x.message === 'string' && /Failed query:|\bparams:/u.test(x.message));
  }) || pgErrorOf(e) !== null;
}

export function safeError(e: unknown): SafeError {
  const err = e as { name?: unknown; message?: unknown; stack?: unknown; code?: unknown };
  const type = typeof err?.name === 'string' ? err.name : typeof e;
  if (isDatabaseError(e)) {
    const pg = pgErrorOf(e);
    const sysCode = chain(e).map((c) => (c as { code?: unknown }).code).find((c): c is string => typeof c === 'string');
    const code = pg?.code ?? sysCode;
    return { type, message: `数据库错误${code ? ` ${code}` : ''}（语句与参数不记入日志）`, ...(code ? { code } : {}), ...(pg?.constraint ? { constraint: pg.constraint } : {}) };
  }
  return {
    type,
    message: typeof err?.message === 'string' ? err.message : String(e),
    ...(typeof err?.code === 'string' ? { code: err.code } : {}),
    ...(typeof err?.stack === 'string' ? { stack: err.stack } : {}),
  };
}
