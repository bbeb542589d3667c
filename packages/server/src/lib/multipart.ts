/**
 * A small multipart/form-data reader (RFC 7578) for the few routes that take a form with files (a
 * 督办事项's answer: note, entryId, files). The body is already in memory (bounded by the route's bodyLimit);
 * fields are UTF-8 text, files are Buffers with their (raw, unsanitized) file name.
 */
import { ServiceError } from '../errors.ts';

export interface MultipartFile { field: string; fileName: string; data: Buffer }
export interface MultipartForm { fields: Map<string, string>; files: MultipartFile[] }

const bad = (message: string) => new ServiceError('invalid', message, 'invalid', [{ path: 'body', message }]);

/** The boundary of a `multipart/form-data; boundary=…` content type, or null. */
export function boundaryOf(contentType: string | undefined): string | null {
  if (!contentType || !/^multipart\/form-data\s*;/iu.test(contentType)) return null;
  const m = /boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/iu.exec(contentType);
  return m ? (m[1] ?? m[2] ?? null) : null;
}

/** A file name from a Content-Disposition header: `filename*=UTF-8''…` wins over `filename="…"` (browsers send UTF-8 raw). */
function dispositionParams(header: string): { name: string | null; fileName: string | null } {
  const param = (key: string) => {
    const m = new RegExp(`(?:^|;)\\s*${key}="((?:[^"\\\\]|\\\\.)*)"|(?:^|;)\\s*${key}=([^;]*)`, 'iu').exec(header);
    return m ? (m[1] ?? m[2] ?? '').replace(/\\(.)/gu, '$1').trim() : null;
  };
  const star = /(?:^|;)\s*filename\*=(?:UTF-8|utf-8)''([^;]*)/u.exec(header);
  let fileName = param('filename');
  if (star) {
    try {
      fileName = decodeURIComponent(star[1]!.trim());
    } catch {
      throw bad('上传文件名的编码无效');
    }
  }
  return { name: param('name'), fileName };
}

export function parseMultipart(body: Buffer, boundary: string, limits: { maxFiles: number; maxFields: number }): MultipartForm {
  const delimiter = Buffer.from(`--${boundary}`);
  const fields = new Map<string, string>();
  const files: MultipartFile[] = [];
  let pos = body.indexOf(delimiter);
  if (pos < 0) throw bad('表单格式不正确（缺少分隔符）');
  for (;;) {
    pos += delimiter.length;
    if (body.subarray(pos, pos + 2).toString() === '--') break; // closing delimiter
    if (body.subarray(pos, pos + 2).toString() === '\r\n') pos += 2;
    const headerEnd = body.indexOf('\r\n\r\n', pos);
    if (headerEnd < 0) throw bad('表单格式不正确（缺少段头）');
    const headers = body.subarray(pos, headerEnd).toString('utf8').split('\r\n');
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), headerEnd + 4);
    if (next < 0) throw bad('表单格式不正确（缺少结束分隔符）');
    const content = body.subarray(headerEnd + 4, next);
    const disposition = headers.find((h) => /^content-disposition:/iu.test(h));
    if (!disposition) throw bad('表单格式不正确（缺少 Content-Disposition）');
    const { name, fileName } = dispositionParams(disposition.replace(/^content-disposition:\s*form-data\s*;?/iu, ''));
    if (!name) throw bad('表单格式不正确（字段没有名称）');
    if (fileName !== null) {
      if (files.length >= limits.maxFiles) throw bad(`一次最多上传 ${limits.maxFiles} 个附件`);
      if (content.length > 0 || fileName !== '') files.push({ field: name, fileName, data: content });
    } else {
      if (fields.size >= limits.maxFields) throw bad('表单字段过多');
      fields.set(name, content.toString('utf8'));
    }
    pos = next + 2;
  }
  return { fields, files };
}
