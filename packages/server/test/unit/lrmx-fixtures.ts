/**
 * Generated fixtures for the .lrmx/.lrm tests: nothing here is copied from real files. The sample person
 * is the fictional one of reference/lrmx.md §5 (with a valid ID number).
 */
import { idNumberCheckChar } from '@jiandu/domain';

/** A valid 18-digit 身份证号 from its first 17 digits. */
export function validId(first17: string): string {
  return first17 + idNumberCheckChar(first17);
}

export const SAMPLE_ID = validId('33022619780315001');

/** A tiny JPEG-looking byte string (only the magic number matters to the parser). */
export function jpegBytes(tail: number[] = [1, 2, 3, 4, 5]): Buffer {
  return Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, ...tail, 0xff, 0xd9]);
}

export function pngBytes(): Buffer {
  return Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
}

export const SAMPLE_RESUME = [
  '1996.09--2000.07  某某财经学院经济系国民经济管理专业学习',
  '2000.07--2006.03  某某县财政局科员',
  '2006.03--2013.08  某某县委组织部干部科副科长、科长',
  '                  （其间：2009.09--2012.06在某某大学公共管理专业在职研究生学习，获公共管理硕士学位）',
  '2013.08--2019.11  某某县某某镇党委书记',
  '2019.11--         某某县委常委、组织部部长',
].join('\n');

export type Fields = Array<[string, string]>;

/** `<Person>` children of the sample, template order; values are raw XML content (already escaped). */
export function sampleFields(): Fields {
  return [
    ['XingMing', '林晓舟'],
    ['XingBie', '男'],
    ['ChuShengNianYue', '197803'],
    ['MinZu', '汉族'],
    ['JiGuan', '浙江宁海'],
    ['ChuShengDi', '浙江宁海'],
    ['RuDangShiJian', '200106'],
    ['CanJiaGongZuoShiJian', '200007'],
    ['JianKangZhuangKuang', '健康'],
    ['ZhuanYeJiShuZhiWu', '经济师'],
    ['ShuXiZhuanYeYouHeZhuanChang', '党建和组织工作'],
    ['QuanRiZhiJiaoYu_XueLi', '大学'],
    ['QuanRiZhiJiaoYu_XueWei', '经济学学士'],
    ['QuanRiZhiJiaoYu_XueLi_BiYeYuanXiaoXi', '某某财经学院经济系国民经济管理专业'],
    ['QuanRiZhiJiaoYu_XueWei_BiYeYuanXiaoXi', '\n  '],
    ['ZaiZhiJiaoYu_XueLi', '研究生'],
    ['ZaiZhiJiaoYu_XueWei', '公共管理硕士'],
    ['ZaiZhiJiaoYu_XueLi_BiYeYuanXiaoXi', '某某大学公共管理学院公共管理专业'],
    ['ZaiZhiJiaoYu_XueWei_BiYeYuanXiaoXi', '\n  '],
    ['XianRenZhiWu', '某某县委常委、组织部部长'],
    ['NiRenZhiWu', '\n  '],
    ['NiMianZhiWu', '\n  '],
    ['JianLi', SAMPLE_RESUME],
    ['JiangChengQingKuang', '2018年被评为某某市优秀党务工作者。'],
    ['NianDuKaoHeJieGuo', '2022年、2023年年度考核均为称职，2024年年度考核为优秀。'],
    ['RenMianLiYou', '\n  '],
    ['JiaTingChengYuan', [
      '', '    <Item>', '      <ChengWei>妻子</ChengWei>', '      <XingMing>周雨岚</XingMing>', '      <ChuShengRiQi>198011</ChuShengRiQi>',
      '      <ZhengZhiMianMao>中共党员</ZhengZhiMianMao>', '      <GongZuoDanWeiJiZhiWu>某某县人民医院护士长</GongZuoDanWeiJiZhiWu>', '    </Item>',
      '    <Item>', '      <ChengWei>父亲</ChengWei>', '      <XingMing>林国平</XingMing>', '      <ChuShengRiQi>195006</ChuShengRiQi>',
      '      <ZhengZhiMianMao>群众</ZhengZhiMianMao>', '      <GongZuoDanWeiJiZhiWu>已去世</GongZuoDanWeiJiZhiWu>', '    </Item>', '  ',
    ].join('\n')],
    ['ChengBaoDanWei', '中共某某县委组织部'],
    ['JiSuanNianLingShiJian', '20250601'],
    ['TianBiaoShiJian', '20250601'],
    ['TianBiaoRen', '王某'],
    ['ShenFenZheng', SAMPLE_ID],
    ['ZhaoPian', jpegBytes().toString('base64')],
    ['Version', '3.2.1.6'],
  ];
}

