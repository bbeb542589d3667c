/**
 * Signed checkpoints of the audit log (AUD-04/05, checklist §4). The hash chain alone cannot see rows cut
 * off its end, nor a chain recomputed after an edit. So every few minutes and at shutdown the server signs
 * (last seq, last hash) with its SM2 key and appends the line to a file outside the database:
 *
 *   {"v":1,"seq":123,"hash":"<hex>","at":"<ISO>","key":"<key fingerprint>","sig":"<base64>"}
 *
 * `verifyWithCheckpoints` recomputes the chain and then holds it against every checkpoint: a checkpoint
 * beyond the last row means rows were cut off; a hash that differs means history was rewritten; a bad
 * signature means the checkpoint file itself was tampered with.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { AuditVerifyResult } from '@jiandu/domain';
import type { Config } from '../config.ts';
import type { Database } from '../db/client.ts';
import { loadAuditSigner, type AuditSigner, type AuditVerifier } from '../crypto/audit-key.ts';
import { lastAuditHead, verifyAudit } from '../repositories/audit.repository.ts';
import type { Clock } from '../context.ts';

export const CHECKPOINT_FILE = 'audit-checkpoints.jsonl';

export interface Checkpoint {
  v: 1;
  seq: number;
  hash: string;
  at: string;
  key: string;
  sig: string;
}

export function checkpointPath(config: Pick<Config, 'auditCheckpointDir'>): string {
  return path.join(config.auditCheckpointDir, CHECKPOINT_FILE);
}

function message(seq: number, hashHex: string, at: string): Buffer {
  return Buffer.from(`jiandu-audit-checkpoint|1|${seq}|${hashHex}|${at}`, 'utf8');
}

/** Appends a signed checkpoint of the log's current end; does nothing when the log has not moved since `since`. */
export async function writeCheckpoint(
  db: Database, signer: AuditSigner, file: string, clock: Clock, since: number | null = null,
): Promise<Checkpoint | null> {
  const head = await lastAuditHead(db);
  if (!head || head.seq === since) return null;
  const at = clock.now().toISOString();
  const hash = head.hash.toString('hex');
  const cp: Checkpoint = { v: 1, seq: head.seq, hash, at, key: signer.fingerprint, sig: signer.sign(message(head.seq, hash, at)).toString('base64') };
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const fd = fs.openSync(file, 'a', 0o600);
  try {
    fs.writeSync(fd, `${JSON.stringify(cp)}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  return cp;
}

export interface CheckpointRead {
  checkpoints: Checkpoint[];
  /** Line numbers (1-based) that are not a well-formed checkpoint. */
  badLines: number[];
}

export function readCheckpoints(file: string): CheckpointRead {
  if (!fs.existsSync(file)) return { checkpoints: [], badLines: [] };
  const checkpoints: Checkpoint[] = [];
  const badLines: number[] = [];
  fs.readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    try {
      const c = JSON.parse(line) as Checkpoint;
      if (c.v !== 1 || !Number.isInteger(c.seq) || c.seq < 1 || !/^[0-9a-f]{64}$/u.test(c.hash) || typeof c.sig !== 'string' || typeof c.at !== 'string') throw new Error('bad');
      checkpoints.push(c);
    } catch {
      badLines.push(i + 1);
    }
  });
  return { checkpoints, badLines };
}

/**
 * The chain, then every checkpoint. Without a verifier (the key file is missing) only the chain is
 * checked and the message says so.
 */
export async function verifyWithCheckpoints(db: Database, file: string, verifier: AuditVerifier | null): Promise<AuditVerifyResult> {
  const { checkpoints, badLines } = readCheckpoints(file);
  const wanted = new Map<number, Checkpoint[]>();
  for (const c of checkpoints) wanted.set(c.seq, [...(wanted.get(c.seq) ?? []), c]);
  const seen = new Map<number, string>();
  const chain = await verifyAudit(db, 5000, (seq, hash) => {
    if (wanted.has(seq)) seen.set(seq, hash.toString('hex'));
  });
  const newest = checkpoints.reduce<Checkpoint | null>((m, c) => (!m || c.seq > m.seq ? c : m), null);
  const base = { ...chain, checkpoint: newest ? { seq: newest.seq, at: newest.at } : null, cutOff: null };
  if (!chain.ok) return base;
  if (badLines.length > 0) {
    return { ...base, ok: false, message: `审计检查点文件第 ${badLines.join('、')} 行格式错误（检查点文件被改动）：${file}` };
  }
  if (!verifier) {
    return { ...base, message: `${chain.message}；未找到审计签名密钥，未核对检查点` };
  }
  for (const c of checkpoints) {
    if (c.key !== verifier.fingerprint || !verifier.verify(message(c.seq, c.hash, c.at), Buffer.from(c.sig, 'base64'))) {
      return { ...base, ok: false, message: `审计检查点（${c.at}，第 ${c.seq} 条）的签名无效：检查点文件被改动，或换用了另一把签名密钥` };
    }
  }
  const last = chain.checked; // seq runs 1..checked without gaps when the chain is intact
  if (newest && newest.seq > last) {
    const cut = newest.seq - last;
    return {
      ...base, ok: false, brokenAt: last + 1, cutOff: cut,
      message: `审计日志末尾被截去 ${cut} 条：签名检查点（${newest.at}）记录到第 ${newest.seq} 条，数据库中只到第 ${last} 条`,
    };
  }
  for (const c of checkpoints) {
    const h = seen.get(c.seq);
    if (h !== undefined && h !== c.hash) {
      return {
        ...base, ok: false, brokenAt: c.seq,
        message: `审计日志第 ${c.seq} 条与签名检查点（${c.at}）不符：此前的记录被改动后整条哈希链被重新计算`,
      };
    }
  }
  const note = newest ? `；与 ${checkpoints.length} 个签名检查点一致（最新：第 ${newest.seq} 条，${newest.at}）` : '；尚无签名检查点';
  return { ...base, message: `${chain.message}${note}` };
}

/** The verifier for `file`'s config: the public half of the signing key, or null when there is no key. */
export function loadVerifier(config: Config): AuditVerifier | null {
  return loadAuditSigner(config.auditKeyFile, { create: false });
}

export interface CheckpointSchedule {
  /** Writes a last checkpoint and stops the timer. */
  stop(): Promise<void>;
}

/** Every `minutes` (and once at stop) a checkpoint, when the log moved. Failures are reported, never fatal. */
export function startCheckpoints(db: Database, signer: AuditSigner, file: string, clock: Clock, minutes: number): CheckpointSchedule {
  let last: number | null = null;
  let running: Promise<void> = Promise.resolve();
  const once = () => {
    running = running.then(async () => {
      try {
        const cp = await writeCheckpoint(db, signer, file, clock, last);
        if (cp) last = cp.seq;
      } catch (e) {
        console.error(`错误：写入审计检查点失败（${file}）：${e instanceof Error ? e.message : String(e)}。请检查该目录是否可写、磁盘是否已满。`);
      }
    });
    return running;
  };
  void once();
  const timer = setInterval(() => void once(), Math.max(1, minutes) * 60_000);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await once();
    },
  };
}
