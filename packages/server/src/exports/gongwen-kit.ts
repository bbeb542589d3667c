/**
 * Word documents in 公文 layout (GB/T 9704-2012 党政机关公文格式), for the joint meeting's documents:
 *
 * - A4; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm: a 156 × 225 mm 版心.
 * - 28 characters × 22 lines a page: a `linesAndChars` document grid whose line pitch is the 版心's height
 *   over 22 (rounded down, so 22 lines always fit) and whose character pitch is its width over 28. Word
 *   writes the character pitch as `charSpace`, the difference to the Normal font's size (三号, 16 pt) in
 *   1/4096 pt; body paragraphs also take the line pitch as their exact line height, so that a reader
 *   without Word's grid (WPS, LibreOffice) still gets 22 lines.
 * - Title 二号 (22 pt) 方正小标宋简体; body 三号 (16 pt) 仿宋_GB2312; headings 黑体 / 楷体_GB2312; tables
 *   小四 仿宋_GB2312 off the character grid; page numbers 四号 (14 pt) 宋体 "— 1 —" 7 mm under the 版心, odd
 *   pages on the right and even pages on the left, one character in (单页码居右空一字，双页码居左空一字).
 * - 份号 and 密级 (here 内部资料 注意保密) top left of the first page; 发文机关标志 in red with the red line.
 *
 * Fonts are named, never shipped. A missing font falls back through the font table (word/fontTable.xml,
 * written here because the docx library writes an empty one): each named face carries `w:altName` (仿宋_GB2312
 * → 仿宋, 方正小标宋简体 → 宋体, 楷体_GB2312 → 楷体), the GB2312 charset (86) and a PANOSE number close to its
 * fallback, which is what Word and WPS match on when neither the face nor its altName is installed. Every
 * run also carries `w:hint="eastAsia"` and the zh-CN East Asian language, so the substitute is a Chinese
 * (not a Japanese) face; LibreOffice substitutes through its own replacement table the same way.
 */
import {
  AlignmentType, BorderStyle, Document, DocumentGridType, Footer, Header, LineRuleType, Packer, PageNumber, Paragraph, ShadingType,
  TableCell, TableRow, TextRun, VerticalAlign, WidthType, type FileChild,
} from 'docx';
import { font, HEI, MM, PAGE, SONG, table } from './docx-kit.ts';
import { exporterLine, watermarkLine, type Exporter } from './format.ts';

export const GW_MARGIN = { top: Math.round(37 * MM), bottom: Math.round(35 * MM), left: Math.round(28 * MM), right: Math.round(26 * MM) };
export const GW_TEXT_WIDTH = PAGE.width - GW_MARGIN.left - GW_MARGIN.right;
export const GW_TEXT_HEIGHT = PAGE.height - GW_MARGIN.top - GW_MARGIN.bottom;
export const CHARS_PER_LINE = 28;
export const LINES_PER_PAGE = 22;

/** Sizes in half-points: 二号 title, 三号 body, 四号 page numbers, 小四 tables. */
export const SIZE = { title: 44, body: 32, pageNumber: 28, table: 24, small: 21 } as const;

/** Twips from one line to the next: 22 lines fill the 版心's height. */
export const LINE_PITCH = Math.floor(GW_TEXT_HEIGHT / LINES_PER_PAGE);
/** Twips per character: 28 characters fill the 版心's width. */
export const CHAR_PITCH = GW_TEXT_WIDTH / CHARS_PER_LINE;
/** The grid's character pitch as Word writes it: points over the Normal font's size, in 1/4096 pt. */
export const CHAR_SPACE = Math.round((CHAR_PITCH / 20 - SIZE.body / 2) * 4096);

export const XIAOBIAOSONG = font('方正小标宋简体');
export const FANGSONG_GB = font('仿宋_GB2312');
export const KAITI_GB = font('楷体_GB2312');

/** The named faces, their fallbacks and PANOSE numbers (the fallback's, so a match by PANOSE lands on it). */
const FACES: Array<{ name: string; altName?: string; panose: string; family: string; pitch: string; charset: string }> = [
  { name: '方正小标宋简体', altName: '宋体', panose: '02010600030101010101', family: 'auto', pitch: 'variable', charset: '86' },
  { name: '仿宋_GB2312', altName: '仿宋', panose: '02010609060101010101', family: 'modern', pitch: 'fixed', charset: '86' },
  { name: '楷体_GB2312', altName: '楷体', panose: '02010609060101010101', family: 'modern', pitch: 'fixed', charset: '86' },
  { name: '宋体', altName: 'SimSun', panose: '02010600030101010101', family: 'auto', pitch: 'variable', charset: '86' },
  { name: '仿宋', altName: 'FangSong', panose: '02010609060101010101', family: 'modern', pitch: 'fixed', charset: '86' },
  { name: '楷体', altName: 'KaiTi', panose: '02010609060101010101', family: 'modern', pitch: 'fixed', charset: '86' },
  { name: '黑体', altName: 'SimHei', panose: '02010609060101010101', family: 'modern', pitch: 'fixed', charset: '86' },
  { name: 'Times New Roman', panose: '02020603050405020304', family: 'roman', pitch: 'variable', charset: '00' },
];

