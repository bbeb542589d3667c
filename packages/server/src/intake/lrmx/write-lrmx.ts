/**
 * Typed form → .lrmx bytes: UTF-8 with the XML declaration, elements in the order of the reference
 * template, family `Item`s, the photo as one line of base64, `Version` last. Each field's `text` is
 * written, so `parseLrmx(writeLrmx(doc))` gives back the same fields. The 2025 fields (到龄年月,
 * 改革前任职年龄界限) are written only when they have a value; empty family rows are not written.
 */
import { NON_XML_CHARS } from './normalize.ts';
import { photoToBase64 } from './photo.ts';
import { DEFAULT_VERSION, FAMILY_ELEMENT, FAMILY_FIELDS, PERSON_FIELDS, PHOTO_ELEMENT, type LrmxDocument } from './types.ts';

export interface WriteLrmxOptions {
  /** Editor version written when the document has none (default `3.2.1.6`). */
  version?: string;
  /** Line break between elements (default CRLF, as the Windows editor writes). */
  newline?: '\r\n' | '\n';
  /** Prefix a UTF-8 BOM (default false). */
  bom?: boolean;
}

/** Escapes character data; CR is written as `&#xD;` so it survives XML line-end normalization. */
export function escapeXmlText(s: string): string {
  return s.replace(NON_XML_CHARS, '').replace(/[&<>\r]/gu, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&#xD;'));
}

function element(name: string, text: string, indent: string): string {
  const body = escapeXmlText(text);
  return body === '' ? `${indent}<${name} />` : `${indent}<${name}>${body}</${name}>`;
}

export function writeLrmx(doc: LrmxDocument, options: WriteLrmxOptions = {}): Buffer {
  const nl = options.newline ?? '\r\n';
  const lines: string[] = ['<?xml version="1.0" encoding="utf-8"?>', '<Person>'];
  const p = doc.person;
  for (const f of PERSON_FIELDS) {
    const text = p[f.key].text;
    if (f.element === 'ChengBaoDanWei') {
      lines.push(`  <${FAMILY_ELEMENT}>`);
      for (const m of doc.family) {
        if (FAMILY_FIELDS.every((ff) => m[ff.key].text === '')) continue;
        lines.push('    <Item>');
        for (const ff of FAMILY_FIELDS) lines.push(element(ff.element, m[ff.key].text, '      '));
        lines.push('    </Item>');
      }
      lines.push(`  </${FAMILY_ELEMENT}>`);
    }
    if (f.element === 'Version') {
      lines.push(element(PHOTO_ELEMENT, doc.photo ? photoToBase64(doc.photo) : '', '  '));
      lines.push(element('Version', text === '' ? options.version ?? DEFAULT_VERSION : text, '  '));
      continue;
    }
    if (f.optional && text === '') continue;
    lines.push(element(f.element, text, '  '));
  }
  lines.push('</Person>', '');
  const body = Buffer.from(lines.join(nl), 'utf8');
  return options.bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
}
