/**
 * Round trip over generated cadres: a 任免审批表 (every field, 0–10 family members, a photo or none) is
 * imported as a new cadre, exported, and the export parses to the same fields as the original file —
 * field texts (dates in the editor's `YYYYMM` form), family, photo bytes, 身份证号 — and importing the
 * export again changes nothing. The same for .lrm (+ .pic) files.
 */
import fc from 'fast-check';
import {
  DEGREE_TABLE, EDUCATION_TABLE, ETHNICITY_TABLE, HEALTH_TABLE, KINSHIP_TABLE, POLITICAL_STATUS_TABLE, idNumberCheckChar, type CodeTable,
} from '@jiandu/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { FAMILY_FIELDS, PERSON_FIELDS, parseLrm, parseLrmx, type LrmxParseResult } from '../../src/intake/lrmx/index.ts';
import { cancelCadreImport, commitCadreImport, getCadreImport, uploadCadreImport } from '../../src/services/cadre-imports/lrmx-import.service.ts';
import { exportLrmx } from '../../src/services/cadre-imports/lrmx-export.service.ts';
import { systemActor, type Actor } from '../../src/context.ts';
import { createOrg } from '../../src/services/orgs.service.ts';
import { createTestContext, type TestContext } from '../support/app.ts';
import { jpegBytes, lrmBytes, lrmxBytes, type Texts } from '../support/lrmx.ts';
import { pngBytes } from '../unit/lrmx-fixtures.ts';
import { makeZip } from '../support/zip.ts';

let ctx: TestContext;
let orgId: string;
const actor: Actor = { ...systemActor('test:roundtrip'), permissions: new Set(['cadre:read', 'cadre:write', 'cadre:sensitive']) };

beforeAll(async () => {
  ctx = await createTestContext();
  orgId = (await createOrg(ctx.deps, systemActor('t'), { parentId: null, name: '青川市委', type: '党委', level: '市级', regionCode: '519900', withTeam: true })).id;
});

const names = (t: CodeTable) => t.entries.flatMap((e) => [e.name, ...(e.aliases ?? [])]);
const HAN = '林王张李赵周吴郑陈褚卫蒋沈韩杨朱秦尤许何吕施孔曹严华金魏陶姜晓舟国平雨岚明海山川';
const DIGITS = '零一二三四五六七八九';
/** A name no earlier run has: a surname, then the run's counter in Han digits. */
let counter = 0;
const uniqueName = () => `${HAN[counter % 30]}${String(++counter).split('').map((d) => DIGITS[Number(d)]).join('')}`;

/** Texts that survive any writer: graphemes, XML-hostile characters, line breaks, full-width spaces. */
const anyText = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  { weight: 2, arbitrary: fc.string({ unit: fc.constantFrom(...`${HAN}某县委组织部、，（）\u3000 \n`), maxLength: 20 }) },
  { weight: 1, arbitrary: fc.constantFrom('', '<&>"\'', ']]>', 'a\r\nb', 'R&D', '\u3000王\u3000某\u3000', '已故') },
);
const month = fc.tuple(fc.integer({ min: 1930, max: 2024 }), fc.integer({ min: 1, max: 12 }));
const dateText = (day: boolean) => fc.oneof(
  { weight: 4, arbitrary: fc.tuple(month, fc.integer({ min: 1, max: 28 }), fc.constantFrom('compact', 'dot', 'dash')).map(([[y, m], d, form]) => {
    const mm = String(m).padStart(2, '0');
    const dd = String(d).padStart(2, '0');
    if (form === 'compact') return day ? `${y}${mm}${dd}` : `${y}${mm}`;
    return form === 'dot' ? (day ? `${y}.${mm}.${dd}` : `${y}.${mm}`) : (day ? `${y}-${mm}-${dd}` : `${y}-${mm}`);
  }) },
  { weight: 1, arbitrary: fc.constant('') },
);
const code = (t: CodeTable) => fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...names(t)) }, { weight: 1, arbitrary: fc.constantFrom('', '其他说明') });
const resume = fc.array(fc.tuple(month, fc.constantFrom('--', '—', '-'), fc.constantFrom('', '2025.01', '至今'), anyText), { maxLength: 5 })
  .map((ps) => ps.map(([[y, m], sep, end, t]) => `${y}.${String(m).padStart(2, '0')}${sep}${end}  ${t.replace(/[\r\n]/gu, ' ')}`).join('\n'));

const TABLE_OF: Record<string, CodeTable> = {
  MinZu: ETHNICITY_TABLE, JianKangZhuangKuang: HEALTH_TABLE, QuanRiZhiJiaoYu_XueLi: EDUCATION_TABLE, QuanRiZhiJiaoYu_XueWei: DEGREE_TABLE,
  ZaiZhiJiaoYu_XueLi: EDUCATION_TABLE, ZaiZhiJiaoYu_XueWei: DEGREE_TABLE,
};

