import { describe, expect, it } from 'vitest';
import {
  guessOrgType, orgLevelOf, orgRowFacts, orgTypeOf, planOrgImport, teamFlagOf, type ExistingOrg, type OrgRowFacts,
} from '../src/index.ts';

describe('组织机构 sheet words → the dictionary', () => {
  it('单位类别 as offices write it', () => {
    expect(orgTypeOf('党委工作部门')).toBe('党委部门');
    expect(orgTypeOf('政府工作部门')).toBe('政府部门');
    expect(orgTypeOf('政府组成部门')).toBe('政府部门');
    expect(orgTypeOf('镇')).toBe('乡镇');
    expect(orgTypeOf('乡')).toBe('乡镇');
    expect(orgTypeOf(' 乡 镇 ')).toBe('乡镇');
    expect(orgTypeOf('街道办事处')).toBe('街道');
    expect(orgTypeOf('国企')).toBe('国有企业');
    expect(orgTypeOf('国有企业')).toBe('国有企业');
    expect(orgTypeOf('事业单位')).toBe('事业单位');
    expect(orgTypeOf('高校')).toBe('高等学校');
    expect(orgTypeOf('纪检监察机关')).toBe('纪委监委');
    expect(orgTypeOf('外资企业')).toBeNull();
  });
  it('层级 as offices write it; 省级 is not a level here', () => {
    expect(orgLevelOf('地级')).toBe('市级');
    expect(orgLevelOf('地厅级')).toBe('市级');
    expect(orgLevelOf('县处级')).toBe('县级');
    expect(orgLevelOf('正处级')).toBe('县级');
    expect(orgLevelOf('乡科级')).toBe('乡级');
    expect(orgLevelOf('科级')).toBe('乡级');
    expect(orgLevelOf('乡镇级')).toBe('乡级');
    expect(orgLevelOf('省级')).toBeNull();
  });
  it('the type a name makes plain', () => {
    expect(guessOrgType('临江县委组织部')).toBe('党委部门');
    expect(guessOrgType('中共临江县委员会')).toBe('党委');
    expect(guessOrgType('临江县委')).toBe('党委');
    expect(guessOrgType('临江县人民政府')).toBe('政府');
    expect(guessOrgType('临江县财政局')).toBe('政府部门');
    expect(guessOrgType('临江县人民政府办公室')).toBe('政府部门');
    expect(guessOrgType('临江县纪委监委')).toBe('纪委监委');
    expect(guessOrgType('临江县人大常委会')).toBe('人大');
    expect(guessOrgType('石桥镇')).toBe('乡镇');
    expect(guessOrgType('城关街道')).toBe('街道');
    expect(guessOrgType('临江县城投集团有限公司')).toBe('国有企业');
    expect(guessOrgType('某某')).toBeNull();
  });
  it('是否设领导班子 and a row with its problems by column', () => {
    expect([teamFlagOf('是'), teamFlagOf('有'), teamFlagOf('√'), teamFlagOf('否'), teamFlagOf('无'), teamFlagOf(''), teamFlagOf('也许')]).toEqual([true, true, true, false, false, null, undefined]);
    const ok = orgRowFacts({ name: ' 临江县 财政局 ', parent: '县政府', type: '政府工作部门', level: '正科级', regionCode: 519921, withTeam: '√', sort: 3 });
    expect(ok).toEqual({ facts: { name: '临江县财政局', parentRef: '县政府', shortName: null, type: '政府部门', level: '乡级', regionCode: '519921', withTeam: true, sort: 3 }, issues: [] });
    const bad = orgRowFacts({ name: '', type: '外资', level: '省级', regionCode: '51992', withTeam: '也许' });
    expect(bad.issues.map((i) => i.key)).toEqual(['name', 'type', 'level', 'regionCode', 'withTeam']);
    expect(bad.issues[2]!.message).toContain('只管理市级、县级、乡级');
  });
});

const facts = (name: string, parentRef: string | null, more: Partial<OrgRowFacts> = {}): OrgRowFacts => ({
  name, parentRef, shortName: null, type: null, level: null, regionCode: null, withTeam: null, sort: null, ...more,
});
let n = 0;
const newId = () => `new-${++n}`;
const org = (id: string, parentId: string | null, name: string, more: Partial<ExistingOrg> = {}): ExistingOrg => ({
  id, parentId, name, shortName: null, formerNames: [], type: '党委', level: '县级', regionCode: '519921', sortOrder: 1, hasTeam: true, ...more,
});

