/**
 * .lrmx (干部任免审批表 3.0, XML) bytes → typed form. Element order does not matter; unknown elements are
 * kept aside; field problems are `errors`/`warnings`. A file that cannot be a form at all (too big, not
 * XML, DTD/entity declarations, wrong root) throws `LrmxFileError` with a Chinese message.
 */
import { decodeXmlBytes } from './decode.ts';
import { normalizeTexts } from './normalize.ts';
import { photoFromBase64 } from './photo.ts';
import {
  DEFAULT_MAX_BYTES, FAMILY_ELEMENT, FAMILY_FIELDS, LrmxFileError, PERSON_FIELDS, PHOTO_ELEMENT,
  type LrmxIssue, type LrmxParseResult, type LrmxPhoto, type LrmxTexts, type LrmxUnknown,
} from './types.ts';
import { assertNoDtd, deepText, parseXml, type XmlElement } from './xml.ts';

export interface ParseLrmxOptions {
  /** Largest accepted file in bytes (default 5 MB). */
  maxBytes?: number;
}

const PERSON_ELEMENTS = new Map(PERSON_FIELDS.map((f) => [f.element.toLowerCase(), f.element]));
const ITEM_ELEMENTS = new Map(FAMILY_FIELDS.map((f) => [f.element.toLowerCase(), f.element]));

/** Rejects what is obviously not an XML file, with a helpful message. */
export function assertSize(bytes: Uint8Array, maxBytes: number, what: string): void {
  if (!(bytes instanceof Uint8Array)) throw new TypeError('bytes must be a Buffer or Uint8Array');
  if (bytes.length > maxBytes) {
    const mb = (n: number) => (n / 1024 / 1024).toFixed(1).replace(/\.0$/u, '');
    throw new LrmxFileError('too_large', `${what}过大（${mb(bytes.length)} MB），上限为 ${mb(maxBytes)} MB`);
  }
  if (bytes.length === 0) throw new LrmxFileError('empty', `${what}是空文件`);
}

function sniffNotXml(b: Uint8Array): void {
  const starts = (...sig: number[]) => sig.every((v, i) => b[i] === v);
  if (starts(0x50, 0x4b, 0x03, 0x04)) throw new LrmxFileError('not_xml', '这是一个压缩文件（如 Word .docx 或 Excel .xlsx），不是 .lrmx 干部任免审批表文件');
  if (starts(0xd0, 0xcf, 0x11, 0xe0)) throw new LrmxFileError('not_xml', '这是一个旧版 Office 文件（.doc/.xls），不是 .lrmx 干部任免审批表文件');
  if (starts(0xff, 0xd8, 0xff) || starts(0x89, 0x50, 0x4e, 0x47)) throw new LrmxFileError('not_xml', '这是一个图片文件，不是 .lrmx 干部任免审批表文件');
  if (starts(0x25, 0x50, 0x44, 0x46)) throw new LrmxFileError('not_xml', '这是一个 PDF 文件，不是 .lrmx 干部任免审批表文件');
}

class Collector {
  readonly texts: LrmxTexts = { person: {}, family: [] };
  readonly unknown: LrmxUnknown[] = [];
  readonly warnings: LrmxIssue[] = [];
  photoText: string | null = null;

  constructor(private readonly src: string) {}

  keep(el: XmlElement, path: string, why?: string): void {
    this.unknown.push({ path, text: deepText(el).trim(), raw: this.src.slice(el.innerStart, el.innerEnd) });
    if (why) this.warnings.push({ field: 'file', label: '文件', message: why });
  }

  /** Canonical element name (case-insensitive match, with a warning when the case differs). */
  canonical(map: Map<string, string>, name: string, path: string): string | undefined {
    const c = map.get(name.toLowerCase());
    if (c !== undefined && c !== name) {
      this.warnings.push({ field: 'file', label: '文件', message: `元素名 <${path}> 大小写不规范，按 <${c}> 读取` });
    }
    return c;
  }

  /** Text of a scalar element; nested elements inside it are kept aside. */
  scalar(el: XmlElement, path: string): string {
    el.children.forEach((c, i) => this.keep(c, `${path}/${c.name}[${i}]`, `<${path}> 中不应有子元素 <${c.name}>，已另行保留`));
    return el.text;
  }

