/** The unit read from 现任职务 (src/cadres/place-by-title.ts) against a realistic county registry. */
import { describe, expect, it } from 'vitest';
import { buildUnitIndex, isPrincipalTitle, placeByTitle, placeCadre, unitAliases, unitsNamed, type PlacementUnit } from '../src/index.ts';

const u = (id: string, name: string, shortName: string | null = null, hasTeam = true, formerNames: string[] = []): PlacementUnit => ({ id, name, shortName, hasTeam, formerNames });

/** 临江县 as examples/orgs-临江县.csv has it. */
const LINJIANG: PlacementUnit[] = [
  u('xw', '中共临江县委员会', '临江县委'),
  u('zf', '临江县人民政府'),
  u('rd', '临江县人大常委会'),
  u('zx', '临江县政协'),
  u('jw', '临江县纪委监委'),
  u('xwb', '中共临江县委办公室'),
  u('zzb', '中共临江县委组织部', '临江县委组织部'),
  u('xcb', '中共临江县委宣传部'),
  u('fgj', '临江县发展和改革局'),
  u('czj', '临江县财政局', null, true, ['临江县财政税务局']),
  u('jyj', '临江县教育局'),
  u('gaj', '临江县公安局'),
  u('cgz', '城关镇'),
  u('hxz', '河西镇'),
  u('dcjd', '东城街道'),
  u('zfb', '临江县人民政府办公室', '县政府办', false),
];
const idx = buildUnitIndex(LINJIANG);
const at = (text: string) => {
  const r = placeByTitle(text, idx);
  return { unit: r.unit?.id ?? null, title: r.title, isPrincipal: r.isPrincipal, ambiguous: r.ambiguous };
};

describe('unit forms', () => {
  it('generates the usual contractions both ways', () => {
    expect(unitAliases('中共临江县委员会')).toEqual(expect.arrayContaining(['临江县委员会', '临江县委']));
    expect(unitAliases('临江县人民政府')).toContain('临江县政府');
    expect(unitAliases('临江县政府')).toContain('临江县人民政府');
    expect(unitAliases('临江县人民代表大会常务委员会')).toContain('临江县人大常委会');
    expect(unitAliases('临江县人大常委会')).toContain('临江县人民代表大会常务委员会');
    expect(unitAliases('中国人民政治协商会议临江县委员会')).toContain('临江县政协');
    expect(unitAliases('政协临江县委员会')).toContain('临江县政协');
    expect(unitAliases('临江县政协')).toContain('临江县政协');
    expect(unitAliases('中共临江县委组织部')).toContain('临江县委组织部');
    expect(unitAliases('临江县纪委监委')).toEqual(expect.arrayContaining(['临江县纪委', '临江县监委']));
    expect(unitAliases('中共临江县委办公室')).toEqual(expect.arrayContaining(['临江县委办公室', '临江县委办']));
    expect(unitAliases('临江县发展和改革局')).toContain('临江县发改局');
  });

  it('a 单位 cell is matched exactly by any form, former names included', () => {
    expect(unitsNamed('临江县委', idx).map((x) => x.id)).toEqual(['xw']);
    expect(unitsNamed('中共临江县委员会', idx).map((x) => x.id)).toEqual(['xw']);
    expect(unitsNamed('临江县政府', idx).map((x) => x.id)).toEqual(['zf']);
    expect(unitsNamed('临江县财政税务局', idx).map((x) => x.id)).toEqual(['czj']);
    expect(unitsNamed('县委组织部', idx).map((x) => x.id)).toEqual(['zzb']);
    expect(unitsNamed('临江县', idx)).toEqual([]);
  });
});

