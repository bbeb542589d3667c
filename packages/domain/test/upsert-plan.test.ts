/** The pure half of the cadre import's plan (src/cadres/upsert-plan.ts; moved from the server's cadre-upsert tests). */
import { describe, expect, it } from 'vitest';
import {
  currentTexts, familyChanges, idNumberCheckChar, planCadreChange, registryFromTexts, sameValue, type CadreTexts, type IncomingTexts, type PlanDigests,
} from '../src/index.ts';

const ID = '33022619780315001' + idNumberCheckChar('33022619780315001');
const NONE: PlanDigests = { idDiffers: false, photoSm3: null };

function state(over: Partial<CadreTexts> = {}): CadreTexts {
  return {
    id: '00000000-0000-4000-8000-000000000001', version: 3, name: '林晓舟',
    registry: { gender: '男', birth: '1978-03', ethnicity: '汉族', nativePlace: '浙江宁海', birthPlace: null, partyDate: '2001-06', workDate: null, educationFullTime: '大学 学士', educationInService: null, rank: '正处级' },
    hasId: true, record: null, family: [], photoSm3: null, ...over,
  };
}

const form = (fields: Record<string, string>, over: Partial<IncomingTexts> = {}): IncomingTexts => ({
  mode: 'replace', name: fields.XingMing ?? '林晓舟', idNumber: null, fields: { XingMing: '林晓舟', ...fields }, ...over,
});
const planCadre = (incoming: IncomingTexts, s: CadreTexts | null, digests: Partial<PlanDigests> = {}) => planCadreChange(incoming, s, { ...NONE, ...digests });

