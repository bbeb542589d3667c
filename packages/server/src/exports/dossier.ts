/**
 * 干部监督档案 (.docx) from plain data: basic data, tenures, the supervision ledger, and on every page
 * who exported it, when, and 内部资料 注意保密. A4 portrait; page, fonts and tables from docx-kit.ts.
 */
import { AlignmentType, Packer, Paragraph, Table, TableRow, TextRun } from 'docx';
import { cell, FANGSONG, heading, internalDocument, note, SONG, table } from './docx-kit.ts';
import { beijingTime, chineseMonth, type Exporter } from './format.ts';

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
  return Packer.toBuffer(internalDocument({
    title: `干部监督档案——${d.cadre.name}`,
    headerTitle: `干部监督档案 · ${d.cadre.name}`,
    exporter: d.exporter,
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
  }));
}