describe('placeByTitle', () => {
  it('reads the unit, the title and the 一把手 post', () => {
    expect(at('临江县财政局局长')).toEqual({ unit: 'czj', title: '局长', isPrincipal: true, ambiguous: [] });
    expect(at('临江县财政局副局长')).toEqual({ unit: 'czj', title: '副局长', isPrincipal: false, ambiguous: [] });
    expect(at('临江县委书记')).toEqual({ unit: 'xw', title: '书记', isPrincipal: true, ambiguous: [] });
    expect(at('中共临江县委副书记')).toMatchObject({ unit: 'xw', title: '副书记', isPrincipal: false });
    expect(at('临江县政府县长')).toEqual({ unit: 'zf', title: '县长', isPrincipal: true, ambiguous: [] });
    expect(at('临江县人民政府副县长')).toMatchObject({ unit: 'zf', title: '副县长', isPrincipal: false });
    expect(at('临江县县长')).toMatchObject({ unit: 'zf', title: '县长', isPrincipal: true });
    expect(at('临江县人大常委会主任')).toMatchObject({ unit: 'rd', title: '主任', isPrincipal: true });
    expect(at('临江县政协主席')).toMatchObject({ unit: 'zx', title: '主席', isPrincipal: true });
    expect(at('临江县发改局局长')).toMatchObject({ unit: 'fgj', title: '局长', isPrincipal: true });
  });

  it('reads the forms without the place in a one-county scope', () => {
    expect(at('县委组织部部长')).toEqual({ unit: 'zzb', title: '部长', isPrincipal: true, ambiguous: [] });
    expect(at('组织部部长')).toMatchObject({ unit: 'zzb', title: '部长' });
    expect(at('县委书记')).toMatchObject({ unit: 'xw', title: '书记', isPrincipal: true });
    expect(at('县政府县长')).toMatchObject({ unit: 'zf', title: '县长', isPrincipal: true });
    expect(at('县长')).toMatchObject({ unit: 'zf', title: '县长', isPrincipal: true });
    expect(at('常务副县长')).toMatchObject({ unit: 'zf', title: '常务副县长', isPrincipal: false });
    expect(at('县纪委书记、县监委主任')).toEqual({ unit: 'jw', title: '书记、主任', isPrincipal: true, ambiguous: [] });
    expect(at('县公安局政委')).toMatchObject({ unit: 'gaj', title: '政委', isPrincipal: false });
    expect(at('县委办主任')).toMatchObject({ unit: 'xwb', title: '主任', isPrincipal: true });
  });

  it('takes the longest form: 县委组织部 before 县委, 临江县财政局 before 临江县', () => {
    expect(at('临江县委组织部副部长').unit).toBe('zzb');
    expect(at('临江县委宣传部部长').unit).toBe('xcb');
    expect(at('临江县委委员').unit).toBe('xw');
  });

  it('reads lists of posts: the 一把手 post decides, else the last unit named', () => {
    expect(at('县委副书记、县长')).toMatchObject({ unit: 'zf', title: '县长', isPrincipal: true });
    expect(at('县委常委、组织部部长')).toMatchObject({ unit: 'zzb', title: '部长', isPrincipal: true });
    expect(at('临江县委常委、县委办公室主任')).toMatchObject({ unit: 'xwb', title: '主任' });
    expect(at('县委常委、常务副县长')).toMatchObject({ unit: 'zf', title: '常务副县长', isPrincipal: false });
    expect(at('临江县财政局党组书记、局长')).toEqual({ unit: 'czj', title: '党组书记、局长', isPrincipal: true, ambiguous: [] });
    expect(at('县委书记，县人大常委会主任')).toMatchObject({ unit: 'xw', title: '书记', isPrincipal: true });
  });

  it('towns and streets: the 党委书记 is the 一把手, not the 镇长', () => {
    expect(at('城关镇党委书记')).toMatchObject({ unit: 'cgz', title: '党委书记', isPrincipal: true });
    expect(at('城关镇党委副书记、镇长')).toMatchObject({ unit: 'cgz', title: '党委副书记、镇长', isPrincipal: false });
    expect(at('东城街道党工委书记')).toMatchObject({ unit: 'dcjd', isPrincipal: true });
    expect(at('东城街道办事处主任')).toMatchObject({ unit: 'dcjd', title: '办事处主任', isPrincipal: false });
  });

  it('a unit without a team has no 一把手 post', () => {
    expect(at('临江县人民政府办公室主任')).toMatchObject({ unit: 'zfb', title: '主任', isPrincipal: false });
  });

  it('names no unit: nothing found, the whole text is the title', () => {
    expect(at('四级调研员')).toEqual({ unit: null, title: '四级调研员', isPrincipal: false, ambiguous: [] });
    expect(at('临江县林业局局长').unit).toBeNull();
  });

  it('two units equally: ambiguous, naming both', () => {
    // Too general without the place: no unit, never the 县委办公室.
    expect(at('办公室主任').unit).toBeNull();
    const city = buildUnitIndex([...LINJIANG, u('sx-czj', '石溪县财政局'), u('sx-zf', '石溪县人民政府')]);
    expect(placeByTitle('县财政局局长', city).ambiguous.sort()).toEqual(['临江县财政局', '石溪县财政局'].sort());
    expect(placeByTitle('县长', city).ambiguous.sort()).toEqual(['临江县人民政府', '石溪县人民政府'].sort());
    // The full name still decides.
    expect(placeByTitle('石溪县财政局局长', city).unit?.id).toBe('sx-czj');
    expect(placeByTitle('临江县县长', city).unit?.id).toBe('zf');
  });

  it('a post naming two units matters only when it decides; the default unit tells apart the nearer', () => {
    const tree = (x: PlacementUnit, p: string) => ({ ...x, path: p });
    const units = [
      tree(u('jz', '中共江州市委员会', '江州市委'), '/jz/'), ...LINJIANG.map((x) => tree(x, x.id === 'xw' ? '/jz/xw/' : `/jz/xw/${x.id}/`)),
      tree(u('sx', '中共石溪县委员会', '石溪县委'), '/jz/sx/'), tree(u('sx-czj', '石溪县财政局'), '/jz/sx/sx-czj/'),
    ];
    const city = buildUnitIndex(units);
    expect(placeByTitle('县委常委、宣传部部长', city)).toMatchObject({ unit: { id: 'xcb' }, title: '部长', ambiguous: [] });
    expect(placeByTitle('县委副书记', city).ambiguous).toEqual(['中共临江县委员会', '中共石溪县委员会']);
    expect(placeByTitle('县委副书记', city, null, 'czj')).toMatchObject({ unit: { id: 'xw' }, title: '副书记' });
    expect(placeByTitle('县财政局局长', city, null, 'sx')).toMatchObject({ unit: { id: 'sx-czj' }, isPrincipal: true });
    expect(placeCadre({ column: null, title: '县委副书记', defaultOrgId: 'czj' }, city)).toMatchObject({ unit: { id: 'xw' }, how: 'title' });
  });

  it('an abolished unit (not among the candidates) is never found; its successor by its former name is', () => {
    const now = buildUnitIndex(LINJIANG.filter((x) => x.id !== 'jyj'));
    expect(placeByTitle('临江县教育局局长', now).unit).toBeNull();
    expect(at('临江县财政税务局局长')).toMatchObject({ unit: 'czj', title: '局长' });
  });
});

