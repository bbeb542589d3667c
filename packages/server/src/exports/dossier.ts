/**
 * 干部监督档案 (.docx) from plain data: basic data, tenures, the supervision ledger, and on every page
 * who exported it, when, and 内部资料 注意保密. A4 portrait.
 *
 * Fonts are named, not shipped: 仿宋 for text, 宋体 for tables, 黑体 for headings and 宋体 bold for the
 * title (present on every Chinese Windows and in WPS), Times New Roman for Latin text, and the East
 * Asian language set to zh-CN, which is what makes Word, WPS and LibreOffice fall back to a Chinese
 * (not a Japanese) face where a named one is missing.
 */
import {
  AlignmentType, BorderStyle, Document, Footer, Header, Packer, PageNumber, Paragraph, ShadingType, Table, TableCell,
  TableLayoutType, TableRow, TabStopType, TextRun, VerticalAlign, WidthType,
} from 'docx';
import { beijingTime, chineseMonth, exporterLine, watermarkLine, type Exporter } from './format.ts';

export interface DossierCadre {
  name: string;
  gender: string | null;
  birth: string | null;
  ethnicity: string | null;
  nativePlace: string | null;
  partyDate: string | null;
  workDate: string | null;
  educationFullTime: string | null;
  educationInService: string | null;
  rank: string | null;
  status: string;
  orgName: string;
  /** Masked; the plaintext never reaches an export. */
  idNumberMasked: string | null;
}

export interface DossierTenure {
  orgName: string;
  title: string;
  isPrincipal: boolean;
  domains: string[];
  rank: string | null;
  startDate: string;
  endDate: string | null;
}

export interface DossierEntry {
  occurredOn: string;
  kindName: string;
  sourceDeptName: string;
  refNo: string | null;
  summary: string;
  /** 标题：值 pairs of the kind's details, already formatted. */
  details: string;
  outcome: string | null;
  impactUntil: string | null;
  statusName: string;
}

export interface DossierData {
  cadre: DossierCadre;
  tenures: DossierTenure[];
  entries: DossierEntry[];
  /** What the ledger section leaves out, said under its heading. */
  ledgerNote: string;
  exporter: Exporter;
}

const MM = 56.6929; // twips per millimetre
const PAGE = { width: 11906, height: 16838 }; // A4 in twips
const MARGIN = { top: Math.round(25 * MM), bottom: Math.round(25 * MM), left: Math.round(28 * MM), right: Math.round(26 * MM) };
const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right; // 8845

const LATIN = 'Times New Roman';
const font = (eastAsia: string) => ({ ascii: LATIN, hAnsi: LATIN, cs: LATIN, eastAsia, hint: 'eastAsia' });
const FANGSONG = font('仿宋');
const SONG = font('宋体');
const HEI = font('黑体');

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const BORDERS = { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER, insideHorizontal: BORDER, insideVertical: BORDER };
const HEAD_SHADE = { type: ShadingType.CLEAR, color: 'auto', fill: 'EDEDED' };

/** A table cell of plain text lines; `size` in half-points. */
function cell(lines: string | string[], width: number, opts: { bold?: boolean; size?: number; shade?: boolean; center?: boolean; span?: number; sub?: string } = {}): TableCell {
  const texts = (Array.isArray(lines) ? lines : [lines]);
  const size = opts.size ?? 21;
  const children = texts.map((t) => new Paragraph({
    alignment: opts.center ? AlignmentType.CENTER : AlignmentType.LEFT,
    spacing: { before: 0, after: 0, line: 260 },
    children: [new TextRun({ text: t, bold: opts.bold, size, font: SONG })],
  }));
  if (opts.sub) {
    children.push(new Paragraph({
      spacing: { before: 40, after: 0, line: 240 },
      children: [new TextRun({ text: opts.sub, size: size - 2, color: '555555', font: SONG })],
    }));
  }
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    columnSpan: opts.span,
    verticalAlign: VerticalAlign.CENTER,
    shading: opts.shade ? HEAD_SHADE : undefined,
    children,
  });
}

function table(widths: number[], rows: TableRow[]): Table {
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: BORDERS,
    margins: { left: 70, right: 70, top: 40, bottom: 40 },
    rows,
  });
}

const heading = (text: string) => new Paragraph({
  spacing: { before: 360, after: 160 },
  keepNext: true,
  children: [new TextRun({ text, font: HEI, size: 28 })],
});

const note = (text: string) => new Paragraph({
  spacing: { before: 0, after: 120 },
  children: [new TextRun({ text, font: FANGSONG, size: 21, color: '555555' })],
});

function basicTable(c: DossierCadre): Table {
  const w = [1500, 2922, 1500, 2923];
  const label = (t: string, i: number) => cell(t, w[i]!, { shade: true, center: true });
  const value = (t: string | null, i: number, span?: number) => cell(t || '—', span ? w.slice(i, i + span).reduce((a, b) => a + b, 0) : w[i]!, { span });
  const pair = (l1: string, v1: string | null, l2: string, v2: string | null) =>
    new TableRow({ cantSplit: true, children: [label(l1, 0), value(v1, 1), label(l2, 2), value(v2, 3)] });
  const wide = (l: string, v: string | null) => new TableRow({ cantSplit: true, children: [label(l, 0), value(v, 1, 3)] });
  return table(w, [
    pair('姓名', c.name, '性别', c.gender),
    pair('出生年月', chineseMonth(c.birth), '民族', c.ethnicity),
    pair('籍贯', c.nativePlace, '入党时间', chineseMonth(c.partyDate)),
    pair('参加工作时间', chineseMonth(c.workDate), '职务层次', c.rank),
    pair('全日制学历', c.educationFullTime, '在职学历', c.educationInService),
    wide('单位', c.orgName),
    pair('身份证号', c.idNumberMasked, '状态', c.status),
  ]);
}

