/**
 * Attachments of ledger entries: checked by content against an allowlist, scanned by clamd when one is
 * configured, stored in the database SM4-encrypted (crypto/blob.ts, AAD `attachment:<id>`; outside any
 * static root, in every backup), tied to the entry version current at upload. Append-only like the
 * versions (the one exception: a legacy plaintext row may be replaced by its encrypted form, see
 * `encryptLegacyAttachments`). Upload and download are audited in the same transaction as the write / read.
 */
import crypto from 'node:crypto';
import { fieldPolicyOf, mayReadEntry, type AttachmentView } from '@jiandu/domain';
import type { Database } from '../db/client.ts';
import type { FieldCrypto } from '../crypto/keys.ts';
import { isEncryptedBlob } from '../crypto/blob.ts';
import { IntegrityError, sm3 } from '../crypto/sm.ts';
import { checkAttachmentType } from '../lib/file-type.ts';
import { sanitizeFileName } from '../lib/file-name.ts';
import * as repo from '../repositories/attachments.repository.ts';
import { recordAudit, recordAuditAlone } from '../repositories/audit.repository.ts';
import { findCurrent } from '../repositories/entries.repository.ts';
import type { Actor, Clock } from '../context.ts';
import type { Mode } from './entries.service.ts';
import { ServiceError, notFound } from '../errors.ts';
import { scanUploadAudited, type ScanConfig } from './virus-scan.ts';

export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

export interface AttachmentsDeps {
  db: Database;
  clock: Clock;
  crypto: FieldCrypto;
  config?: Partial<ScanConfig>;
}

export const attachmentAad = (id: string) => `attachment:${id}`;

/**
 * The plaintext of a stored attachment: decrypted (rows written since encryption) or as stored (legacy
 * plaintext rows); either way checked against the SM3 recorded at upload.
 */
export function openAttachment(box: FieldCrypto, id: string, stored: Buffer, digest: Buffer, aad: (id: string) => string = attachmentAad): Buffer {
  let plain: Buffer;
  if (isEncryptedBlob(stored)) {
    try {
      plain = box.decryptBytes(stored, aad(id));
    } catch (e) {
      // A legacy plaintext file that happens to start with the magic bytes.
      if (sm3(stored).equals(digest)) return stored;
      throw e;
    }
  } else {
    plain = stored;
  }
  if (!sm3(plain).equals(digest)) throw new IntegrityError('附件内容与上传时的 SM3 摘要不符');
  return plain;
}

function departmentOf(actor: Actor, mode: Mode): string | null {
  if (mode !== 'member') return null;
  if (!actor.departmentCode) throw new ServiceError('forbidden', '该账号未关联成员单位');
  return actor.departmentCode;
}

export interface CheckedUpload { fileName: string; mime: string; digest: Buffer }

/**
 * Every uploaded file, before anything is written: its name sanitized, its size, its type by content against
 * the allowlist, the virus scan (audited). `label` names the file in messages when a form carries several
 * (e.g. 第2个附件), `path` the field.
 */
export async function checkUpload(
  deps: AttachmentsDeps, actor: Actor, rawName: string, data: Buffer,
  target: { objectType: string; objectId?: string | null }, where: { path: string; label?: string } = { path: 'file' },
): Promise<CheckedUpload> {
  const fileName = sanitizeFileName(rawName);
  const label = where.label ? `${where.label}：` : '';
  if (!fileName) throw new ServiceError('invalid', `${label}请提供有效的文件名`, 'invalid', [{ path: where.label ? where.path : 'name', message: '文件名为空或只含无效字符' }]);
  const named = where.label ? `附件“${fileName}”：` : '';
  if (data.length > MAX_ATTACHMENT_BYTES) throw new ServiceError('invalid', `${named}附件不能超过 20 MB`, 'too_large', [{ path: where.path, message: '附件不能超过 20 MB' }]);
  const type = await checkAttachmentType(fileName, data);
  if (!type.ok) throw new ServiceError('invalid', `${named}${type.message}`, 'bad_file_type', [{ path: where.path, message: type.message }]);
  await scanUploadAudited(deps, actor, { ...target, fileName, bytes: data.length }, data);
  return { fileName, mime: type.mime, digest: sm3(data) };
}

export async function uploadAttachment(
  deps: AttachmentsDeps, actor: Actor, mode: Mode, entryId: string, rawName: string, data: Buffer,
): Promise<AttachmentView> {
  const dept = departmentOf(actor, mode);
  const { fileName, mime, digest } = await checkUpload(deps, actor, rawName, data, { objectType: 'attachment' });
  const id = crypto.randomUUID();
  const sealed = deps.crypto.encryptBytes(data, attachmentAad(id));
  return deps.db.tx(async (tx) => {
    const cur = await findCurrent(tx, entryId, actor.scope, dept);
    if (!cur) throw notFound('台账记录');
    if (cur.head.status === 'withdrawn') throw new ServiceError('conflict', '已撤销的记录不能添加附件', 'withdrawn');
    if (mode === 'member' && cur.head.status === 'accepted') {
      throw new ServiceError('conflict', '已采纳的记录由组织部补充附件；如需补充请联系组织部', 'accepted');
    }
    await repo.insertAttachment(tx, {
      id, entryId, versionId: cur.head.versionId, fileName, mime, size: data.length, sm3: digest, data: sealed,
      createdBy: actor.userId, createdAt: deps.clock.now(),
    });
    await recordAudit(tx, actor, {
      action: 'attachment.upload', objectType: 'attachment', objectId: id,
      details: { entryId, version: cur.head.version, fileName, mime, size: data.length, sm3: digest.toString('hex') },
    }, deps.clock);
    return { id, entryId, fileName, mime, size: data.length, sm3: digest.toString('hex') };
  });
}

/** The bytes of one attachment, if the actor may read its entry; an audited read. */
export async function downloadAttachment(deps: AttachmentsDeps, actor: Actor, mode: Mode, id: string): Promise<AttachmentView & { data: Buffer }> {
  const dept = departmentOf(actor, mode);
  const found = await deps.db.tx(async (tx) => {
    const a = await repo.findAttachmentInScope(tx, id, actor.scope, dept);
    if (!a) throw notFound('附件');
    // Field policy: the attachments of a 敏感/重要 entry are part of its content (the entry lists none without clearance).
    if (!mayReadEntry(fieldPolicyOf(actor), a)) return { denied: a.entryId } as const;
    await recordAudit(tx, actor, {
      action: 'attachment.download', objectType: 'attachment', objectId: id,
      details: { entryId: a.entryId, fileName: a.fileName, size: a.size },
    }, deps.clock);
    const data = openAttachment(deps.crypto, a.id, a.data, a.sm3);
    return { id: a.id, entryId: a.entryId, fileName: a.fileName, mime: a.mime, size: a.size, sm3: a.sm3.toString('hex'), data };
  });
  if ('denied' in found) {
    await recordAuditAlone(deps.db, actor, {
      action: 'attachment.download', objectType: 'attachment', objectId: id, result: 'denied', reason: '缺少权限 entry:sensitive', details: { entryId: found.denied ?? null },
    }, deps.clock);
    throw new ServiceError('forbidden', '该记录为敏感记录，您没有查看其附件的权限');
  }
  return found;
}