export interface BuildOptions {
  declaration?: string | null;
  /** How to write an empty element: `<X/>`, `<X></X>` or as given. */
  empty?: 'self' | 'pair';
  newline?: string;
}

/** An .lrmx text from ordered fields. */
export function buildXml(fields: Fields, options: BuildOptions = {}): string {
  const nl = options.newline ?? '\n';
  const decl = options.declaration === undefined ? '<?xml version="1.0" encoding="utf-8"?>' : options.declaration;
  const body = fields.map(([name, value]) => {
    if (value === '' && options.empty === 'self') return `  <${name}/>`;
    return `  <${name}>${value}</${name}>`;
  });
  return [...(decl === null ? [] : [decl]), '<Person>', ...body, '</Person>', ''].join(nl);
}

export function sampleXml(options: BuildOptions = {}): string {
  return buildXml(sampleFields(), options);
}

export function setField(fields: Fields, name: string, value: string): Fields {
  return fields.map(([n, v]) => [n, n === name ? value : v]);
}

export function withoutField(fields: Fields, name: string): Fields {
  return fields.filter(([n]) => n !== name);
}

let gbkTable: Map<string, [number, number]> | null = null;

/**
 * A GBK encoder for tests. Node has no GBK encoder, so the table is derived from its GBK decoder:
 * every two-byte code is decoded once and the mapping reversed.
 */
export function gbkEncode(s: string): Buffer {
  if (!gbkTable) {
    gbkTable = new Map();
    const d = new TextDecoder('gbk');
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        const ch = d.decode(Uint8Array.of(lead, trail));
        if (ch.length === 1 && ch !== '\ufffd' && !gbkTable.has(ch)) gbkTable.set(ch, [lead, trail]);
      }
    }
  }
  const out: number[] = [];
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) { out.push(cp); continue; }
    const bytes = gbkTable.get(ch);
    if (!bytes) throw new Error(`no GBK code for ${ch}`);
    out.push(...bytes);
  }
  return Buffer.from(out);
}

/** UTF-16 bytes with or without BOM. */
export function utf16(s: string, endian: 'le' | 'be', bom: boolean): Buffer {
  const le = Buffer.from((bom ? '\ufeff' : '') + s, 'utf16le');
  if (endian === 'le') return le;
  const be = Buffer.alloc(le.length);
  for (let i = 0; i + 1 < le.length; i += 2) { be[i] = le[i + 1]!; be[i + 1] = le[i]!; }
  return be;
}

/** The 33 fields of a .lrm record for the sample person (reference §6). */
export function sampleLrmFields(): string[] {
  const f = Array.from({ length: 33 }, () => '');
  f[0] = '林晓舟'; f[1] = '男'; f[2] = '1978.03'; f[3] = '汉族'; f[4] = '浙江宁海'; f[5] = '2001.06'; f[6] = '健康';
  f[7] = '浙江宁海'; f[8] = '2000.07'; f[9] = '大学#经济学学士@研究生#公共管理硕士';
  f[10] = '某某财经学院经济系国民经济管理专业#@某某大学公共管理学院公共管理专业#'; f[11] = '经济师';
  f[16] = '党建和组织工作'; f[17] = SAMPLE_RESUME.replace(/\n/gu, '\r\n'); f[18] = '2018年被评为某某市优秀党务工作者。';
  f[19] = '2022年、2023年年度考核均为称职，2024年年度考核为优秀。';
  f[20] = '妻子@父亲@@@@'; f[21] = '周雨岚@林国平@@@@'; f[22] = '1980.11@1950.06@@@@'; f[23] = '中共党员@群众@@@@';
  f[24] = '某某县人民医院护士长@已去世@@@@'; f[25] = '某某县委常委、组织部部长'; f[29] = '中共某某县委组织部';
  f[30] = '20250601'; f[31] = '王某'; f[32] = '20250601';
  return f;
}

export function lrmText(fields: string[]): string {
  return `"${fields.join('","')}"\r\n`;
}