function fieldArb(element: string, kind: string): fc.Arbitrary<string> {
  if (element === 'XingMing' || element === 'ShenFenZheng' || element === 'Version') return fc.constant('');
  if (element === 'XingBie') return fc.constantFrom('男', '女', '');
  if (element === 'JianLi') return resume;
  if (element === 'GaiGeQianRenZhiNianLingJieXian') return fc.constantFrom('', '改革前任职年龄界限为60岁', '已到龄人员');
  if (kind === 'date') return dateText(false);
  if (kind === 'day') return dateText(true);
  if (kind === 'party') return fc.oneof(dateText(false), fc.constantFrom('民盟', '群众', '九三学社'));
  const t = TABLE_OF[element];
  return t ? code(t) : anyText;
}

const person = fc.record(Object.fromEntries(PERSON_FIELDS.map((f) => [f.element, fieldArb(f.element, f.kind)]))) as fc.Arbitrary<Texts>;
const member = fc.record({
  ChengWei: code(KINSHIP_TABLE), XingMing: fc.string({ unit: fc.constantFrom(...HAN), minLength: 1, maxLength: 4 }), ChuShengRiQi: dateText(false),
  ZhengZhiMianMao: code(POLITICAL_STATUS_TABLE), GongZuoDanWeiJiZhiWu: anyText,
});
const photo = fc.option(fc.oneof(fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 400 }).map((t) => jpegBytes(t)), fc.constant(pngBytes())), { nil: null });
const padded = fc.boolean();

