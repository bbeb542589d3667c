/**
 * CSV (RFC 4180: quoted fields, doubled quotes, line breaks inside quotes), streamed. Encoding: a BOM
 * decides (UTF-8, UTF-16LE/BE — Excel's “Unicode 文本”); otherwise UTF-8 if the whole file is valid UTF-8
 * (checked in a first pass that keeps nothing), else GBK (decoded as GB18030, its superset).
 * The delimiter is the most frequent of `,` `\t` `;` in the first lines. Row numbers are record numbers,
 * as Excel shows them when it opens the file.
 */
import { rangeStream, type SheetOrigin } from './origin.ts';
import { isUtf8 } from 'node:buffer';
import type { FileHandle } from 'node:fs/promises';
import { SheetFileError, type RawCell, type RawRow, type SheetInfo } from './types.ts';

const CHUNK = 1024 * 1024;
const MAX_RECORD_CHARS = 8 * 1024 * 1024;

export interface CsvSource {
  info: SheetInfo;
  batches(): AsyncGenerator<RawRow[]>;
  progress(): number;
}

function bomOf(head: Buffer): { encoding: string; length: number } | null {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

/** Bytes at the end of `b` that start an incomplete UTF-8 sequence (0–3). */
function incompleteTail(b: Buffer): number {
  for (let back = 1; back <= Math.min(3, b.length); back++) {
    const byte = b[b.length - back]!;
    if ((byte & 0xc0) === 0x80) continue;
    const need = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return need > back ? back : 0;
  }
  return 0;
}

/** Whether the whole file is valid UTF-8, reading it in chunks (memory stays flat). */
async function isUtf8File(path: SheetOrigin, start: number): Promise<boolean> {
  let carry = Buffer.alloc(0);
  for await (const chunk of rangeStream(path, start, undefined, CHUNK) as AsyncIterable<Buffer>) {
    const b = carry.length ? Buffer.concat([carry, chunk]) : chunk;
    const tail = incompleteTail(b);
    if (!isUtf8(b.subarray(0, b.length - tail))) return false;
    carry = Buffer.from(b.subarray(b.length - tail));
  }
  return carry.length === 0;
}

function pickDelimiter(sample: string): string {
  const lines = sample.split(/\r\n|\n|\r/u).slice(0, 20).join('\n').replace(/"[^"]*"/gu, '');
  let best = ',';
  let most = 0;
  for (const d of [',', '\t', ';']) {
    const n = lines.split(d).length - 1;
    if (n > most) {
      most = n;
      best = d;
    }
  }
  return best;
}

export async function openCsv(path: SheetOrigin, fh: FileHandle, size: number): Promise<CsvSource> {
  const head = Buffer.alloc(Math.min(size, 64 * 1024));
  await fh.read(head, 0, head.length, 0);
  const bom = bomOf(head);
  let encoding: string;
  let start = 0;
  const warnings: string[] = [];
  if (bom) {
    encoding = bom.encoding;
    start = bom.length;
  } else if (await isUtf8File(path, 0)) {
    encoding = 'utf-8';
  } else {
    encoding = 'gb18030';
    warnings.push('文件不是 UTF-8 编码，已按 GBK 编码读取');
  }
  if (!bom && head.subarray(0, 8192).includes(0)) throw new SheetFileError('not-a-sheet', '文件不是 Excel 或 CSV 文件，请上传 .xlsx 或 .csv 文件');
  const sample = new TextDecoder(encoding).decode(head.subarray(start));
  const delimiter = pickDelimiter(sample);
  const info: SheetInfo = { format: 'csv', sheetNames: [], sheetName: null, encoding, lastRowHint: null, warnings };
  let read = 0;
  return {
    info,
    progress: () => (size === 0 ? 1 : Math.min(1, read / size)),
    batches: () => csvRows(path, start, encoding, delimiter, (n) => { read += n; }),
  };
}

async function* csvRows(path: SheetOrigin, start: number, encoding: string, delimiter: string, onRead: (n: number) => void): AsyncGenerator<RawRow[]> {
  const decoder = new TextDecoder(encoding);
  const stream = rangeStream(path, start, undefined, CHUNK);
  const parser = new CsvParser(delimiter);
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      onRead(chunk.length);
      const batch = parser.push(decoder.decode(chunk, { stream: true }), false);
      if (batch.length > 0) yield batch;
    }
    const last = parser.push(decoder.decode(), true);
    if (last.length > 0) yield last;
  } finally {
    stream.destroy();
  }
}

/** Incremental RFC 4180 parser: text in, complete records out; an unfinished record waits for more text. */
export class CsvParser {
  private buf = '';
  private record = 0;

  constructor(private readonly delimiter = ',') {}

  /** Adds text; returns the records it completed (all of them when `final`). */
  push(text: string, final: boolean): RawRow[] {
    const out: RawRow[] = [];
    this.buf = this.buf.length ? this.buf + text : text;
    const s = this.buf;
    const d = this.delimiter.charCodeAt(0);
    let pos = 0;
    while (pos < s.length) {
      const cells: RawCell[] = [];
      let i = pos;
      let complete = false;
      for (;;) {
        let value: string;
        if (s.charCodeAt(i) === 34) {
          // Quoted field: up to the closing quote; "" is a quote.
          let j = i + 1;
          value = '';
          let closed = false;
          for (;;) {
            const q = s.indexOf('"', j);
            if (q < 0 || (q === s.length - 1 && !final)) break;
            if (s.charCodeAt(q + 1) === 34) {
              value += s.slice(j, q + 1);
              j = q + 2;
              continue;
            }
            value += s.slice(j, q);
            j = q + 1;
            closed = true;
            break;
          }
          if (!closed) {
            if (!final) break;
            throw new SheetFileError('bad-csv', `CSV 文件第${this.record + 1}行的引号没有闭合`);
          }
          // Lenient: text after the closing quote belongs to the field.
          let k = j;
          while (k < s.length) {
            const c = s.charCodeAt(k);
            if (c === d || c === 10 || c === 13) break;
            k++;
          }
          if (k > j) value += s.slice(j, k);
          i = k;
        } else {
          let k = i;
          while (k < s.length) {
            const c = s.charCodeAt(k);
            if (c === d || c === 10 || c === 13) break;
            k++;
          }
          value = s.slice(i, k);
          i = k;
        }
        cells.push(value === '' ? null : value);
        if (i >= s.length) {
          complete = final;
          break;
        }
        const c = s.charCodeAt(i);
        if (c === d) {
          i++;
          continue;
        }
        // End of record: \n, \r\n or \r (a \r at the end of the text waits to see whether \n follows).
        if (c === 13) {
          if (i + 1 >= s.length && !final) break;
          i += s.charCodeAt(i + 1) === 10 ? 2 : 1;
        } else {
          i++;
        }
        complete = true;
        break;
      }
      if (!complete) break;
      this.record++;
      pos = i;
      if (cells.length > 1 || cells[0] !== null) out.push({ row: this.record, cells });
    }
    this.buf = s.slice(pos);
    if (this.buf.length > MAX_RECORD_CHARS) throw new SheetFileError('bad-csv', `CSV 文件第${this.record + 1}行过长（可能是引号没有闭合）`);
    return out;
  }
}
