/**
 * Bytes → text for .lrmx (XML) and .lrm (GBK text) files: BOM (UTF-8, UTF-16LE/BE), a declared
 * encoding (GBK/GB2312/GB18030 → Node's gb18030 decoder, a superset), UTF-16 without BOM, and a
 * GBK file mislabelled as UTF-8. Damaged bytes become U+FFFD with a warning rather than a failure.
 */
import { LrmxFileError } from './types.ts';

export interface DecodedText {
  text: string;
  /** The WHATWG name of the encoding used (`utf-8`, `utf-16le`, `utf-16be`, `gb18030` …). */
  encoding: string;
  warnings: string[];
}

const GBK_LABELS = new Set(['gbk', 'gb2312', 'gb_2312', 'gb_2312-80', 'gb18030', 'cp936', 'ms936', 'windows-936', 'x-gbk', 'euc-cn', 'csgb2312', 'chinese', 'iso-ir-58']);

function bomEncoding(b: Uint8Array): string | null {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return 'utf-8';
  if (b[0] === 0xff && b[1] === 0xfe) return 'utf-16le';
  if (b[0] === 0xfe && b[1] === 0xff) return 'utf-16be';
  if (b[0] === 0x3c && b[1] === 0x00 && b[2] === 0x3f && b[3] === 0x00) return 'utf-16le';
  if (b[0] === 0x00 && b[1] === 0x3c && b[2] === 0x00 && b[3] === 0x3f) return 'utf-16be';
  return null;
}

/** The `encoding="…"` of an ASCII-compatible XML declaration, lower-cased; null when absent. */
export function declaredEncoding(b: Uint8Array): string | null {
  const head = Buffer.from(b.subarray(0, 512)).toString('latin1');
  const m = /^\s*<\?xml\s[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]{1,40})["']/u.exec(head);
  return m ? m[1]!.toLowerCase() : null;
}

function countReplacements(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\uFFFD'); i >= 0; i = s.indexOf('\uFFFD', i + 1)) n++;
  return n;
}

function tryDecode(encoding: string, b: Uint8Array): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(b);
  } catch {
    return null;
  }
}

/** Decodes leniently, reporting how many byte sequences were invalid. */
function decodeLenient(encoding: string, b: Uint8Array, warnings: string[]): string {
  const strict = tryDecode(encoding, b);
  if (strict !== null) return strict;
  const text = new TextDecoder(encoding).decode(b);
  warnings.push(`文件中有${countReplacements(text)}处字节不符合 ${encoding} 编码（文件可能已损坏），已替换为“�”`);
  return text;
}

function decoderFor(label: string): string | null {
  if (GBK_LABELS.has(label)) return 'gb18030';
  try {
    const enc = new TextDecoder(label).encoding;
    return enc;
  } catch {
    return null;
  }
}

/** Decodes the bytes of an XML file. Throws `LrmxFileError('encoding')` for an unsupported declared encoding. */
export function decodeXmlBytes(b: Uint8Array): DecodedText {
  const warnings: string[] = [];
  const bom = bomEncoding(b);
  if (bom) return { text: decodeLenient(bom, b, warnings), encoding: bom, warnings };

  const declared = declaredEncoding(b);
  if (declared && declared !== 'utf-8' && declared !== 'utf8' && !declared.startsWith('utf-16') && !declared.startsWith('ucs-2')) {
    const enc = decoderFor(declared);
    if (!enc) throw new LrmxFileError('encoding', `不支持文件声明的编码“${declared}”，请另存为 UTF-8 或 GBK 编码后再导入`);
    return { text: decodeLenient(enc, b, warnings), encoding: enc, warnings };
  }
  if (declared && (declared.startsWith('utf-16') || declared.startsWith('ucs-2'))) {
    warnings.push(`文件声明为 ${declared} 编码，但实际是单字节兼容编码，已按 UTF-8 读取`);
  }
  const utf8 = tryDecode('utf-8', b);
  if (utf8 !== null) return { text: utf8, encoding: 'utf-8', warnings };
  // Not valid UTF-8: a GBK file written without (or with a wrong) declaration, or a damaged UTF-8 file.
  const lenient = new TextDecoder('utf-8').decode(b);
  const gbk = tryDecode('gb18030', b);
  if (gbk !== null && countReplacements(lenient) > 3) {
    warnings.push('文件不是有效的 UTF-8 编码，已按 GBK（GB18030）编码读取');
    return { text: gbk, encoding: 'gb18030', warnings };
  }
  warnings.push(`文件中有${countReplacements(lenient)}处字节不符合 UTF-8 编码（文件可能已损坏），已替换为“�”`);
  return { text: lenient, encoding: 'utf-8', warnings };
}

/** Decodes a .lrm record: GBK by default; a BOM or valid non-ASCII UTF-8 is honoured. */
export function decodeLegacyBytes(b: Uint8Array): DecodedText {
  const warnings: string[] = [];
  const bom = bomEncoding(b);
  if (bom) return { text: decodeLenient(bom, b, warnings), encoding: bom, warnings };
  const utf8 = tryDecode('utf-8', b);
  // GBK text of any length is practically never valid UTF-8; pure ASCII reads the same either way.
  if (utf8 !== null && /[\u0080-\uffff]/u.test(utf8)) {
    warnings.push('.lrm 文件通常为 GBK 编码，此文件是 UTF-8 编码，已按 UTF-8 读取');
    return { text: utf8, encoding: 'utf-8', warnings };
  }
  return { text: decodeLenient('gb18030', b, warnings), encoding: 'gb18030', warnings };
}
