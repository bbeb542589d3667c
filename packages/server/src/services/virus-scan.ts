/**
 * The optional virus scan of uploads (JIANDU_CLAMD=host:port, clamd's INSTREAM protocol). Unset: no scan.
 * Set: every upload is scanned before anything is stored; an infected file is refused (400 `virus_found`),
 * and so is every upload while clamd cannot be reached or does not answer in time (fail closed: 503
 * `scan_unavailable`, '病毒扫描服务不可用，请稍后再试'). Each refusal is audited (outside the refused write).
 *
 * Wired: attachments, cadre photos, cadre imports (任免审批表). The ledger/roster import upload calls
 * `scanUpload` (or `scanUploadAudited`) on its file (a buffer or a stream of it) before staging.
 */
import type { Readable } from 'node:stream';
import type { Config } from '../config.ts';
import type { Database } from '../db/client.ts';
import { ClamdUnavailable, clamdScan } from '../lib/clamd.ts';
import { recordAuditAlone } from '../repositories/audit.repository.ts';
import type { Actor, Clock } from '../context.ts';
import { ServiceError } from '../errors.ts';

export type ScanConfig = Pick<Config, 'clamd' | 'clamdTimeoutMs'>;

export const SCAN_UNAVAILABLE_MESSAGE = '病毒扫描服务不可用，请稍后再试';

export class VirusFound extends ServiceError {
  constructor(public readonly signature: string) {
    super('invalid', `文件未通过病毒扫描（检出 ${signature}），已拒绝上传`, 'virus_found');
  }
}

export class ScanUnavailable extends ServiceError {
  constructor(public readonly reason: string) {
    super('unavailable', SCAN_UNAVAILABLE_MESSAGE, 'scan_unavailable');
  }
}

/**
 * Scans an upload when a clamd is configured. Resolves `{ scanned }` for a clean file (or no clamd);
 * throws VirusFound (infected) or ScanUnavailable (clamd unreachable, timed out, or unable to scan).
 */
export async function scanUpload(config: Partial<ScanConfig> | undefined, data: Buffer | Readable | AsyncIterable<Buffer>): Promise<{ scanned: boolean }> {
  if (!config?.clamd) return { scanned: false };
  let verdict;
  try {
    verdict = await clamdScan(config.clamd, data, config.clamdTimeoutMs ?? 30_000);
  } catch (e) {
    if (e instanceof ClamdUnavailable) throw new ScanUnavailable(e.message);
    throw e;
  }
  if (!verdict.clean) throw new VirusFound(verdict.signature);
  return { scanned: true };
}

export interface ScanAuditDeps {
  db: Database;
  clock: Clock;
  config?: Partial<ScanConfig>;
}

/** `scanUpload`, and an audited refusal (`upload.virus-found` / `upload.scan-unavailable`) when it throws. */
export async function scanUploadAudited(
  deps: ScanAuditDeps, actor: Actor, what: { objectType: string; objectId?: string | null; fileName?: string; bytes?: number },
  data: Buffer | Readable | AsyncIterable<Buffer>,
): Promise<{ scanned: boolean }> {
  try {
    return await scanUpload(deps.config, data);
  } catch (e) {
    if (e instanceof VirusFound || e instanceof ScanUnavailable) {
      const details: Record<string, string | number | boolean | null> = { upload: what.objectType, fileName: what.fileName ?? null, bytes: what.bytes ?? null };
      if (e instanceof VirusFound) details.signature = e.signature;
      else details.reason = e.reason;
      await recordAuditAlone(deps.db, actor, {
        action: e instanceof VirusFound ? 'upload.virus-found' : 'upload.scan-unavailable',
        objectType: what.objectType, objectId: what.objectId ?? null, result: 'failure', reason: e.message, details,
      }, deps.clock);
    }
    throw e;
  }
}