describe('placeCadre', () => {
  it('the 单位 column first, then 职务, then the default unit', () => {
    expect(placeCadre({ column: '临江县教育局', title: '局长', defaultOrgId: 'zf' }, idx)).toMatchObject({ unit: { id: 'jyj' }, how: 'column', title: '局长', isPrincipal: true, error: null });
    expect(placeCadre({ column: null, title: '临江县教育局局长', defaultOrgId: 'zf' }, idx)).toMatchObject({ unit: { id: 'jyj' }, how: 'title', title: '局长' });
    expect(placeCadre({ column: null, title: '四级调研员', defaultOrgId: 'czj' }, idx)).toMatchObject({ unit: { id: 'czj' }, how: 'default', title: '四级调研员', isPrincipal: false });
    expect(placeCadre({ column: null, title: '局长', defaultOrgId: 'czj' }, idx)).toMatchObject({ how: 'default', title: '局长', isPrincipal: true });
    expect(placeCadre({ column: null, title: null, defaultOrgId: null }, idx)).toMatchObject({ unit: null, how: null, error: null });
  });

  it('a 单位 naming nothing, or a 职务 naming two units equally, is an error (never the default)', () => {
    expect(placeCadre({ column: '临江县林业局', title: null, defaultOrgId: 'zf' }, idx).error).toEqual({ column: 'orgName', message: '没有名为“临江县林业局”的单位（或不在管辖范围内、已撤销）' });
    const city = buildUnitIndex([...LINJIANG, u('sx-czj', '石溪县财政局')]);
    const r = placeCadre({ column: null, title: '县财政局局长', defaultOrgId: 'zf' }, city);
    expect(r.unit).toBeNull();
    expect(r.error).toEqual({ column: 'currentPost', message: '职务“县财政局局长”中的单位可指“临江县财政局”、“石溪县财政局”，请在“单位”列写明' });
  });
});

describe('isPrincipalTitle', () => {
  it('is a pure table', () => {
    for (const t of ['书记', '党委书记', '党组书记', '党工委书记', '县长', '区长', '市长', '局长', '主任', '部长', '院长', '检察长', '主席', '局长（兼）']) expect(isPrincipalTitle(t), t).toBe(true);
    for (const t of ['副书记', '副县长', '常务副县长', '镇长', '乡长', '副局长', '常委', '委员', '四级调研员', '办事处主任', '政委']) expect(isPrincipalTitle(t), t).toBe(false);
  });
});