describe('planOrgImport', () => {
  it('children before parents: planned parents first, values inherited, short names resolve', () => {
    const rows = [
      { row: 3, facts: facts('临江县财政局', '县政府') },
      { row: 4, facts: facts('石桥镇', '临江县委', { withTeam: true }) },
      { row: 5, facts: facts('临江县人民政府', '临江县委', { shortName: '县政府', type: '政府' }) },
      { row: 6, facts: facts('临江县委', null, { type: '党委', level: '县级', regionCode: '519921', withTeam: true }) },
    ];
    const plan = planOrgImport(rows, [], null, newId);
    expect(plan.issues).toEqual([]);
    expect(plan.items.map((i) => i.row)).toEqual([6, 4, 5, 3]);
    const at = (row: number) => plan.items.find((i) => i.row === row)!;
    expect(at(3)).toMatchObject({ status: 'create', parent: { row: 5, isNew: true, id: at(5).id }, values: { type: '政府部门', level: '县级', regionCode: '519921', withTeam: false } });
    expect(at(4).values).toMatchObject({ type: '乡镇', level: '乡级', withTeam: true });
    expect(at(6).parent).toEqual({ id: null, row: null, name: null, isNew: false });
  });

  it('上级单位 as a 行政区划代码: the topmost unit of that code, in the sheet or the registry', () => {
    const rows = [
      { row: 2, facts: facts('临江县统计局', '519921', { type: '政府部门' }) },
      { row: 3, facts: facts('临江县委', null, { type: '党委', level: '县级', regionCode: '519921' }) },
      { row: 4, facts: facts('临江县委办公室', '临江县委', { type: '党委部门' }) },
    ];
    const plan = planOrgImport(rows, [], null, newId);
    expect(plan.issues).toEqual([]);
    expect(plan.items.find((i) => i.row === 2)!.parent).toMatchObject({ row: 3, isNew: true });
  });

  it('cycles, unknown parents, duplicates and what hangs under them are problems of their rows', () => {
    const rows = [
      { row: 2, facts: facts('甲局', '乙局', { type: '政府部门' }) },
      { row: 3, facts: facts('乙局', '甲局', { type: '政府部门' }) },
      { row: 4, facts: facts('丙站', '甲局') },
      { row: 5, facts: facts('丁局', '不存在的委员会') },
      { row: 6, facts: facts('临江县委', null, { type: '党委', level: '县级', regionCode: '519921' }) },
      { row: 7, facts: facts('临江县财政局', '临江县委') },
      { row: 8, facts: facts('临江县财政局', '临江县委') },
    ];
    const plan = planOrgImport(rows, [], null, newId);
    const by = Object.fromEntries(plan.issues.map((i) => [i.row, i]));
    expect(by[2]).toMatchObject({ key: 'parent', message: expect.stringContaining('上级单位形成循环') });
    expect(by[3]).toMatchObject({ key: 'parent', message: expect.stringContaining('上级单位形成循环') });
    expect(by[4]).toMatchObject({ key: 'parent', message: expect.stringContaining('有问题') });
    expect(by[5]).toMatchObject({ key: 'parent', message: '上级单位“不存在的委员会”在表中和系统中都找不到' });
    expect(by[8]).toMatchObject({ key: 'name', message: expect.stringContaining('与第7行重复') });
    expect(plan.items.map((i) => i.row)).toEqual([6, 7]);
  });

  it('existing units matched by name or former name under the same parent: updated or unchanged; scoped blank parent = the root', () => {
    const existing = [
      org('root', 'city', '临江县委'),
      org('gov', 'root', '临江县人民政府', { type: '政府', shortName: '县政府' }),
      org('fin', 'gov', '临江县财政局', { type: '政府部门', formerNames: ['临江县财政所'], hasTeam: false }),
    ];
    const rows = [
      { row: 2, facts: facts('临江县委', null) },
      { row: 3, facts: facts('临江县人民政府', null, { shortName: '县政府' }) },
      { row: 4, facts: facts('临江县财政所', '县政府', { withTeam: true }) },
      { row: 5, facts: facts('临江县审计局', '331082') },
      { row: 6, facts: facts('临江县统计局', '519921') },
    ];
    const plan = planOrgImport(rows, existing, 'root', newId);
    expect(plan.issues).toEqual([{ row: 5, key: 'parent', message: '上级单位“331082”在表中和系统中（管辖范围内）都找不到' }]);
    const at = (row: number) => plan.items.find((i) => i.row === row)!;
    expect(at(2)).toMatchObject({ status: 'unchanged', id: 'root' });
    expect(at(3)).toMatchObject({ status: 'unchanged', id: 'gov', parent: { id: 'root' } });
    expect(at(4)).toMatchObject({ status: 'update', id: 'fin', name: '临江县财政局', diff: [{ field: 'withTeam', before: '否', after: '是' }] });
    expect(at(4).warnings[0]).toContain('曾用名');
    expect(at(6)).toMatchObject({ status: 'create', parent: { id: 'root', isNew: false } });
  });
});
