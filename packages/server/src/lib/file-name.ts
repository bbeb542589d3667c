/**
 * File names that came from users (uploads) or carry Chinese text (exports): made safe to store and to
 * put in a `Content-Disposition` header (FILE-03; RFC 6266 with the RFC 5987 `filename*` form).
 */

export const MAX_FILE_NAME = 200;

/* eslint-disable no-control-regex */
/** C0/C1 controls, DEL, and the invisible characters that can disguise an extension (bidi overrides, zero-width). */
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/gu;
/* eslint-enable no-control-regex */
/** Characters Windows refuses in a file name. */
const RESERVED = /[<>:"|?*]/gu;

/**
 * A user's file name, as stored: no directory parts (either slash), no control or invisible characters,
 * no characters Windows refuses, no leading dots, at most 200 characters with the extension kept.
 * Returns '' when nothing usable is left.
 */
export function sanitizeFileName(raw: string): string {
  let s = raw.normalize('NFC').replace(INVISIBLE, '');
  s = s.slice(Math.max(s.lastIndexOf('/'), s.lastIndexOf('\\')) + 1);
  s = s.replace(RESERVED, '_').replace(/\s+/gu, ' ').trim().replace(/^[.\s]+/u, '').replace(/[.\s]+$/u, '');
  const chars = [...s];
  if (chars.length > MAX_FILE_NAME) {
    const dot = s.lastIndexOf('.');
    const ext = dot > 0 && s.length - dot <= 10 ? s.slice(dot) : '';
    const base = [...(ext ? s.slice(0, dot) : s)].slice(0, MAX_FILE_NAME - [...ext].length).join('');
    s = base + ext;
  }
  return s;
}

/** The lower-case extension without the dot ('' if none). */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

/** RFC 5987 attr-char: everything else is percent-encoded (encodeURIComponent leaves ' ( ) * alone). */
function encodeRfc5987(s: string): string {
  return encodeURIComponent(s).replace(/['()*]/gu, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * `attachment; filename="ascii fallback"; filename*=UTF-8''percent-encoded` — safe whatever the name holds
 * (quotes, semicolons, CR/LF, Chinese): the fallback keeps printable ASCII only, the rest becomes `_`.
 */
export function contentDisposition(fileName: string): string {
  const name = sanitizeFileName(fileName) || 'download';
  const e = extensionOf(name);
  const ext = /^[a-z0-9]{1,10}$/u.test(e) ? e : '';
  const stem = ext ? name.slice(0, -(ext.length + 1)) : name;
  const base = stem.replace(/[^\x20-\x7e]/gu, '_').replace(/["\\%;]/gu, '_').replace(/_{2,}/gu, '_').replace(/^[_.\s]+|[_.\s]+$/gu, '');
  // A Chinese name leaves little in ASCII: then "download" plus whatever digits remain.
  const fallback = (/[A-Za-z]/u.test(base) ? base : ['download', base].filter(Boolean).join('_')) + (ext ? `.${ext}` : '');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeRfc5987(name)}`;
}
