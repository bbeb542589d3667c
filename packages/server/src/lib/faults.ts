/**
 * Faults of the machine, not of the input (WEB-02, REL-*): a full disk, a read-only or forbidden folder, a
 * database that stopped or cannot be reached. Each becomes ONE Chinese line — what happened, where, what to
 * do — `错误：<what>（<where>）。<what to do>`, with no stack, no SQL and no parameters.
 *
 * The errors come in three dialects: Node's fs (code 'ENOSPC', path), the embedded database's emulated
 * file system (PGlite's ErrnoError, carrying only an Emscripten errno number), and PostgreSQL / node-postgres
 * (SQLSTATE codes, socket codes, 'Connection terminated unexpectedly'). All three are looked for along the
 * error's cause chain (drizzle wraps a failed statement).
 */
import fs from 'node:fs';
import path from 'node:path';
import { pgErrorOf } from '../errors.ts';
import { safeError } from './safe-error.ts';

export interface FaultPlace {
  dataDir: string;
  databaseUrl: string | null;
}

/** Emscripten errno numbers (PGlite's in-memory/NODEFS file system) → POSIX names. */
const EMSCRIPTEN_ERRNO: Record<number, string> = { 2: 'EACCES', 29: 'EIO', 51: 'ENOSPC', 63: 'EPERM', 69: 'EROFS', 33: 'EMFILE', 10: 'EBUSY', 52: 'ENOSYS' };

type FaultKind = 'disk_full' | 'read_only' | 'forbidden' | 'io' | 'db_lost' | 'db_unreachable' | 'db_auth' | 'db_missing' | 'db_other';

interface Found {
  kind: FaultKind;
  path?: string;
  code?: string;
}

function chain(e: unknown): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  for (let cur = e, i = 0; cur && typeof cur === 'object' && i < 8; i++) {
    out.push(cur as Record<string, unknown>);
    cur = (cur as { cause?: unknown }).cause;
  }
  return out;
}

const FS_KIND: Record<string, FaultKind> = { ENOSPC: 'disk_full', EDQUOT: 'disk_full', EROFS: 'read_only', EACCES: 'forbidden', EPERM: 'forbidden', EIO: 'io' };

function classify(e: unknown): Found | null {
  const links = chain(e);
  for (const c of links) {
    const code = typeof c.code === 'string' ? c.code : undefined;
    const pathOf = typeof c.path === 'string' ? c.path : undefined;
    if (code && FS_KIND[code]) return { kind: FS_KIND[code], path: pathOf, code };
    // mkdir -p on a read-only or forbidden file system answers ENOENT: ask the nearest existing folder why.
    if (code === 'ENOENT' && c.syscall === 'mkdir' && pathOf) {
      const why = whyNotWritable(pathOf);
      if (why) return { kind: FS_KIND[why]!, path: pathOf, code: why };
    }
    // PGlite: `ErrnoError { errno: 51 }` (name 'ErrnoError', no message, no path).
    if (typeof c.errno === 'number' && (c.name === 'ErrnoError' || c.constructor?.name === 'ErrnoError')) {
      const posix = EMSCRIPTEN_ERRNO[c.errno];
      if (posix && FS_KIND[posix]) return { kind: FS_KIND[posix], code: posix };
      return { kind: 'io', code: `errno ${c.errno}` };
    }
  }
  const pg = pgErrorOf(e);
  if (pg?.code) {
    const c = pg.code;
    if (c === '53100') return { kind: 'disk_full', code: c };
    if (c === '57P01' || c === '57P02' || c === '57P03' || c.startsWith('08')) return { kind: 'db_lost', code: c };
    // `allow_connections false` (a database being stopped or restored) refuses new sessions with 55000.
    if (c === '55000' && /not currently accepting connections/iu.test(pg.message ?? '')) return { kind: 'db_unreachable', code: c };
    if (c === '28P01' || c === '28000') return { kind: 'db_auth', code: c };
    if (c === '3D000') return { kind: 'db_missing', code: c };
    if (c === '58030') return { kind: 'io', code: c };
  }
  for (const c of links) {
    const code = typeof c.code === 'string' ? c.code : '';
    const msg = typeof c.message === 'string' ? c.message : '';
    if (['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ETIMEDOUT', 'EAI_AGAIN'].includes(code)) return { kind: 'db_unreachable', code };
    if (code === 'ECONNRESET' || code === 'EPIPE' || /Connection terminated|terminating connection|Client has encountered a connection error|Connection ended unexpectedly/iu.test(msg)) {
      return { kind: 'db_lost', code: code || undefined };
    }
    if (/No space left on device/iu.test(msg)) return { kind: 'disk_full' };
    if (/read-only file system/iu.test(msg)) return { kind: 'read_only' };
  }
  if (pg?.code) return { kind: 'db_other', code: pg.code };
  return null;
}