describe('planCadreChange', () => {
  it('a hand-entered cadre: its texts come from the registry; the same facts in other spellings are unchanged', () => {
    expect(currentTexts(state())).toMatchObject({ XingMing: '林晓舟', ChuShengNianYue: '197803', QuanRiZhiJiaoYu_XueLi: '大学', QuanRiZhiJiaoYu_XueWei: '学士', 职务层次: '正处级' });
    const p = planCadre(form({ XingMing: '林  晓舟', XingBie: '男性', ChuShengNianYue: '1978.03', MinZu: '汉', RuDangShiJian: '2001年6月', QuanRiZhiJiaoYu_XueLi: '本科', QuanRiZhiJiaoYu_XueWei: '学士' }), state());
    expect(p.status).toBe('unchanged');
    expect(p.diff).toEqual([]);
  });

  it('a 任免审批表 replaces the form texts, but an empty field never blanks a registry-backed one', () => {
    const s = state({ record: { fields: { XingMing: '林晓舟', JiGuan: '浙江宁海', NiRenZhiWu: '县委书记' }, resumeText: null } as never });
    const p = planCadre(form({ JiGuan: '', NiRenZhiWu: '', XianRenZhiWu: '县长' }), s);
    expect(p.status).toBe('update');
    expect(p.diff.map((d) => [d.field, d.before, d.after])).toEqual([['XianRenZhiWu', '', '县长'], ['NiRenZhiWu', '县委书记', '']]); // in the form's order
    expect(p.after.JiGuan).toBe('浙江宁海');
  });

  it('the form’s bookkeeping alone (填表时间, 计算年龄时间, 填表人, 版本) is no change', () => {
    const s = state({ record: { fields: { XingMing: '林晓舟', TianBiaoShiJian: '20250101', Version: '3.2.1.6' }, resumeText: null } as never });
    expect(planCadre(form({ TianBiaoShiJian: '20250901', JiSuanNianLingShiJian: '20250901', TianBiaoRen: '王某', Version: '3.2.1.16' }), s).status).toBe('unchanged');
  });

  it('a roster row (merge) sets only what it fills; registry columns follow, 职务层次 included', () => {
    const p = planCadre(form({ XianRenZhiWu: '县委书记', 职务层次: '正厅级', JiGuan: '' }, { mode: 'merge' }), state());
    expect(p.status).toBe('update');
    expect(p.after.JiGuan).toBe('浙江宁海');
    expect(p.registryPatch).toEqual({ rank: '正厅级' });
  });

  it('a new cadre: every filled field, 身份证号 masked, the family by relation and name, the photo; it needs a unit', () => {
    const family = [{ ChengWei: '妻子', XingMing: '周雨岚', ChuShengRiQi: '198011', ZhengZhiMianMao: '中共党员', GongZuoDanWeiJiZhiWu: '护士长' }];
    const p = planCadre(form({ XianRenZhiWu: '县长', ChuShengNianYue: '197803' }, { idNumber: ID, family }), null, { photoSm3: 'p1' });
    expect(p.status).toBe('error');
    expect(p.errors[0]).toContain('所在单位');
    const ok = planCadre(form({ XianRenZhiWu: '县长' }, { idNumber: ID, family, org: { id: 'o', name: 'u', regionCode: '1' } }), null, { photoSm3: 'p1' });
    expect(ok.status).toBe('create');
    expect(ok.diff.find((d) => d.field === 'idNumber')).toEqual({ field: 'idNumber', label: '身份证号', before: '', after: '3302**********0019'.replace(/0019$/u, ID.slice(-4)) });
    expect(ok.diff.find((d) => d.field === 'family')).toMatchObject({ before: '0人', after: '1人', members: [{ change: 'added', relation: '妻子', name: '周雨岚' }] });
    expect(ok.diff.find((d) => d.field === 'photo')).toMatchObject({ after: '新增' });
    expect(ok.registryPatch).toMatchObject({ gender: '男', birth: '1978-03' }); // from the 身份证号
  });

  it('a name change, a 身份证号 for a cadre without one, an ID that differs is an error', () => {
    expect(planCadre(form({ XingMing: '林小舟' }), state())).toMatchObject({ status: 'update', nameChange: '林小舟' });
    const noId = state({ hasId: false });
    expect(planCadre(form({}, { idNumber: ID }), noId)).toMatchObject({ status: 'update', setId: true });
    expect(planCadre(form({}, { idNumber: ID }), state(), { idDiffers: true })).toMatchObject({ status: 'error' });
  });

  it('a photo: 新增 for a cadre without one, 更换 for another, nothing for the same', () => {
    expect(planCadre(form({}), state(), { photoSm3: 'p1' }).diff).toEqual([{ field: 'photo', label: '照片', before: '', after: '新增' }]);
    expect(planCadre(form({}), state({ photoSm3: 'p0' }), { photoSm3: 'p1' }).diff).toEqual([{ field: 'photo', label: '照片', before: '有', after: '更换' }]);
    expect(planCadre(form({}), state({ photoSm3: 'p1' }), { photoSm3: 'p1' }).status).toBe('unchanged');
  });

  it('family: unchanged when only spelled differently; changes named by relation + name; an empty table keeps the family', () => {
    const before = [{ ChengWei: '妻子', XingMing: '周雨岚', ChuShengRiQi: '198011', ZhengZhiMianMao: '中共党员', GongZuoDanWeiJiZhiWu: 'A' }];
    const s = state({ family: before });
    expect(planCadre(form({}, { family: [{ ...before[0]!, ChengWei: '妻', ChuShengRiQi: '1980.11', ZhengZhiMianMao: '党员' }] }), s).status).toBe('unchanged');
    expect(planCadre(form({}, { family: [] }), s).status).toBe('unchanged');
    expect(familyChanges(before, [{ ...before[0]!, GongZuoDanWeiJiZhiWu: 'B' }, { ChengWei: '儿子', XingMing: '林某' }])).toEqual([
      { change: 'changed', relation: '妻子', name: '周雨岚' }, { change: 'added', relation: '儿子', name: '林某' },
    ]);
    expect(familyChanges(before, [])).toEqual([{ change: 'removed', relation: '妻子', name: '周雨岚' }]);
  });

  it('sameValue and the registry from texts', () => {
    expect(sameValue('ChuShengNianYue', '197803', '1978.03')).toBe(true);
    expect(sameValue('ChuShengNianYue', '197803', '197804')).toBe(false);
    expect(sameValue('MinZu', '汉', '汉族')).toBe(true);
    expect(sameValue('XianRenZhiWu', '县长', '县长 ')).toBe(true);
    expect(registryFromTexts({ XingBie: '女', ChuShengNianYue: '1980.1', RuDangShiJian: '民盟', QuanRiZhiJiaoYu_XueLi: '大学' }, null, false))
      .toMatchObject({ gender: '女', birth: '1980-01', partyDate: null, educationFullTime: '大学' });
    expect(registryFromTexts({ XingBie: '女' }, ID, false)).toMatchObject({ gender: '男', birth: '1978-03' });
    expect(registryFromTexts({ XingBie: '女' }, null, true)).toMatchObject({ gender: null, birth: null });
  });
});
