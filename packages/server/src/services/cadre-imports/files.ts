/**
 * An upload of 任免审批表 → the forms in it: one .lrmx or .lrm, or a .zip of them. The zip's central
 * directory is judged before anything is inflated (`intake/sheet/zip.ts`: entry count, declared sizes
 * and ratios, encryption, zip64; `../`, absolute and drive paths refuse the whole zip), each entry is
 * inflated alone and never past the per-file cap or its declared size. A .lrm is paired with the .pic
 * of the same name in the same folder; nested folders are fine; other entries are reported and skipped.
 */
import { bufferHandle } from '../../lib/file-type.ts';
import { extensionOf } from '../../lib/file-name.ts';
import { DEFAULT_MAX_BYTES } from '../../intake/lrmx/index.ts';
import { SheetFileError } from '../../intake/sheet/types.ts';
import { formatBytes, readEntryBytes, readZipDirectory, type ZipEntry } from '../../intake/sheet/zip.ts';
import { ServiceError } from '../../errors.ts';

export const MAX_UPLOAD = 100 * 1024 * 1024;
/** Largest single form (or photo) in an upload. */
export const MAX_FORM_BYTES = DEFAULT_MAX_BYTES;
export const MAX_FORMS = 2000;
const ZIP_LIMITS = { maxEntries: 5000, maxTotalSize: 1024 ** 3, maxRatio: 250 };

export interface FormFile {
  /** Name, or path inside the zip. */
  file: string;
  format: 'lrmx' | 'lrm';
  /** Bytes, or a reason the entry could not be read (too big, damaged). */
  data: Buffer | null;
  pic: Buffer | null;
  error: string | null;
  warnings: string[];
}

export interface Expanded {
  forms: FormFile[];
  skipped: Array<{ file: string; message: string }>;
}

const ZIP_MESSAGES: Partial<Record<SheetFileError['code'], string>> = {
  'unsafe-path': '压缩包中有异常的内部路径（如 ../、以 / 开头的绝对路径或盘符），出于安全考虑拒绝整个压缩包',
  'zip-bomb': '压缩包解压后过大或压缩比异常（疑似压缩炸弹），拒绝导入',
  'encrypted': '压缩包已加密，请取消密码后再上传',
  'macro': '压缩包中含有宏文件（vbaProject.bin），拒绝导入',
};

const isZip = (b: Buffer) => b.length >= 4 && b.readUInt32LE(0) === 0x04034b50;
const stem = (p: string) => p.replace(/\.[^./]*$/u, '').toLowerCase();

/** The forms of one upload. Throws `ServiceError('invalid')` for an upload that cannot be read at all. */
export async function expandUpload(fileName: string, data: Buffer): Promise<Expanded> {
  const ext = extensionOf(fileName);
  if (data.length === 0) throw new ServiceError('invalid', '文件是空的');
  if (ext === 'zip' || (isZip(data) && ext !== 'lrmx' && ext !== 'lrm')) return expandZip(data);
  if (ext === 'lrmx' || ext === 'lrm') {
    const warnings = ext === 'lrm' ? ['.lrm 文件的照片在同名的 .pic 文件中：单独上传 .lrm 不含照片；如需照片，请把 .lrm 和 .pic 放在一个 .zip 中上传'] : [];
    const tooBig = data.length > MAX_FORM_BYTES ? `文件过大（${formatBytes(data.length)}），单个任免审批表不能超过 ${formatBytes(MAX_FORM_BYTES)}` : null;
    return { forms: [{ file: fileName, format: ext, data: tooBig ? null : data, pic: null, error: tooBig, warnings }], skipped: [] };
  }
  if (ext === 'pic') throw new ServiceError('invalid', '.pic 是 .lrm 任免审批表的照片：请把 .lrm 和同名的 .pic 放在一个 .zip 中上传');
  throw new ServiceError('invalid', `不支持“${ext ? `.${ext}` : fileName}”文件：请上传 .lrmx、.lrm 任免审批表，或它们的 .zip 压缩包`);
}

async function expandZip(data: Buffer): Promise<Expanded> {
  if (!isZip(data)) throw new ServiceError('invalid', '文件不是有效的 .zip 压缩包');
  const fh = bufferHandle(data);
  let entries: Map<string, ZipEntry>;
  try {
    entries = await readZipDirectory(fh, data.length, ZIP_LIMITS);
  } catch (e) {
    if (e instanceof SheetFileError) {
      throw new ServiceError('invalid', ZIP_MESSAGES[e.code] ?? '压缩包结构损坏或异常，请重新压缩后再上传', `zip_${e.code.replace(/-/gu, '_')}`);
    }
    throw e;
  }
  const files = [...entries.values()].filter((e) => !e.name.endsWith('/') && !/(^|\/)(__MACOSX\/|\._|\.DS_Store$|Thumbs\.db$)/iu.test(e.name));
  const byStem = new Map<string, ZipEntry[]>();
  for (const e of files) byStem.set(stem(e.name), [...(byStem.get(stem(e.name)) ?? []), e]);
  const read = async (e: ZipEntry): Promise<{ data: Buffer | null; error: string | null }> => {
    if (e.size > MAX_FORM_BYTES) return { data: null, error: `文件过大（${formatBytes(e.size)}），单个文件不能超过 ${formatBytes(MAX_FORM_BYTES)}` };
    try {
      return { data: await readEntryBytes(fh, e, MAX_FORM_BYTES), error: null };
    } catch (err) {
      if (err instanceof SheetFileError) return { data: null, error: '压缩包中的此文件已损坏，无法解压' };
      throw err;
    }
  };

  const forms: FormFile[] = [];
  const skipped: Expanded['skipped'] = [];
  const usedPics = new Set<string>();
  for (const e of files.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'))) {
    const ext = extensionOf(e.name);
    if (ext === 'pic') continue;
    if (ext !== 'lrmx' && ext !== 'lrm') {
      skipped.push({ file: e.name, message: ext === 'zip' ? '压缩包中的压缩包不读取，已跳过' : '不是 .lrmx/.lrm 任免审批表文件，已跳过' });
      continue;
    }
    if (forms.length >= MAX_FORMS) {
      skipped.push({ file: e.name, message: `一次最多导入${MAX_FORMS}份任免审批表，已跳过` });
      continue;
    }
    const form: FormFile = { file: e.name, format: ext, data: null, pic: null, error: null, warnings: [] };
    const r = await read(e);
    form.data = r.data;
    form.error = r.error;
    if (ext === 'lrm') {
      const pic = (byStem.get(stem(e.name)) ?? []).find((x) => extensionOf(x.name) === 'pic');
      if (pic) {
        usedPics.add(pic.name);
        const p = await read(pic);
        if (p.data) form.pic = p.data;
        else form.warnings.push(`照片文件“${pic.name}”：${p.error}，已忽略照片`);
      }
    }
    forms.push(form);
  }
  for (const e of files) {
    if (extensionOf(e.name) === 'pic' && !usedPics.has(e.name)) skipped.push({ file: e.name, message: '没有同名的 .lrm 文件，照片已跳过' });
  }
  if (forms.length === 0) throw new ServiceError('invalid', '压缩包中没有 .lrmx 或 .lrm 任免审批表文件');
  return { forms, skipped };
}
