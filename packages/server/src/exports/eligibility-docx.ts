/**
 * 任前廉政意见（凡提必查）(.docx): the printable one-page opinion on whether a cadre may be
 * used (promoted, transferred, nominated) as of a day, from plain data — the conclusion, the rules
 * that hold it back with their evidence, the records no longer counted and why, and a closing block
 * for the clerk and the reviewer to sign. Page, fonts, header and footer from docx-kit.ts. Pure.
 */
import { AlignmentType, HeightRule, Packer, Paragraph, TableRow, TabStopType, TextRun, type FileChild } from 'docx';
import { cell, FANGSONG, HEI, heading, internalDocument, SONG, table, TEXT_WIDTH } from './docx-kit.ts';
import { beijingTime, type Exporter } from './format.ts';

export interface OpinionEvidence {
  kindName: string;
  occurredOn: string;
  summary: string;
}

export interface OpinionData {
  /** `title`: the post with its unit, as `unitAndPost` writes it (临江区委书记); `orgName` stands when there is none. */
  cadre: { name: string; orgName: string; title: string | null; idNumberMasked: string | null };
  /** YYYY-MM-DD, the day the opinion is given for (审查基准日). */
  asOf: string;
  result: '可以使用' | '暂缓' | '不宜';
  reasons: Array<{
    rule: string;
    verdict: '暂缓' | '不宜';
    explanation: string;
    until: string | null;
    evidence: OpinionEvidence[];
  }>;
  discounted: Array<{ why: string; evidence: OpinionEvidence | null }>;
  /** Who gives the opinion, e.g. 青川市委组织部干部监督科. */
  issuer: string;
  exporter: Exporter;
}

const CONCLUSION: Record<OpinionData['result'], string> = { 可以使用: '可以使用', 暂缓: '暂缓使用', 不宜: '不宜使用' };

/** 'YYYY-MM-DD…' → 2026年11月28日; anything else unchanged. */
function chineseDate(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/u.exec(value);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : value;
}

/**
 * A summary or an explanation on one line: a line break after Chinese punctuation goes, any other
 * becomes a space.
 */
const oneLine = (s: string) => s.trim().replace(/(\S?)\s*[\r\n]+\s*/gu, (_, before: string) => (/[，。；：、！？）」』”]/u.test(before) ? before : `${before} `));
/** Without a closing 。, so that a bracket can follow and the sentence end after it. */
const unstopped = (s: string) => oneLine(s).replace(/[。．]+$/u, '');

const evidenceText = (e: OpinionEvidence) => `${e.occurredOn} ${e.kindName} ${oneLine(e.summary)}`;

const BODY = 24; // 小四
const SMALL = 21; // 五号
const CHAR = BODY * 10; // the width of one Chinese character of the body text, in twips

function infoTable(d: OpinionData): ReturnType<typeof table> {
  const w = [1500, 2922, 1500, 2923];
  const size = BODY;
  const label = (t: string, i: number) => cell(t, w[i]!, { shade: true, center: true, size });
  const value = (t: string | null, i: number, span?: number) =>
    cell(t || '—', span ? w.slice(i, i + span).reduce((a, b) => a + b, 0) : w[i]!, { span, size });
  const c = d.cadre;
  return table(w, [
    new TableRow({ cantSplit: true, height: { value: 480, rule: HeightRule.ATLEAST }, children: [label('姓名', 0), value(c.name, 1), label('身份证号', 2), value(c.idNumberMasked, 3)] }),
    new TableRow({ cantSplit: true, height: { value: 480, rule: HeightRule.ATLEAST }, children: [label('单位职务', 0), value(c.title ?? c.orgName, 1, 3)] }),
    new TableRow({ cantSplit: true, height: { value: 480, rule: HeightRule.ATLEAST }, children: [label('审查基准日', 0), value(chineseDate(d.asOf), 1, 3)] }),
  ]);
}