function tenureTable(tenures: DossierTenure[]): Table | Paragraph {
  if (tenures.length === 0) return note('无任职记录。');
  const w = [2100, 2300, 2045, 1100, 1300];
  const head = new TableRow({
    tableHeader: true, cantSplit: true,
    children: ['起止时间', '单位（班子）', '职务', '职务层次', '分管领域'].map((t, i) => cell(t, w[i]!, { bold: true, shade: true, center: true })),
  });
  return table(w, [head, ...tenures.map((t) => new TableRow({
    cantSplit: true,
    children: [
      cell(`${t.startDate} 至 ${t.endDate ?? '今'}`, w[0]!),
      cell(t.orgName, w[1]!),
      cell(t.isPrincipal ? `${t.title}（一把手）` : t.title, w[2]!),
      cell(t.rank ?? '—', w[3]!, { center: true }),
      cell(t.domains.join('、') || '—', w[4]!),
    ],
  }))]);
}

function ledgerTable(entries: DossierEntry[]): Table | Paragraph {
  if (entries.length === 0) return note('无台账记录。');
  const w = [1000, 900, 860, 1200, 2065, 1100, 1000, 720];
  const size = 18; // 小五
  const head = new TableRow({
    tableHeader: true, cantSplit: true,
    children: ['日期', '类别', '来源单位', '文号', '摘要', '处理结果', '影响期至', '状态'].map((t, i) => cell(t, w[i]!, { bold: true, shade: true, center: true, size })),
  });
  return table(w, [head, ...entries.map((e) => new TableRow({
    cantSplit: true,
    children: [
      cell(e.occurredOn, w[0]!, { size }),
      cell(e.kindName, w[1]!, { size }),
      cell(e.sourceDeptName, w[2]!, { size }),
      cell(e.refNo ?? '', w[3]!, { size }),
      cell(e.summary.split(/\r?\n/u), w[4]!, { size, ...(e.details ? { sub: e.details } : {}) }),
      cell((e.outcome ?? '').split(/\r?\n/u), w[5]!, { size }),
      cell(e.impactUntil ?? '', w[6]!, { size }),
      cell(e.statusName, w[7]!, { size, center: true }),
    ],
  }))]);
}

export async function buildDossier(d: DossierData): Promise<Buffer> {
  const mark = watermarkLine(d.exporter);
  const doc = new Document({
    creator: d.exporter.who,
    title: `干部监督档案——${d.cadre.name}`,
    description: mark,
    styles: {
      default: {
        document: {
          run: { font: FANGSONG, size: 24, language: { value: 'en-US', eastAsia: 'zh-CN' } },
          paragraph: { spacing: { line: 360 } },
        },
      },
    },
    sections: [{
      properties: {
        page: { size: { width: PAGE.width, height: PAGE.height }, margin: { ...MARGIN, header: Math.round(12 * MM), footer: Math.round(12 * MM) } },
      },
      headers: {
        default: new Header({
          children: [new Paragraph({
            tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH }],
            border: { bottom: { style: BorderStyle.SINGLE, size: 4, color: '999999', space: 4 } },
            children: [
              new TextRun({ text: `干部监督档案 · ${d.cadre.name}`, font: SONG, size: 18 }),
              new TextRun({ text: '\t内部资料 注意保密', font: HEI, size: 18, color: 'C00000' }),
            ],
          })],
        }),
      },
      footers: {
        default: new Footer({
          children: [
            new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: exporterLine(d.exporter), font: SONG, size: 15, color: '555555' })] }),
            new Paragraph({
              alignment: AlignmentType.CENTER,
              children: [
                new TextRun({ text: '内部资料 注意保密\u3000\u3000', font: HEI, size: 18, color: 'C00000' }),
                new TextRun({ font: SONG, size: 18, children: ['第 ', PageNumber.CURRENT, ' 页 共 ', PageNumber.TOTAL_PAGES, ' 页'] }),
              ],
            }),
          ],
        }),
      },
      children: [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          spacing: { before: 120, after: 120 },
          children: [new TextRun({ text: '干部监督档案', font: SONG, bold: true, size: 44 })],
        }),
        new Paragraph({
          alignment: AlignmentType.CENTER,
          spacing: { after: 80 },
          children: [new TextRun({ text: `${d.cadre.name}\u3000${d.cadre.orgName}`, font: FANGSONG, size: 28 })],
        }),
        new Paragraph({
          alignment: AlignmentType.CENTER,
          spacing: { after: 240 },
          children: [new TextRun({ text: `导出人：${d.exporter.who}\u3000导出时间：${beijingTime(d.exporter.at)}`, font: FANGSONG, size: 21, color: '555555' })],
        }),
        heading('一、基本情况'),
        basicTable(d.cadre),
        heading('二、任职经历'),
        tenureTable(d.tenures),
        heading('三、管理监督台账'),
        note(d.ledgerNote),
        ledgerTable(d.entries),
      ],
    }],
  });
  return Packer.toBuffer(doc);
}
