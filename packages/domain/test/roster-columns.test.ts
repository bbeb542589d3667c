import { describe, expect, it } from 'vitest';
import { ROSTER_COLUMNS, idNumberCheckChar, isRosterKind, rosterPartyText, rosterRowFacts, splitEducationDegree } from '../src/index.ts';

const id = (first17: string) => first17 + idNumberCheckChar(first17);

describe('干部名册 columns and rows', () => {
  it('every column has a distinct key; the headers of lrmx.md §8 are labels or synonyms', () => {
    expect(new Set(ROSTER_COLUMNS.map((c) => c.key)).size).toBe(ROSTER_COLUMNS.length);
    const headers = ROSTER_COLUMNS.flatMap((c) => [c.label, ...(c.synonyms ?? [])]);
    for (const h of ['姓名', '名字', '干部姓名', '出生年月', '出生日期', '出生年月日', '身份证号', '身份证', '证件号码', '证件号', '身份证号码', '入党时间',
      '入党日期', '入党年月', '党派', '参加工作时间', '参工时间', '参加工作日期', '参加工作年月', '全日制学历', '学历', '最高学历', '全日制学位', '学位', '最高学位',
      '全日制学历毕业院校', '毕业院校', '现任职务', '职务', '现职务', '单位', '到龄年月', '到龄日期', '任现职务时间', '职务层次', '职级', '备注', '序号']) {
      expect(headers, h).toContain(h);
    }
    expect(new Set(headers).size).toBe(headers.length);
    expect(ROSTER_COLUMNS.filter((c) => c.required).map((c) => c.key)).toEqual(['name']);
  });

  it('the roster kind by code or name', () => {
    expect(['roster', '干部名册', '花名册', ' 名册 '].every(isRosterKind)).toBe(true);
    expect(isRosterKind('经济责任审计')).toBe(false);
  });

  it('one 学历学位 cell holding both values, on two lines or with a space', () => {
    expect(splitEducationDegree('大学\n经济学学士')).toEqual(['大学', '经济学学士']);
    expect(splitEducationDegree('研究生 公共管理硕士')).toEqual(['研究生', '公共管理硕士']);
    expect(splitEducationDegree('大学')).toEqual(['大学', '']);
    expect(splitEducationDegree('工学学士')).toEqual(['', '工学学士']);
    expect(splitEducationDegree('')).toEqual(['', '']);
  });

  it('入党时间: a month in any form → YYYYMM; a party name as written; a bad date is a problem', () => {
    expect(rosterPartyText('2001.6')).toEqual({ ok: true, value: '200106' });
    expect(rosterPartyText('2001-06-01')).toEqual({ ok: true, value: '200106' });
    expect(rosterPartyText('36952')).toEqual({ ok: true, value: '200103' }); // 2001-03-02 // an Excel serial saved as text
    expect(rosterPartyText('民盟')).toEqual({ ok: true, value: '民盟' });
    expect(rosterPartyText('2001.13').ok).toBe(false);
  });

  it('a row → the form texts it fills (dates YYYYMM, 汉 → 汉族) and problems by column', () => {
    const r = rosterRowFacts({
      seq: '1', name: '林晓舟', gender: '男', ethnicity: '汉', birth: '1978-03', partyDate: '2001.06', workDate: '2000-07', idNumber: id('33022619780315001'),
      fullTimeEducationDegree: '大学\n经济学学士', fullTimeSchool: '某某财经学院', inServiceEducation: '研究生', inServiceDegree: '公共管理硕士',
      currentPost: '某某县委常委、组织部部长', postSince: '2019-11', rank: '正处级', orgName: '东平县委', remark: '', retirementMonth: '2038-03',
    });
    expect(r.issues).toEqual([]);
    expect(r.facts).toMatchObject({ name: '林晓舟', idNumber: id('33022619780315001'), orgName: '东平县委' });
    expect(r.facts.fields).toEqual({
      XingMing: '林晓舟', XingBie: '男', ChuShengNianYue: '197803', MinZu: '汉族', RuDangShiJian: '200106', CanJiaGongZuoShiJian: '200007', DaoLingNianYue: '203803',
      QuanRiZhiJiaoYu_XueLi: '大学', QuanRiZhiJiaoYu_XueWei: '经济学学士', QuanRiZhiJiaoYu_XueLi_BiYeYuanXiaoXi: '某某财经学院', ZaiZhiJiaoYu_XueLi: '研究生',
      ZaiZhiJiaoYu_XueWei: '公共管理硕士', XianRenZhiWu: '某某县委常委、组织部部长', 任现职务时间: '201911', 职务层次: '正处级',
    });
  });

  it('gender or birth month against the 身份证号 is a problem of that column, as in the form', () => {
    const r = rosterRowFacts({ name: '某', gender: '女', birth: '1978-04', idNumber: id('33022619780315001') });
    expect(r.issues.map((i) => i.key)).toEqual(['gender', 'birth']);
    expect(rosterRowFacts({ name: '某', idNumber: '330226197803150000' }).issues[0]).toMatchObject({ key: 'idNumber' });
  });
});