  item(el: XmlElement, index: number): void {
    const row: Record<string, string> = {};
    const base = `${FAMILY_ELEMENT}/Item[${index}]`;
    for (const c of el.children) {
      const name = this.canonical(ITEM_ELEMENTS, c.name, `${base}/${c.name}`);
      if (name === undefined) this.keep(c, `${base}/${c.name}`);
      else if (name in row) this.keep(c, `${base}/${c.name}`, `家庭成员${index + 1}的 <${name}> 重复出现，已使用第一个，其余另行保留`);
      else row[name] = this.scalar(c, `${base}/${name}`);
    }
    if (el.text.trim() !== '') this.unknown.push({ path: `${base}/#text`, text: el.text.trim(), raw: el.text });
    this.texts.family.push(row);
  }

  person(root: XmlElement): void {
    for (const el of root.children) {
      const lower = el.name.toLowerCase();
      if (lower === FAMILY_ELEMENT.toLowerCase()) {
        this.canonical(new Map([[lower, FAMILY_ELEMENT]]), el.name, el.name);
        for (const c of el.children) {
          if (c.name.toLowerCase() === 'item') this.item(c, this.texts.family.length);
          else this.keep(c, `${FAMILY_ELEMENT}/${c.name}`);
        }
        continue;
      }
      if (lower === PHOTO_ELEMENT.toLowerCase()) {
        if (this.photoText === null) this.photoText = this.scalar(el, PHOTO_ELEMENT);
        else this.keep(el, PHOTO_ELEMENT, '<ZhaoPian> 重复出现，已使用第一个');
        continue;
      }
      const name = this.canonical(PERSON_ELEMENTS, el.name, el.name);
      if (name === undefined) this.keep(el, el.name);
      else if (name in this.texts.person) this.keep(el, el.name, `<${name}> 重复出现，已使用第一个，其余另行保留`);
      else this.texts.person[name] = this.scalar(el, name);
    }
    if (root.text.trim() !== '') this.unknown.push({ path: 'Person/#text', text: root.text.trim(), raw: root.text });
  }
}

/** Parses .lrmx bytes. Throws `LrmxFileError` for file-level problems only. */
export function parseLrmx(bytes: Uint8Array, options: ParseLrmxOptions = {}): LrmxParseResult {
  assertSize(bytes, options.maxBytes ?? DEFAULT_MAX_BYTES, '.lrmx 文件');
  sniffNotXml(bytes);
  const decoded = decodeXmlBytes(bytes);
  const text = decoded.text;
  assertNoDtd(text);
  if (!/^[\s\uFEFF]*</u.test(text)) throw new LrmxFileError('not_xml', '文件不是 XML 格式，不是 .lrmx 干部任免审批表文件');

  const xml = parseXml(text);
  if (xml.root.name.toLowerCase() !== 'person') {
    throw new LrmxFileError('not_lrmx', `不是干部任免审批表文件：根元素应为 <Person>，实际为 <${xml.root.name}>`);
  }
  const c = new Collector(text);
  if (xml.root.name !== 'Person') c.warnings.push({ field: 'file', label: '文件', message: `根元素 <${xml.root.name}> 大小写不规范，按 <Person> 读取` });
  c.person(xml.root);

  const warnings: LrmxIssue[] = [
    ...decoded.warnings.map((message) => ({ field: 'file', label: '文件', message })),
    ...xml.warnings.map((message) => ({ field: 'file', label: '文件', message })),
    ...c.warnings,
  ];
  const errors: LrmxIssue[] = [];
  let photo: LrmxPhoto | null = null;
  if (c.photoText !== null) {
    const r = photoFromBase64(c.photoText);
    if (r.ok) photo = r.photo;
    else errors.push({ field: 'photo', label: '照片', message: `照片：${r.message}` });
  }
  const n = normalizeTexts(c.texts);
  return {
    format: 'lrmx',
    encoding: decoded.encoding,
    person: n.person,
    family: n.family,
    photo,
    resume: n.resume,
    unknown: c.unknown,
    warnings: [...warnings, ...n.warnings],
    errors: [...n.errors, ...errors],
  };
}