/** word/fontTable.xml with the fallbacks (see the module comment). */
export const FONT_TABLE_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
  + '<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
  + FACES.map((f) => `<w:font w:name="${f.name}">${f.altName ? `<w:altName w:val="${f.altName}"/>` : ''}<w:panose1 w:val="${f.panose}"/>`
    + `<w:charset w:val="${f.charset}"/><w:family w:val="${f.family}"/><w:pitch w:val="${f.pitch}"/></w:font>`).join('')
  + '</w:fonts>';

/** One line of the grid, exactly. */
const GRID_LINE = { line: LINE_PITCH, lineRule: LineRuleType.EXACT, before: 0, after: 0 };

/** 'YYYY-MM-DD…' → 2026年12月7日 (GB/T 9704-2012 writes dates in Arabic numerals); anything else unchanged. */
export function gwDate(value: string | null | undefined): string {
  if (!value) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/u.exec(value);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : value;
}

const run = (text: string, f = FANGSONG_GB, size: number = SIZE.body, extra: { bold?: boolean; color?: string } = {}) =>
  new TextRun({ text, font: f, size, ...extra });

/** A body paragraph: 三号 仿宋_GB2312, indented two characters, justified, on the grid. */
export function para(text: string | TextRun[], opts: { indent?: boolean; keepNext?: boolean } = {}): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    spacing: GRID_LINE,
    indent: opts.indent === false ? undefined : { firstLine: Math.round(2 * CHAR_PITCH) },
    keepNext: opts.keepNext,
    children: typeof text === 'string' ? [run(text)] : text,
  });
}

/** 主送机关: flush left, ending with a full-width colon. */
export const addressee = (text: string) => para(`${text}：`, { indent: false });

/** An empty grid line. */
export const blankLine = () => new Paragraph({ spacing: GRID_LINE, children: [] });

/** 一级标题 in 黑体 (一、…), 二级标题 in 楷体_GB2312 (（一）…). */
export const h1 = (text: string) => para([run(text, HEI)], { keepNext: true });
export const h2 = (text: string) => para([run(text, KAITI_GB)], { keepNext: true });

/** The title: 二号 方正小标宋简体, centred, one blank line under it. */
export function title(text: string): Paragraph[] {
  return [
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { line: LINE_PITCH + 120, lineRule: LineRuleType.AT_LEAST }, keepNext: true, children: [run(text, XIAOBIAOSONG, SIZE.title)] }),
    blankLine(),
  ];
}

/** 份号 (six digits) and 密级, top left of the first page in 黑体 三号. */
export function copyMarks(copyNo: string | null, secrecy = '内部资料 注意保密'): Paragraph[] {
  return [
    ...(copyNo ? [para([run(copyNo.padStart(6, '0'), HEI)], { indent: false })] : []),
    para([run(secrecy, HEI)], { indent: false }),
  ];
}

/** 发文机关标志 in red 小标宋 (as large as fits one line, at most 30 pt), and the red line across the 版心 under it. */
export function issuerMark(text: string): Paragraph[] {
  const size = Math.max(SIZE.body, Math.min(60, Math.floor(GW_TEXT_WIDTH / [...text].length / 10)));
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER, spacing: { before: 240, after: 120, line: 900, lineRule: LineRuleType.AT_LEAST },
      children: [run(text, XIAOBIAOSONG, size, { color: 'C00000' })],
    }),
    new Paragraph({
      spacing: { before: 0, after: 0, line: 240 },
      border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: 'C00000', space: 1 } },
      children: [],
    }),
    blankLine(),
  ];
}

/** 署名 and 成文日期 at the right, four characters in. */
export function signature(issuer: string, date: string): Paragraph[] {
  const right = (text: string) => new Paragraph({
    alignment: AlignmentType.RIGHT, spacing: GRID_LINE, indent: { right: Math.round(4 * CHAR_PITCH) }, keepNext: true, keepLines: true, children: [run(text)],
  });
  return [blankLine(), right(issuer), right(date)];
}

export interface GwCellOptions { bold?: boolean; center?: boolean; shade?: boolean; span?: number; size?: number }

