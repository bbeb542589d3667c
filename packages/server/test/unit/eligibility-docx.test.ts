import { unitAndPost } from '@jiandu/domain';
import { describe, expect, it } from 'vitest';
import { buildEligibilityOpinion, type OpinionData } from '../../src/exports/eligibility-docx.ts';
import { readZip } from '../support/zip.ts';

const exporter = { who: '王敏（wangmin）', at: new Date('2026-11-28T02:30:00Z') };

const unfit: OpinionData = {
  cadre: { name: '张珊', orgName: '青川市交通运输局', title: '青川市交通运输局党组书记、局长', idNumberMasked: '5199**********123X' },
  asOf: '2026-11-28',
  result: '不宜',
  reasons: [
    {
      rule: '受处分影响期内',
      verdict: '不宜',
      explanation: '2026年5月受党内警告处分，影响期内不得提拔或者进一步使用',
      until: '2027-05-10',
      evidence: [{ kindName: '党纪处分', occurredOn: '2026-05-10', summary: '违规接受管理服务对象宴请，给予党内警告处分' }],
    },
    {
      rule: '问题线索正在核查',
      verdict: '暂缓',
      explanation: '有反映其问题的线索正在初步核实，核查结论作出前暂缓使用。',
      until: null,
      evidence: [
        { kindName: '信访举报', occurredOn: '2026-09-02', summary: '反映其公车私用问题' },
        { kindName: '问题线索', occurredOn: '2026-09-15', summary: '市纪委监委转来线索，\n正在初核' },
      ],
    },
  ],
  discounted: [
    { why: '经核查不属实，已予澄清', evidence: { kindName: '信访举报', occurredOn: '2025-03-01', summary: '反映其违规收受礼金' } },
  ],
  issuer: '青川市委组织部干部监督科',
  exporter,
};

const fit: OpinionData = {
  cadre: { name: '李文', orgName: '青川市财政局', title: null, idNumberMasked: null },
  asOf: '2026-11-28',
  result: '可以使用',
  reasons: [],
  discounted: [],
  issuer: '组织部',
  exporter,
};

async function parts(d: OpinionData) {
  const buf = await buildEligibilityOpinion(d);
  expect(buf.subarray(0, 4).toString('latin1')).toBe('PK\x03\x04');
  const files = readZip(buf);
  const xml = files.get('word/document.xml')!.toString('utf8');
  const text = (s: string) => s.replace(/<[^>]+>/gu, '');
  const footers = [...files.entries()].filter(([n]) => /^word\/footer\d*\.xml$/u.test(n)).map(([, b]) => b.toString('utf8')).join('');
  const headers = [...files.entries()].filter(([n]) => /^word\/header\d*\.xml$/u.test(n)).map(([, b]) => b.toString('utf8')).join('');
  return { xml, text: text(xml), footers: text(footers), headers: text(headers) };
}

describe('eligibility opinion (.docx)', () => {
  it('不宜: conclusion, each rule with its explanation, 影响期 and evidence, the discounted record, the signing block', async () => {
    const { xml, text, footers, headers } = await parts(unfit);
    for (const s of [
      '任前廉政意见（凡提必查）',
      '张珊', '5199**********123X', '青川市交通运输局党组书记、局长', '2026年11月28日',
      '审查结论：不宜使用',
      '主要依据',
      '1．【不宜】受处分影响期内——2026年5月受党内警告处分，影响期内不得提拔或者进一步使用（影响期至 2027-05-10）。',
      '依据：2026-05-10 党纪处分 违规接受管理服务对象宴请，给予党内警告处分',
      '2．【暂缓】问题线索正在核查——有反映其问题的线索正在初步核实，核查结论作出前暂缓使用。',
      '依据：2026-09-02 信访举报 反映其公车私用问题',
      '依据：2026-09-15 问题线索 市纪委监委转来线索，正在初核',
      '已不计入的记录',
      '1．2025-03-01 信访举报 反映其违规收受礼金——经核查不属实，已予澄清。',
      '以上意见根据截至审查基准日的管理监督台账和规则自动生成，经办人核对后签发。',
      '经办人：', '审核人：', '青川市委组织部干部监督科',
    ]) expect(text).toContain(s);
    expect(text).not.toContain('未发现影响使用的情形');
    expect(text).not.toContain('影响期至 null');
    // 暂缓 reason has no end date: no 影响期 bracket after it
    expect(text).not.toMatch(/暂缓使用（影响期至/u);
    for (const f of ['宋体', '仿宋', '黑体']) expect(xml).toContain(`w:eastAsia="${f}"`);
    expect(xml).toContain('w:ascii="Times New Roman"');
    expect(footers).toContain('导出人：王敏（wangmin）　导出时间：2026-11-28 10:30:00（北京时间）');
    expect(footers).toContain('内部资料 注意保密');
    expect(headers).toContain('任前廉政意见 · 张珊');
    expect(text).not.toContain('干部使用资格审查意见');
    expect(headers).toContain('内部资料 注意保密');
  });

  it('可以使用: says nothing was found, no discounted section, dashes for what is missing', async () => {
    const { text } = await parts(fit);
    expect(text).toContain('审查结论：可以使用');
    expect(text).toContain('经查询管理监督台账，未发现影响使用的情形。');
    expect(text).not.toContain('已不计入的记录');
    expect(text).not.toContain('依据：');
    expect(text).toContain('青川市财政局');
    expect(text).toContain('身份证号—');
    expect(text).toContain('组织部');
  });

  it('unit and post are written once: 临江区委 + 区委书记 is 临江区委书记', async () => {
    expect(unitAndPost('临江区委', '区委书记', '临江区委')).toBe('临江区委书记');
    expect(unitAndPost('青川市委', '市委书记', '市委')).toBe('青川市委书记');
    expect(unitAndPost('青川市委', '市委常委、组织部部长', '市委')).toBe('青川市委常委、组织部部长');
    expect(unitAndPost('临江区委', '临江区委书记')).toBe('临江区委书记');
    expect(unitAndPost('共青团青川市委员会', '团市委书记', '团市委')).toBe('共青团青川市委员会书记');
    // One shared character is no repetition: 局 + 局长.
    expect(unitAndPost('青川市交通运输局', '局长', '市交通运输局')).toBe('青川市交通运输局局长');
    expect(unitAndPost('青川市财政局', '党组书记、局长')).toBe('青川市财政局党组书记、局长');
    expect(unitAndPost('青川市财政局', null)).toBe('青川市财政局');
    const { text } = await parts({ ...fit, cadre: { ...fit.cadre, orgName: '临江区委', title: unitAndPost('临江区委', '区委书记', '临江区委') } });
    expect(text).toContain('单位职务临江区委书记');
    expect(text).not.toContain('临江区委临江区委');
  });

  it('the styles set the East Asian language to zh-CN', async () => {
    const files = readZip(await buildEligibilityOpinion(fit));
    expect(files.get('word/styles.xml')!.toString('utf8')).toContain('w:eastAsia="zh-CN"');
  });
});
