/**
 * Just enough XML for the parts of an .xlsx: attributes, text with entities and OOXML `_xHHHH_`
 * escapes, and the refusal of any DTD (no entity can expand, nothing external is fetched: FILE-02).
 */
import { SheetFileError } from './types.ts';

const ENTITY = /&(?:#(\d{1,7})|#x([0-9a-fA-F]{1,6})|(amp|lt|gt|quot|apos));/gu;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function codePoint(n: number): string {
  return n > 0 && n <= 0x10ffff && (n < 0xd800 || n > 0xdfff) ? String.fromCodePoint(n) : '\uFFFD';
}

/** Text content → string: `&amp;` `&#20013;` and then `_x000D_` (with `_x005F_` escaping an underscore). */
export function decodeXmlText(s: string): string {
  let t = s;
  if (t.includes('&')) {
    t = t.replace(ENTITY, (_m, dec: string | undefined, hex: string | undefined, name: string | undefined) =>
      name ? NAMED[name]! : codePoint(dec ? Number(dec) : parseInt(hex!, 16)));
  }
  if (t.includes('_x')) t = t.replace(/_x([0-9A-Fa-f]{4})_/gu, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
  return t;
}

/** The value of attribute `name` inside the tag `s[from, to)`, or null. Cheap: no regex, no allocation but the value. */
export function attrIn(s: string, from: number, to: number, name: string): string | null {
  const needle = `${name}=`;
  let k = s.indexOf(needle, from);
  while (k >= 0 && k < to) {
    const before = s.charCodeAt(k - 1);
    if (before === 32 || before === 9 || before === 10 || before === 13) {
      const quote = s[k + needle.length];
      const start = k + needle.length + 1;
      const end = s.indexOf(quote!, start);
      return end < 0 || end > to ? null : s.slice(start, end);
    }
    k = s.indexOf(needle, k + 1);
  }
  return null;
}

/** All attributes of a tag body (`name="v" r:id='x'`), decoded; for the small parts only. */
export function attrs(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/gu)) out[m[1]!] = decodeXmlText(m[2] ?? m[3] ?? '');
  return out;
}

/** Every start tag `<prefix:local …>` of the given local name, as attribute maps. */
export function tagsNamed(xml: string, local: string): Array<Record<string, string>> {
  const re = new RegExp(`<(?:[\\w.-]+:)?${local}(\\s[^>]*)?/?>`, 'gu');
  return [...xml.matchAll(re)].map((m) => attrs(m[1] ?? ''));
}

/**
 * Checks the prolog (text before the root element) of an XML part and returns the root's namespace
 * prefix (`x:` for `<x:worksheet>`, '' for none). Null when the root has not arrived yet.
 */
export function rootPrefix(xml: string, root: string, part: string): string | null {
  const m = new RegExp(`<([\\w.-]+:)?${root}[\\s>/]`, 'u').exec(xml);
  const prolog = m ? xml.slice(0, m.index) : xml;
  if (/<!DOCTYPE|<!ENTITY/iu.test(prolog)) throw new SheetFileError('bad-xml', `文件中的“${part}”含有DTD声明，出于安全考虑拒绝导入`);
  return m ? (m[1] ?? '') : null;
}

/**
 * Concatenated text of the `<t>` elements in `s[from, to)`, skipping phonetic runs (`<rPh>`), decoded.
 * Serves shared strings (`<si>`) and inline strings (`<is>`).
 */
export function runText(s: string, from: number, to: number, p: string): string {
  const tOpen = `<${p}t`;
  const tClose = `</${p}t>`;
  const rph = `<${p}rPh`;
  const rphClose = `</${p}rPh>`;
  const hasPhonetic = s.slice(from, to).includes(rph);
  let out = '';
  let k = from;
  for (;;) {
    const ti = s.indexOf(tOpen, k);
    if (ti < 0 || ti >= to) break;
    const next = s.charCodeAt(ti + tOpen.length);
    if (next !== 62 && next !== 32 && next !== 47) {
      k = ti + 1;
      continue;
    }
    const ph = hasPhonetic ? s.indexOf(rph, k) : -1;
    if (ph >= 0 && ph < ti) {
      const phEnd = s.indexOf(rphClose, ph);
      if (phEnd < 0 || phEnd >= to) break;
      k = phEnd + rphClose.length;
      continue;
    }
    const tagEnd = s.indexOf('>', ti);
    if (s.charCodeAt(tagEnd - 1) === 47) {
      k = tagEnd + 1;
      continue;
    }
    const te = s.indexOf(tClose, tagEnd);
    if (te < 0 || te > to) break;
    out += s.slice(tagEnd + 1, te);
    k = te + tClose.length;
  }
  return decodeXmlText(out);
}
