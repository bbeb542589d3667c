/** 任免审批表 fixtures for the import tests, generated here (fictional people; nothing copied from real files). */
import { idNumberCheckChar } from '@jiandu/domain';
import { normalizeTexts, writeLrmx, type LrmxPhoto } from '../../src/intake/lrmx/index.ts';
import { gbkEncode, jpegBytes, lrmText } from '../unit/lrmx-fixtures.ts';

export { gbkEncode, jpegBytes, lrmText };

export function idOf(region: string, ymd: string, seq: number): string {
  const first17 = `${region}${ymd}${String(seq).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}

export type Texts = Record<string, string>;

export const RESUME = [
  '1996.09--2000.07  某某财经学院经济系国民经济管理专业学习',
  '2000.07--2006.03  某某县财政局科员',
  '2006.03--         某某县委组织部副部长',
].join('\n');

/** A complete form of a fictional person; `over` replaces or adds elements. */
export function personTexts(over: Texts = {}): Texts {
  return {
    XingMing: '林晓舟', XingBie: '男', ChuShengNianYue: '197803', MinZu: '汉族', JiGuan: '浙江宁海', ChuShengDi: '浙江宁海',
    RuDangShiJian: '200106', CanJiaGongZuoShiJian: '200007', JianKangZhuangKuang: '健康', ZhuanYeJiShuZhiWu: '经济师',
    ShuXiZhuanYeYouHeZhuanChang: '党建和组织工作', QuanRiZhiJiaoYu_XueLi: '大学', QuanRiZhiJiaoYu_XueWei: '经济学学士',
    QuanRiZhiJiaoYu_XueLi_BiYeYuanXiaoXi: '某某财经学院经济系国民经济管理专业', ZaiZhiJiaoYu_XueLi: '研究生', ZaiZhiJiaoYu_XueWei: '公共管理硕士',
    ZaiZhiJiaoYu_XueLi_BiYeYuanXiaoXi: '某某大学公共管理学院公共管理专业', XianRenZhiWu: '东平县委常委、组织部部长', JianLi: RESUME,
    JiangChengQingKuang: '2018年被评为某某市优秀党务工作者。', NianDuKaoHeJieGuo: '2023年、2024年年度考核均为称职。',
    ChengBaoDanWei: '中共东平县委组织部', JiSuanNianLingShiJian: '20250601', TianBiaoShiJian: '20250601', TianBiaoRen: '王某',
    ShenFenZheng: idOf('330226', '19780315', 1), Version: '3.2.1.6',
    ...over,
  };
}

export const FAMILY: Texts[] = [
  { ChengWei: '妻子', XingMing: '周雨岚', ChuShengRiQi: '198011', ZhengZhiMianMao: '中共党员', GongZuoDanWeiJiZhiWu: '某某县人民医院护士长' },
  { ChengWei: '父亲', XingMing: '林国平', ChuShengRiQi: '195006', ZhengZhiMianMao: '群众', GongZuoDanWeiJiZhiWu: '已去世' },
];

export function lrmxBytes(person: Texts, family: Texts[] = [], photo: Buffer | null = null): Buffer {
  const n = normalizeTexts({ person, family });
  const p: LrmxPhoto | null = photo ? { bytes: photo, type: photo[0] === 0xff ? 'jpeg' : 'png', mime: photo[0] === 0xff ? 'image/jpeg' : 'image/png' } : null;
  return writeLrmx({ person: n.person, family: n.family, photo: p });
}

/** The 33 fields of a .lrm record (GBK) for a person's texts. */
export function lrmBytes(t: Texts, family: Texts[] = []): Buffer {
  const f = Array.from({ length: 33 }, () => '');
  const put: Array<[number, string]> = [[0, 'XingMing'], [1, 'XingBie'], [2, 'ChuShengNianYue'], [3, 'MinZu'], [4, 'JiGuan'], [5, 'RuDangShiJian'],
    [6, 'JianKangZhuangKuang'], [7, 'ChuShengDi'], [8, 'CanJiaGongZuoShiJian'], [11, 'ZhuanYeJiShuZhiWu'], [16, 'ShuXiZhuanYeYouHeZhuanChang'], [17, 'JianLi'],
    [18, 'JiangChengQingKuang'], [19, 'NianDuKaoHeJieGuo'], [25, 'XianRenZhiWu'], [26, 'NiRenZhiWu'], [27, 'NiMianZhiWu'], [28, 'RenMianLiYou'],
    [29, 'ChengBaoDanWei'], [30, 'JiSuanNianLingShiJian'], [31, 'TianBiaoRen'], [32, 'TianBiaoShiJian']];
  for (const [i, el] of put) f[i] = (t[el] ?? '').replace(/\n/gu, '\r\n');
  f[9] = `${t.QuanRiZhiJiaoYu_XueLi ?? ''}#${t.QuanRiZhiJiaoYu_XueWei ?? ''}@${t.ZaiZhiJiaoYu_XueLi ?? ''}#${t.ZaiZhiJiaoYu_XueWei ?? ''}`;
  f[10] = `${t.QuanRiZhiJiaoYu_XueLi_BiYeYuanXiaoXi ?? ''}#${t.QuanRiZhiJiaoYu_XueWei_BiYeYuanXiaoXi ?? ''}@${t.ZaiZhiJiaoYu_XueLi_BiYeYuanXiaoXi ?? ''}#${t.ZaiZhiJiaoYu_XueWei_BiYeYuanXiaoXi ?? ''}`;
  ['ChengWei', 'XingMing', 'ChuShengRiQi', 'ZhengZhiMianMao', 'GongZuoDanWeiJiZhiWu'].forEach((el, k) => { f[20 + k] = family.map((m) => m[el] ?? '').join('@'); });
  return gbkEncode(lrmText(f));
}
