/**
 * What an uploaded attachment really is, judged by its bytes (FILE-01): PDF, JPEG, PNG, .docx / .xlsx
 * (a zip whose [Content_Types].xml says so, without macros), OFD (a zip with OFD.xml) or plain text.
 * Zips go through the intake's central-directory guard first, so entry count, declared sizes and
 * compression ratios are judged before anything is inflated; only [Content_Types].xml is ever inflated,
 * capped at its declared size.
 */
import type { FileHandle } from 'node:fs/promises';
import { readEntryText, readZipDirectory, type ZipEntry } from '../intake/sheet/zip.ts';
import { SheetFileError } from '../intake/sheet/types.ts';
import { extensionOf } from './file-name.ts';

export type AttachmentKind = 'pdf' | 'jpeg' | 'png' | 'docx' | 'xlsx' | 'ofd' | 'txt';

export const ATTACHMENT_KINDS: Record<AttachmentKind, { mime: string; label: string; extensions: string[] }> = {
  pdf: { mime: 'application/pdf', label: 'PDF', extensions: ['pdf'] },
  jpeg: { mime: 'image/jpeg', label: 'JPG 图片', extensions: ['jpg', 'jpeg'] },
  png: { mime: 'image/png', label: 'PNG 图片', extensions: ['png'] },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', label: 'Word 文档（.docx）', extensions: ['docx'] },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', label: 'Excel 工作簿（.xlsx）', extensions: ['xlsx'] },
  ofd: { mime: 'application/ofd', label: 'OFD 版式文件', extensions: ['ofd'] },
  txt: { mime: 'text/plain', label: '纯文本（.txt）', extensions: ['txt'] },
};

export const ALLOWED_EXTENSIONS = Object.values(ATTACHMENT_KINDS).flatMap((k) => k.extensions);
const ALLOWED_TEXT = 'PDF、JPG、PNG、DOCX、XLSX、OFD、TXT';

/** Attachments are small: these limits are far below the spreadsheet import's. */
const ZIP_LIMITS = { maxEntries: 5_000, maxTotalSize: 512 * 1024 * 1024, maxRatio: 250 };

export type FileTypeResult = { ok: true; kind: AttachmentKind; mime: string } | { ok: false; message: string };

/** The zip reader works on file handles; an upload is already in memory. */
export function bufferHandle(data: Buffer): FileHandle {
  const read = async (buffer: Buffer, offset: number, length: number, position: number) => {
    const start = Math.max(0, position);
    const bytesRead = start < data.length ? data.copy(buffer, offset, start, Math.min(start + length, data.length)) : 0;
    return { bytesRead, buffer };
  };
  return { read } as unknown as FileHandle;
}

const ZIP_MESSAGES: Partial<Record<SheetFileError['code'], string>> = {
  'macro': '附件包含宏（VBA），出于安全考虑不能上传；请另存为不含宏的 .docx 或 .xlsx 文件',
  'zip-bomb': '附件解压后过大或压缩比异常（疑似压缩炸弹），拒绝上传',
  'encrypted': '附件已加密，请取消密码后再上传',
};

type Sniffed = { kind: AttachmentKind } | { kind: null; message?: string };

async function sniffZip(data: Buffer): Promise<Sniffed> {
  const fh = bufferHandle(data);
  let entries: Map<string, ZipEntry>;
  try {
    entries = await readZipDirectory(fh, data.length, ZIP_LIMITS);
  } catch (e) {
    if (e instanceof SheetFileError) return { kind: null, message: ZIP_MESSAGES[e.code] ?? '附件的压缩包结构损坏或异常，请重新保存后再上传' };
    throw e;
  }
  const types = entries.get('[Content_Types].xml');
  if (types) {
    let xml: string;
    try {
      xml = await readEntryText(fh, types, 1024 * 1024);
    } catch (e) {
      if (e instanceof SheetFileError) return { kind: null, message: '附件的压缩包结构损坏或异常，请重新保存后再上传' };
      throw e;
    }
    if (/macroEnabled|vbaProject/iu.test(xml)) return { kind: null, message: ZIP_MESSAGES.macro! };
    if (/ContentType\s*=\s*["']application\/vnd\.openxmlformats-officedocument\.wordprocessingml\.document\.main\+xml["']/u.test(xml)) return { kind: 'docx' };
    if (/ContentType\s*=\s*["']application\/vnd\.openxmlformats-officedocument\.spreadsheetml\.sheet\.main\+xml["']/u.test(xml)) return { kind: 'xlsx' };
    return { kind: null, message: `不支持的 Office 文件类型（如模板、演示文稿），附件仅支持 ${ALLOWED_TEXT}` };
  }
  if (entries.has('OFD.xml')) return { kind: 'ofd' };
  return { kind: null, message: `不支持压缩包附件，附件仅支持 ${ALLOWED_TEXT}` };
}

/** Text: UTF-8 (BOM optional), UTF-16 with a BOM, or GB18030; no NUL and no control characters but tab, line breaks, form feed. */
function isPlainText(data: Buffer): boolean {
  let text: string;
  try {
    if ((data[0] === 0xff && data[1] === 0xfe) || (data[0] === 0xfe && data[1] === 0xff)) {
      text = new TextDecoder(data[0] === 0xff ? 'utf-16le' : 'utf-16be', { fatal: true }).decode(data.subarray(2));
    } else {
      if (data.includes(0)) return false;
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(data);
      } catch {
        text = new TextDecoder('gb18030', { fatal: true }).decode(data);
      }
    }
  } catch {
    return false;
  }
  // eslint-disable-next-line no-control-regex
  return !/[\u0000-\u0008\u000b\u000e-\u0019\u001b-\u001f\u007f]/u.test(text);
}

async function sniff(data: Buffer): Promise<Sniffed> {
  if (data.subarray(0, 5).toString('latin1') === '%PDF-') return { kind: 'pdf' };
  if (data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return { kind: 'jpeg' };
  if (data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return { kind: 'png' };
  if (data.length >= 4 && data.readUInt32LE(0) === 0x04034b50) return sniffZip(data);
  if (isPlainText(data)) return { kind: 'txt' };
  return { kind: null };
}

/**
 * Checks an upload against the allowlist: the declared extension must be allowed, and the content must
 * be of that very type. The MIME type stored and served is the one of the detected type, never the client's.
 */
export async function checkAttachmentType(fileName: string, data: Buffer): Promise<FileTypeResult> {
  if (data.length === 0) return { ok: false, message: '附件是空文件' };
  const ext = extensionOf(fileName);
  if (!ext) return { ok: false, message: `文件名缺少扩展名，附件仅支持 ${ALLOWED_TEXT}` };
  const declared = (Object.keys(ATTACHMENT_KINDS) as AttachmentKind[]).find((k) => ATTACHMENT_KINDS[k].extensions.includes(ext));
  if (!declared) return { ok: false, message: `不支持“.${ext}”类型的附件，附件仅支持 ${ALLOWED_TEXT}` };
  const found = await sniff(data);
  if (found.kind === null) {
    return { ok: false, message: found.message ?? `文件内容与扩展名不符：“.${ext}”文件的内容不是${ATTACHMENT_KINDS[declared].label}，无法识别为允许的附件类型` };
  }
  if (found.kind !== declared) {
    return { ok: false, message: `文件内容与扩展名不符：文件名为“.${ext}”，实际内容是${ATTACHMENT_KINDS[found.kind].label}` };
  }
  return { ok: true, kind: found.kind, mime: ATTACHMENT_KINDS[found.kind].mime };
}