function whyNotWritable(target: string): string | null {
  let dir = path.dirname(target);
  while (!fs.existsSync(dir) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  try {
    fs.accessSync(dir, fs.constants.W_OK);
    const probe = path.join(dir, `.jiandu-probe-${process.pid}`);
    fs.mkdirSync(probe);
    fs.rmdirSync(probe);
    return null;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? '';
    return FS_KIND[code] ? code : null;
  }
}

/** `host:port/database` of a postgres:// URL, without the user or password. */
export function databaseWhere(url: string): string {
  try {
    const u = new URL(url);
    return `PostgreSQL ${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname && u.pathname !== '/' ? u.pathname : ''}`;
  } catch {
    return 'PostgreSQL（DATABASE_URL）';
  }
}

/** The Chinese line for a known fault, or null when `e` is not one. */
export function describeFault(e: unknown, place: FaultPlace): string | null {
  const f = classify(e);
  if (!f) return null;
  const db = place.databaseUrl ? databaseWhere(place.databaseUrl) : null;
  const isDbSide = f.kind.startsWith('db_') || (db !== null && f.code !== undefined && /^[0-9A-Z]{5}$/u.test(f.code));
  const where = f.path ?? (isDbSide && db ? db : place.databaseUrl ? place.dataDir : `数据目录 ${place.dataDir}`);
  const nothing = '进行中的事务已撤销，数据库里不会留下写了一半的记录';
  switch (f.kind) {
    case 'disk_full':
      return `错误：磁盘空间已满，无法写入（${where}）。请清理或扩容该磁盘后重新执行；${nothing}。`;
    case 'read_only':
      return `错误：目录是只读的，无法写入（${where}）。请以可写方式挂载，或用 JIANDU_DATA_DIR 指定一个可写的数据目录后重新执行。`;
    case 'forbidden':
      return `错误：没有权限读写（${where}）。请让运行 Jiandu 的用户对该目录有读写权限（或用 JIANDU_DATA_DIR 指定另一个目录）后重新执行。`;
    case 'io':
      return `错误：读写磁盘失败（${where}${f.code ? `，${f.code}` : ''}）。请检查磁盘是否损坏或已被拔出，修复后重新执行；${nothing}。`;
    case 'db_lost':
      return `错误：与数据库的连接中断（${db ?? where}${f.code ? `，${f.code}` : ''}）。数据库可能已停止或重启：请确认它正常运行后重新执行；未提交的操作已整体撤销。`;
    case 'db_unreachable':
      return `错误：无法连接数据库（${db ?? where}）。请确认 PostgreSQL 已启动，且 DATABASE_URL 中的地址和端口正确。`;
    case 'db_auth':
      return `错误：数据库拒绝登录（${db ?? where}）。请检查 DATABASE_URL 中的用户名和密码。`;
    case 'db_missing':
      return `错误：数据库不存在（${db ?? where}）。请先创建该数据库，或改正 DATABASE_URL。`;
    case 'db_other':
      return `错误：数据库操作失败（SQLSTATE ${f.code}，${db ?? where}）。请联系管理员；${nothing}。`;
  }
}

/** A line for any error at the top of a command: the fault's line, or the error's own message without a stack or SQL. */
export function describeAnyError(e: unknown, place: FaultPlace): string {
  const fault = describeFault(e, place);
  if (fault) return fault;
  const s = safeError(e);
  const msg = s.message.split('\n')[0]!;
  if (/^[\u4e00-\u9fa5]/u.test(msg)) return `错误：${msg}`;
  return `错误：意外故障（${s.type}${s.code ? ` ${s.code}` : ''}：${msg}）。请重试；如仍出现，请把这一行发给管理员。`;
}