function reasonParagraphs(d: OpinionData): Paragraph[] {
  if (d.reasons.length === 0) {
    return [new Paragraph({ indent: { firstLine: 2 * CHAR }, children: [new TextRun({ text: '经查询管理监督台账，未发现影响使用的情形。', size: BODY })] })];
  }
  return d.reasons.flatMap((r, i) => [
    new Paragraph({
      indent: { firstLine: 2 * CHAR },
      spacing: { before: i === 0 ? 0 : 80 },
      keepNext: r.evidence.length > 0,
      children: [
        new TextRun({ text: `${i + 1}．`, size: BODY }),
        new TextRun({ text: `【${r.verdict}】${r.rule}`, font: HEI, size: BODY }),
        new TextRun({ text: `——${unstopped(r.explanation)}${r.until ? `（影响期至 ${r.until}）` : ''}。`, size: BODY }),
      ],
    }),
    ...r.evidence.map((e, j) => new Paragraph({
      // 依据： hangs, so that a long summary wraps under the date, not under the label
      indent: { left: 4 * CHAR + 3 * SMALL * 10, hanging: 3 * SMALL * 10 },
      spacing: { line: 300 },
      keepNext: j < r.evidence.length - 1,
      children: [new TextRun({ text: `依据：${evidenceText(e)}`, font: FANGSONG, size: SMALL })],
    })),
  ]);
}

function discountedParagraphs(d: OpinionData): FileChild[] {
  if (d.discounted.length === 0) return [];
  return [
    heading('已不计入的记录'),
    ...d.discounted.map((x, i) => new Paragraph({
      indent: { left: 2 * CHAR + 2 * SMALL * 10, hanging: 2 * SMALL * 10 },
      spacing: { line: 300, after: 40 },
      children: [new TextRun({
        text: `${i + 1}．${x.evidence ? `${evidenceText(x.evidence)}——` : ''}${unstopped(x.why)}。`,
        font: FANGSONG, size: SMALL, color: '333333',
      })],
    })),
  ];
}

function closing(d: OpinionData): Paragraph[] {
  const right = (text: string, before: number, keepNext: boolean) => new Paragraph({
    alignment: AlignmentType.RIGHT,
    indent: { right: 2 * CHAR },
    spacing: { before, after: 0 },
    keepNext,
    keepLines: true,
    children: [new TextRun({ text, size: BODY })],
  });
  return [
    new Paragraph({
      indent: { firstLine: 2 * CHAR },
      spacing: { before: 360 },
      keepNext: true,
      children: [new TextRun({ text: '以上意见根据截至审查基准日的管理监督台账和规则自动生成，经办人核对后签发。', size: BODY })],
    }),
    new Paragraph({
      spacing: { before: 480, after: 0 },
      keepNext: true,
      tabStops: [{ type: TabStopType.LEFT, position: Math.round(TEXT_WIDTH / 2) }],
      children: [new TextRun({ text: '经办人：________________\t审核人：________________', size: BODY })],
    }),
    right(d.issuer, 600, true),
    right(chineseDate(beijingTime(d.exporter.at)), 0, false),
  ];
}

/**
 * The opinion as a Word file. 审查基准日 is `asOf`; the date under the issuer is the Beijing calendar
 * day of the export — the day it is printed for signing.
 */
export async function buildEligibilityOpinion(d: OpinionData): Promise<Buffer> {
  return Packer.toBuffer(internalDocument({
    title: `任前廉政意见——${d.cadre.name}`,
    headerTitle: `任前廉政意见 · ${d.cadre.name}`,
    exporter: d.exporter,
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { before: 120, after: 360, line: 240 },
        children: [new TextRun({ text: '任前廉政意见（凡提必查）', font: SONG, bold: true, size: 44 })],
      }),
      infoTable(d),
      new Paragraph({
        spacing: { before: 360, after: 120 },
        children: [
          new TextRun({ text: '审查结论：', font: HEI, size: 32 }),
          new TextRun({ text: CONCLUSION[d.result], font: HEI, bold: true, size: 36 }),
        ],
      }),
      heading('主要依据'),
      ...reasonParagraphs(d),
      ...discountedParagraphs(d),
      ...closing(d),
    ],
  }));
}