/** A table cell in 小四 仿宋_GB2312, off the character grid (a table's text keeps its own spacing). */
export function gwCell(lines: string | string[], width: number, opts: GwCellOptions = {}): TableCell {
  const texts = Array.isArray(lines) ? lines : [lines];
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    columnSpan: opts.span,
    verticalAlign: VerticalAlign.CENTER,
    shading: opts.shade ? { type: ShadingType.CLEAR, color: 'auto', fill: 'EDEDED' } : undefined,
    children: (texts.length ? texts : ['']).map((t) => new Paragraph({
      alignment: opts.center ? AlignmentType.CENTER : AlignmentType.LEFT,
      spacing: { before: 0, after: 0, line: 300, lineRule: LineRuleType.AUTO },
      children: [new TextRun({ text: t, font: opts.bold ? HEI : FANGSONG_GB, size: opts.size ?? SIZE.table, snapToGrid: false })],
    })),
  });
}

/** A full-width table: a shaded header row (repeated on every page) and rows of text; `widths` in twips sum to the 版心. */
export function gwTable(widths: number[], header: string[], body: string[][], opts: { center?: number[] } = {}): ReturnType<typeof table> {
  const center = new Set(opts.center ?? []);
  return table(widths, [
    new TableRow({ tableHeader: true, cantSplit: true, children: header.map((h, i) => gwCell(h, widths[i]!, { bold: true, center: true, shade: true })) }),
    ...body.map((r) => new TableRow({ cantSplit: true, children: r.map((c, i) => gwCell(c.split('\n'), widths[i]!, { center: center.has(i) })) })),
  ]);
}

/** Column widths in twips from shares of the 版心 (the last takes the rounding). */
export function widthsOf(shares: number[]): number[] {
  const total = shares.reduce((a, b) => a + b, 0);
  const w = shares.map((s) => Math.floor((GW_TEXT_WIDTH * s) / total));
  w[w.length - 1]! += GW_TEXT_WIDTH - w.reduce((a, b) => a + b, 0);
  return w;
}

/** "— 1 —" in 四号 宋体, `side` of the page, one character in. */
function pageNumberFooter(side: 'odd' | 'even'): Footer {
  const inset = SIZE.pageNumber * 10; // one 四号 character, in twips
  return new Footer({
    children: [new Paragraph({
      alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
      indent: side === 'odd' ? { right: inset } : { left: inset },
      spacing: { before: 0, after: 0, line: 240 },
      children: [new TextRun({ font: SONG, size: SIZE.pageNumber, snapToGrid: false, children: ['— ', PageNumber.CURRENT, ' —'] })],
    })],
  });
}

/** Who exported it and when (DATA-04), small and grey above the 版心, clear of the layout. */
function exporterHeader(exporter: Exporter): Header {
  return new Header({
    children: [new Paragraph({
      alignment: AlignmentType.RIGHT,
      spacing: { before: 0, after: 0, line: 240 },
      children: [new TextRun({ text: exporterLine(exporter), font: SONG, size: 15, color: '808080', snapToGrid: false })],
    })],
  });
}

export interface GongwenDocument {
  /** The document's title property. */
  title: string;
  exporter: Exporter;
  children: FileChild[];
}

/** One A4 section in 公文 layout (see the module comment). */
export function gongwenDocument(d: GongwenDocument): Document {
  return new Document({
    creator: d.exporter.who,
    title: d.title,
    description: watermarkLine(d.exporter),
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: {
          run: { font: FANGSONG_GB, size: SIZE.body, language: { value: 'en-US', eastAsia: 'zh-CN' } },
          paragraph: { spacing: GRID_LINE },
        },
      },
    },
    sections: [{
      properties: {
        page: {
          size: { width: PAGE.width, height: PAGE.height },
          // The page number's line sits 7 mm under the 版心 (GB/T 9704 7.5): the footer's foot 22 mm above the edge.
          margin: { ...GW_MARGIN, header: Math.round(15 * MM), footer: Math.round(22 * MM) },
        },
        grid: { type: DocumentGridType.LINES_AND_CHARS, linePitch: LINE_PITCH, charSpace: CHAR_SPACE },
      },
      headers: { default: exporterHeader(d.exporter), even: exporterHeader(d.exporter) },
      footers: { default: pageNumberFooter('odd'), even: pageNumberFooter('even') },
      children: d.children,
    }],
  });
}

/** The .docx bytes, with the font table that names the fallbacks. */
export function packGongwen(doc: Document): Promise<Buffer> {
  return Packer.toBuffer(doc, false, [{ path: 'word/fontTable.xml', data: FONT_TABLE_XML }]);
}
