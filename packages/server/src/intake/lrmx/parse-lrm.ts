/**
 * Legacy .lrm (干部任免审批表 2.0) → the same typed form as .lrmx. The file is GBK text holding one
 * record of 33 double-quoted fields joined by `","`; 学历学位 and 院校 pack four values as
 * `全日制#全日制@在职#在职`, family columns join members with `@`. The photo is the sibling `.pic` file.
 */
import { decodeLegacyBytes } from './decode.ts';
import { normalizeTexts } from './normalize.ts';
import { assertSize } from './parse-lrmx.ts';
import { photoFromBytes } from './photo.ts';
import { DEFAULT_MAX_BYTES, LrmxFileError, type LrmxIssue, type LrmxParseResult, type LrmxPhoto, type LrmxUnknown } from './types.ts';

export const LRM_FIELD_COUNT = 33;

/** Field index → .lrmx element, for the plain fields (reference §6). */
export const LRM_FIELDS: ReadonlyArray<readonly [number, string]> = [
  [0, 'XingMing'], [1, 'XingBie'], [2, 'ChuShengNianYue'], [3, 'MinZu'], [4, 'JiGuan'], [5, 'RuDangShiJian'],
  [6, 'JianKangZhuangKuang'], [7, 'ChuShengDi'], [8, 'CanJiaGongZuoShiJian'], [11, 'ZhuanYeJiShuZhiWu'],
  [16, 'ShuXiZhuanYeYouHeZhuanChang'], [17, 'JianLi'], [18, 'JiangChengQingKuang'], [19, 'NianDuKaoHeJieGuo'],
  [25, 'XianRenZhiWu'], [26, 'NiRenZhiWu'], [27, 'NiMianZhiWu'], [28, 'RenMianLiYou'], [29, 'ChengBaoDanWei'],
  [30, 'JiSuanNianLingShiJian'], [31, 'TianBiaoRen'], [32, 'TianBiaoShiJian'],
];
/** 学历学位 (9) and 院校 (10): `[全日制学历, 全日制学位] @ [在职学历, 在职学位]`. */
export const LRM_PACKED: ReadonlyArray<readonly [number, readonly [string, string, string, string]]> = [
  [9, ['QuanRiZhiJiaoYu_XueLi', 'QuanRiZhiJiaoYu_XueWei', 'ZaiZhiJiaoYu_XueLi', 'ZaiZhiJiaoYu_XueWei']],
  [10, ['QuanRiZhiJiaoYu_XueLi_BiYeYuanXiaoXi', 'QuanRiZhiJiaoYu_XueWei_BiYeYuanXiaoXi', 'ZaiZhiJiaoYu_XueLi_BiYeYuanXiaoXi', 'ZaiZhiJiaoYu_XueWei_BiYeYuanXiaoXi']],
];
/** Family columns 20–24. */
export const LRM_FAMILY: ReadonlyArray<readonly [number, string]> = [
  [20, 'ChengWei'], [21, 'XingMing'], [22, 'ChuShengRiQi'], [23, 'ZhengZhiMianMao'], [24, 'GongZuoDanWeiJiZhiWu'],
];
const UNUSED = [12, 13, 14, 15];

export interface ParseLrmOptions {
  maxBytes?: number;
}

/** Splits in two at the first separator; extra separators stay in the second part (nothing is lost). */
function pair(s: string, sep: string, label: string, warnings: LrmxIssue[]): [string, string] {
  const at = s.indexOf(sep);
  if (at < 0) return [s, ''];
  const rest = s.slice(at + 1);
  if (rest.includes(sep)) warnings.push({ field: 'file', label, message: `${label}：含有多余的“${sep}”，多出的部分并入最后一项` });
  return [s.slice(0, at), rest];
}

/** Splits the record into its fields: outer quotes removed, split on `","`. */
export function splitLrmRecord(text: string): string[] {
  const t = text.replace(/^[\s\uFEFF]+|\s+$/gu, '');
  if (t.length < 2 || !t.startsWith('"') || !t.endsWith('"')) {
    throw new LrmxFileError('not_lrm', '不是 .lrm 干部任免审批表文件：内容应为一组用双引号括起、以 "," 分隔的字段');
  }
  const fields = t.slice(1, -1).split('","');
  if (fields.length !== LRM_FIELD_COUNT) {
    throw new LrmxFileError('not_lrm', `不是 .lrm 干部任免审批表文件：应有${LRM_FIELD_COUNT}个字段，实际为${fields.length}个`);
  }
  return fields;
}

/**
 * Parses a .lrm file and, when given, its `.pic` photo. Throws `LrmxFileError` for file-level problems
 * (too big, empty, not a 33-field record); field problems are `errors`/`warnings`.
 */
export function parseLrm(lrm: Uint8Array, pic?: Uint8Array | null, options: ParseLrmOptions = {}): LrmxParseResult {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  assertSize(lrm, maxBytes, '.lrm 文件');
  if (pic && pic.length > maxBytes) assertSize(pic, maxBytes, '.pic 照片文件');
  const decoded = decodeLegacyBytes(lrm);
  const fields = splitLrmRecord(decoded.text);
  const warnings: LrmxIssue[] = decoded.warnings.map((message) => ({ field: 'file', label: '文件', message }));

  const person: Record<string, string> = {};
  for (const [i, element] of LRM_FIELDS) person[element] = fields[i]!;
  for (const [i, [a, b, c, d]] of LRM_PACKED) {
    const label = i === 9 ? '学历学位' : '毕业院校';
    const [fullTime, inService] = pair(fields[i]!, '@', label, warnings);
    [person[a], person[b]] = pair(fullTime, '#', label, warnings);
    [person[c], person[d]] = pair(inService, '#', label, warnings);
  }

  const columns = LRM_FAMILY.map(([i]) => fields[i]!.split('@'));
  const rows = Math.max(...columns.map((c) => c.length));
  const family: Array<Record<string, string>> = [];
  for (let r = 0; r < rows; r++) {
    const row: Record<string, string> = {};
    LRM_FAMILY.forEach(([, element], k) => { row[element] = columns[k]![r] ?? ''; });
    family.push(row);
  }

  const unknown: LrmxUnknown[] = [];
  for (const i of UNUSED) if (fields[i]!.trim() !== '') unknown.push({ path: `lrm[${i}]`, text: fields[i]!.trim(), raw: fields[i]! });

  const errors: LrmxIssue[] = [];
  let photo: LrmxPhoto | null = null;
  if (pic && pic.length > 0) {
    const r = photoFromBytes(pic);
    if (r.ok) photo = r.photo;
    else errors.push({ field: 'photo', label: '照片', message: `照片：${r.message}` });
  }
  const n = normalizeTexts({ person, family });
  return {
    format: 'lrm',
    encoding: decoded.encoding,
    person: n.person,
    family: n.family,
    photo,
    resume: n.resume,
    unknown,
    warnings: [...warnings, ...n.warnings],
    errors: [...n.errors, ...errors],
  };
}