let idSeq = 0;
function newId(birth: string): string {
  const ymd = /^\d{6}$/u.test(birth) ? `${birth}15` : '19800101';
  const first17 = `519901${ymd}${String(++idSeq).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}

/** The field texts a parse gives, dates as values (the export writes them `YYYYMM`), others as texts. */
function comparable(r: LrmxParseResult, elements: readonly string[]) {
  const person: Record<string, string | null> = {};
  for (const f of PERSON_FIELDS) {
    if (!elements.includes(f.element) || f.kind === 'id' || f.element === 'Version') continue;
    const v = r.person[f.key];
    person[f.element] = (f.kind === 'date' || f.kind === 'day' || (f.kind === 'party' && 'value' in v && v.value !== null)) && 'value' in v ? v.value : v.text;
  }
  const family = r.family.map((m) => Object.fromEntries(FAMILY_FIELDS.map((f) => [f.element, f.kind === 'date' ? (m[f.key] as { value: string | null }).value : m[f.key].text])));
  return { person, family, photo: r.photo?.bytes.toString('hex') ?? null, id: r.person.idNumber.value };
}

async function importOne(data: Buffer, fileName: string): Promise<string> {
  const up = await uploadCadreImport(ctx.deps, actor, { fileName, data, orgId });
  await up.done;
  const v = await getCadreImport(ctx.deps, actor, up.id);
  expect(v.report[0]?.status, JSON.stringify(v.report[0]?.errors)).toBe('create');
  await commitCadreImport(ctx.deps, actor, up.id);
  const done = await getCadreImport(ctx.deps, actor, up.id);
  expect(done.created).toBe(1);
  return done.report[0]!.cadre.id!;
}

async function reimportIsUnchanged(data: Buffer, match: 'id' | 'name_birth'): Promise<void> {
  const up = await uploadCadreImport(ctx.deps, actor, { fileName: 'export.lrmx', data, orgId });
  await up.done;
  const v = await getCadreImport(ctx.deps, actor, up.id);
  expect(v.report[0]).toMatchObject({ status: 'unchanged', match, diff: [] });
  await cancelCadreImport(ctx.deps, actor, up.id);
}

const ALL = PERSON_FIELDS.map((f) => f.element);

describe('round trip: import → export → parse gives back every field', () => {
  it('.lrmx of generated cadres (every field, family, photo, 身份证号)', async () => {
    await fc.assert(fc.asyncProperty(person, fc.array(member, { maxLength: 10 }), photo, padded, async (texts, family, pic, pad) => {
      const name = uniqueName();
      const t: Texts = { ...texts, XingMing: pad && name.length === 2 ? `${name[0]}  ${name[1]}` : name, ShenFenZheng: newId(texts.ChuShengNianYue ?? '') };
      const original = parseLrmx(lrmxBytes(t, family, pic));
      expect(original.errors).toEqual([]);
      const id = await importOne(lrmxBytes(t, family, pic), `${name}.lrmx`);
      const exported = await exportLrmx(ctx.deps, actor, id);
      const back = parseLrmx(exported.data);
      expect(back.errors).toEqual([]);
      expect(comparable(back, ALL)).toEqual(comparable(original, ALL));
      expect(back.person.version.text).toBe(original.person.version.text || '3.2.1.6');
      for (const f of PERSON_FIELDS) {
        const v = back.person[f.key];
        if ((f.kind === 'date' || f.kind === 'day') && v.text !== '') expect(v.text).toMatch(/^\d{4}(\d{2}){0,2}$/u);
      }
      await reimportIsUnchanged(exported.data, 'id');
    }), { numRuns: 40 });
  }, 180_000);

  it('.lrm + .pic of generated cadres (the fields a .lrm carries)', async () => {
    const gbkSafe = fc.string({ unit: fc.constantFrom(...`${HAN}某县委组织部、，（）ab1 `), maxLength: 16 }).map((s) => s.trim());
    const lrmPerson = fc.record({
      XingBie: fc.constantFrom('男', '女'), ChuShengNianYue: month.map(([y, m]) => `${y}.${String(m).padStart(2, '0')}`), MinZu: fc.constantFrom('汉族', '回族', '满族'),
      JiGuan: gbkSafe, RuDangShiJian: fc.oneof(month.map(([y, m]) => `${y}.${String(m).padStart(2, '0')}`), fc.constant('民盟')), JianKangZhuangKuang: fc.constantFrom('健康', '一般'),
      ChuShengDi: gbkSafe, CanJiaGongZuoShiJian: month.map(([y, m]) => `${y}${String(m).padStart(2, '0')}`), QuanRiZhiJiaoYu_XueLi: fc.constantFrom('大学', '研究生', ''),
      QuanRiZhiJiaoYu_XueWei: fc.constantFrom('经济学学士', ''), ZaiZhiJiaoYu_XueLi: fc.constantFrom('研究生', ''), ZaiZhiJiaoYu_XueWei: fc.constantFrom('公共管理硕士', ''),
      QuanRiZhiJiaoYu_XueLi_BiYeYuanXiaoXi: gbkSafe, ZaiZhiJiaoYu_XueLi_BiYeYuanXiaoXi: gbkSafe, ZhuanYeJiShuZhiWu: gbkSafe, ShuXiZhuanYeYouHeZhuanChang: gbkSafe,
      JianLi: fc.constantFrom('1996.09--2000.07  某大学学习\n2000.07--         某县委组织部', ''), JiangChengQingKuang: gbkSafe, NianDuKaoHeJieGuo: gbkSafe,
      XianRenZhiWu: gbkSafe, NiRenZhiWu: gbkSafe, NiMianZhiWu: gbkSafe, RenMianLiYou: gbkSafe, ChengBaoDanWei: gbkSafe,
      JiSuanNianLingShiJian: fc.constantFrom('20250601', ''), TianBiaoRen: gbkSafe, TianBiaoShiJian: fc.constantFrom('20250601', '202506', ''),
    });
    const lrmMember = fc.record({
      ChengWei: fc.constantFrom('妻子', '父亲', '儿子'), XingMing: fc.string({ unit: fc.constantFrom(...HAN), minLength: 2, maxLength: 3 }),
      ChuShengRiQi: month.map(([y, m]) => `${y}.${String(m).padStart(2, '0')}`), ZhengZhiMianMao: fc.constantFrom('中共党员', '群众'), GongZuoDanWeiJiZhiWu: gbkSafe,
    });
    await fc.assert(fc.asyncProperty(lrmPerson, fc.array(lrmMember, { maxLength: 7 }), fc.boolean(), async (texts, family, withPic) => {
      const t: Texts = { ...texts, XingMing: uniqueName() };
      const lrm = lrmBytes(t, family);
      const pic = jpegBytes([counter % 256]);
      const original = parseLrm(lrm, withPic ? pic : null);
      expect(original.errors).toEqual([]);
      const zip = makeZip([{ name: `${t.XingMing}.lrm`, data: lrm }, ...(withPic ? [{ name: `${t.XingMing}.pic`, data: pic }] : [])]);
      const id = await importOne(zip, 'lrm.zip');
      const exported = await exportLrmx(ctx.deps, actor, id);
      const back = parseLrmx(exported.data);
      const carried = ALL.filter((e) => !['ShenFenZheng', 'Version', 'DaoLingNianYue', 'GaiGeQianRenZhiNianLingJieXian', 'QuanRiZhiJiaoYu_XueWei_BiYeYuanXiaoXi', 'ZaiZhiJiaoYu_XueWei_BiYeYuanXiaoXi'].includes(e));
      expect(comparable(back, carried)).toEqual(comparable(original, carried));
      await reimportIsUnchanged(exported.data, 'name_birth');
    }), { numRuns: 15 });
  }, 180_000);
});
