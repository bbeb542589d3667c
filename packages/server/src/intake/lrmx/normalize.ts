/**
 * Texts of a form (element name → text) → typed person and family, for both formats. Pure apart from
 * being on the server side. Field problems become `errors`/`warnings`; nothing is guessed: an invalid
 * date or 身份证号 keeps its text and gets a null value.
 */
import {
  lookupCode, nameValue, normalizeDate, normalizeMonth, parseIdNumber, parseResume, type CodeTable, type ParsedResume,
} from '@jiandu/domain';
import {
  FAMILY_FIELDS, PERSON_FIELDS, type CodeValue, type DateValue, type FieldKind, type IdValue, type LrmxFamilyMember,
  type LrmxIssue, type LrmxPerson, type LrmxTexts, type NameValue, type TextValue,
} from './types.ts';

/** Characters XML 1.0 cannot carry (C0 controls except TAB/LF/CR, U+FFFE/FFFF, lone surrogates). */
export const NON_XML_CHARS = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Removes characters XML cannot carry and trims; whitespace-only becomes empty. */
export function cleanText(raw: string): { text: string; stripped: boolean } {
  const without = raw.replace(NON_XML_CHARS, '');
  return { text: without.trim(), stripped: without.length !== raw.length };
}

export { nameValue };

const DECEASED = /已去世|已故|去世|病故|逝世|亡故/u;

interface Sink {
  warnings: LrmxIssue[];
  errors: LrmxIssue[];
}

type AnyValue = TextValue | NameValue | DateValue | CodeValue | IdValue;

function fieldValue(text: string, kind: FieldKind, table: CodeTable | undefined, label: string, field: string, sink: Sink): AnyValue {
  const issue = (list: LrmxIssue[], message: string) => list.push({ field, label, message: `${label}：${message}` });
  switch (kind) {
    case 'name':
      return { text, value: nameValue(text) };
    case 'text':
      return { text };
    case 'date':
    case 'day': {
      if (text === '') return { text, value: null };
      const r = kind === 'date' ? normalizeMonth(text) : normalizeDate(text);
      if (r.ok) return { text, value: r.value };
      issue(sink.errors, r.message);
      return { text, value: null };
    }
    case 'party': {
      // 入党时间 is a date for CPC members; for others the editor stores a party name or nothing.
      if (!/[0-9０-９]/u.test(text)) return { text, value: null };
      const r = normalizeMonth(text);
      if (r.ok) return { text, value: r.value };
      issue(sink.warnings, `“${text}”不是可识别的日期，按原文保留`);
      return { text, value: null };
    }
    case 'code': {
      if (text === '') return { text, code: null, name: null };
      const r = lookupCode(table!, text);
      if (r.name === null) issue(sink.warnings, `“${text}”不在${table!.title}代码表中，按原文保留`);
      return { text, code: r.code, name: r.name };
    }
    case 'id': {
      if (text === '') return { text, value: null };
      const r = parseIdNumber(text);
      if (r.ok) return { text, value: r.value };
      issue(sink.errors, `${r.message}（原文“${text}”），未导入身份证号`);
      return { text, value: null };
    }
  }
}

function crossCheck(person: LrmxPerson, sink: Sink): void {
  if (person.name.value === '') sink.errors.push({ field: 'person.name', label: '姓名', message: '姓名：不能为空' });
  if (person.idNumber.value === null) return;
  const id = parseIdNumber(person.idNumber.value);
  if (!id.ok) return;
  if (person.birth.text === '') {
    person.birth = { text: '', value: id.birth, derivedFrom: 'idNumber' };
    sink.warnings.push({ field: 'person.birth', label: '出生年月', message: `出生年月：为空，已按身份证号读出 ${id.birth}` });
  } else if (person.birth.value !== null && person.birth.value.slice(0, 7) !== id.birth) {
    sink.warnings.push({ field: 'person.birth', label: '出生年月', message: `出生年月：${person.birth.value} 与身份证号中的出生日期 ${id.birth} 不一致` });
  }
  if (person.gender.name !== null && (person.gender.name === '男' || person.gender.name === '女') && person.gender.name !== id.gender) {
    sink.warnings.push({ field: 'person.gender', label: '性别', message: `性别：“${person.gender.text}”与身份证号所示性别“${id.gender}”不一致` });
  }
}

export interface Normalized extends Sink {
  person: LrmxPerson;
  family: LrmxFamilyMember[];
  resume: ParsedResume;
}

/** Normalizes the texts of one form. Element names not in the field tables are ignored here (see `unknown`). */
export function normalizeTexts(texts: LrmxTexts): Normalized {
  const sink: Sink = { warnings: [], errors: [] };
  const take = (raw: string | undefined, label: string, field: string): string => {
    const { text, stripped } = cleanText(raw ?? '');
    if (stripped) sink.warnings.push({ field, label, message: `${label}：含有控制字符等无效字符，已删除` });
    return text;
  };

  const person = {} as Record<keyof LrmxPerson, AnyValue>;
  for (const f of PERSON_FIELDS) {
    const field = `person.${f.key}`;
    person[f.key] = fieldValue(take(texts.person[f.element], f.label, field), f.kind, f.table, f.label, field, sink);
  }
  const p = person as unknown as LrmxPerson;
  crossCheck(p, sink);

  const family: LrmxFamilyMember[] = [];
  for (const item of texts.family) {
    const cleaned = FAMILY_FIELDS.map((f) => cleanText(item[f.element] ?? '').text);
    if (cleaned.every((t) => t === '')) continue; // the editor pads the table with empty rows
    const i = family.length;
    const member = {} as Record<string, AnyValue | boolean>;
    for (const f of FAMILY_FIELDS) {
      const field = `family[${i}].${f.key}`;
      const label = `家庭成员${i + 1}${f.label}`;
      member[f.key] = fieldValue(take(item[f.element], label, field), f.kind, f.table, label, field, sink);
    }
    const m = member as unknown as LrmxFamilyMember;
    m.deceased = DECEASED.test(m.workUnit.text);
    family.push(m);
  }

  const resume = parseResume(p.resumeText.text);
  for (const u of resume.unparsed) {
    sink.warnings.push({ field: 'person.resumeText', label: '简历', message: `简历：第${u.line + 1}行${u.reason}，已按原文保留：“${u.text}”` });
  }
  for (const w of resume.warnings) {
    sink.warnings.push({ field: 'person.resumeText', label: '简历', message: `简历：第${w.line + 1}行${w.message}` });
  }
  return { person: p, family, resume, warnings: sink.warnings, errors: sink.errors };
}
