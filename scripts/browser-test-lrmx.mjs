/**
 * 任免审批表 files for the browser test: a .lrmx as the editor writes it (fictional people), a valid
 * 身份证号, and a .zip of them (stored entries, UTF-8 names) — no dependency.
 */

const esc = (s) => String(s).replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;').replace(/\r/gu, '&#xD;');

/** The 18th character of a 身份证号 (GB 11643). */
export function idNumberOf(first17) {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * w[i], 0);
  return first17 + '10X98765432'[sum % 11];
}

/** A .lrmx: `person` maps element names to texts; family items; the photo as base64 (or ''). */
export function lrmxXml(person, family = [], photoBase64 = '') {
  const lines = ['<?xml version="1.0" encoding="utf-8"?>', '<Person>'];
  for (const [k, v] of Object.entries(person)) lines.push(`  <${k}>${esc(v)}</${k}>`);
  lines.push('  <JiaTingChengYuan>');
  for (const m of family) {
    lines.push('    <Item>');
    for (const [k, v] of Object.entries(m)) lines.push(`      <${k}>${esc(v)}</${k}>`);
    lines.push('    </Item>');
  }
  lines.push('  </JiaTingChengYuan>', `  <ZhaoPian>${photoBase64}</ZhaoPian>`, '  <Version>3.2.1.6</Version>', '</Person>', '');
  return Buffer.from(lines.join('\r\n'), 'utf8');
}

export const RESUME = [
  '1996.09--2000.07  某某财经学院经济系国民经济管理专业学习',
  '2000.07--2006.03  某某县财政局科员',
  '2006.03--2013.08  某某县委组织部干部科副科长、科长',
  '                  （其间：2009.09--2012.06在某某大学公共管理专业在职研究生学习，获公共管理硕士学位）',
  '2013.08--         某某县某某镇党委书记',
].join('\n');

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** 2025-06-01 as an MS-DOS date. */
const DOS_DATE = ((2025 - 1980) << 9) | (6 << 5) | 1;

/** A .zip of stored (uncompressed) entries with UTF-8 names. */
export function makeZip(entries) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const n = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(n.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(n.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, n, data);
    centrals.push(central, n);
    offset += 30 + n.length + data.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}
