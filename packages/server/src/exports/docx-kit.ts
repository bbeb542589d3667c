/**
 * What the Word exports share: A4 portrait with the page margins of an official document, the fonts,
 * table borders and cells, headings and notes, and a header and footer that say on every page who
 * exported it, when, and 内部资料 注意保密.
 *
 * Fonts are named, not shipped: 仿宋 for text, 宋体 for tables, 黑体 for headings and 宋体 bold for
 * titles (present on every Chinese Windows and in WPS), Times New Roman for Latin text, and the East
 * Asian language set to zh-CN, which is what makes Word, WPS and LibreOffice fall back to a Chinese
 * (not a Japanese) face where a named one is missing.
 */
import {
  AlignmentType, BorderStyle, Document, Footer, Header, PageNumber, Paragraph, ShadingType, Table, TableCell,
  TableLayoutType, TabStopType, TextRun, VerticalAlign, WidthType, type FileChild, type TableRow,
} from 'docx';
import { exporterLine, watermarkLine, type Exporter } from './format.ts';

export const MM = 56.6929; // twips per millimetre
export const PAGE = { width: 11906, height: 16838 }; // A4 in twips
export const MARGIN = { top: Math.round(25 * MM), bottom: Math.round(25 * MM), left: Math.round(28 * MM), right: Math.round(26 * MM) };
export const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right; // 8845

export const LATIN = 'Times New Roman';
export const font = (eastAsia: string) => ({ ascii: LATIN, hAnsi: LATIN, cs: LATIN, eastAsia, hint: 'eastAsia' });
export const FANGSONG = font('仿宋');
export const SONG = font('宋体');
export const HEI = font('黑体');

export const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
export const BORDERS = { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER, insideHorizontal: BORDER, insideVertical: BORDER };
export const HEAD_SHADE = { type: ShadingType.CLEAR, color: 'auto', fill: 'EDEDED' };

export interface CellOptions {
  bold?: boolean;
  /** Half-points; 21 (五号) unless told. */
  size?: number;
  shade?: boolean;
  center?: boolean;
  span?: number;
  /** A smaller grey line under the text. */
  sub?: string;
}

/** A table cell of plain text lines in 宋体; `width` in twips. */
export function cell(lines: string | string[], width: number, opts: CellOptions = {}): TableCell {
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

/** A full-width table with fixed column widths (twips, summing to TEXT_WIDTH) and single black borders. */
export function table(widths: number[], rows: TableRow[]): Table {
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: BORDERS,
    margins: { left: 70, right: 70, top: 40, bottom: 40 },
    rows,
  });
}

/** A section heading in 黑体 四号, kept with what follows. */
export const heading = (text: string) => new Paragraph({
  spacing: { before: 360, after: 160 },
  keepNext: true,
  children: [new TextRun({ text, font: HEI, size: 28 })],
});

/** A grey 仿宋 五号 remark. */
export const note = (text: string) => new Paragraph({
  spacing: { before: 0, after: 120 },
  children: [new TextRun({ text, font: FANGSONG, size: 21, color: '555555' })],
});

/** The header of every page: what the document is, on the left; 内部资料 注意保密 in red, on the right. */
export function pageHeader(title: string): Header {
  return new Header({
    children: [new Paragraph({
      tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH }],
      border: { bottom: { style: BorderStyle.SINGLE, size: 4, color: '999999', space: 4 } },
      children: [
        new TextRun({ text: title, font: SONG, size: 18 }),
        new TextRun({ text: '\t内部资料 注意保密', font: HEI, size: 18, color: 'C00000' }),
      ],
    })],
  });
}

/** The footer of every page: who exported it and when; 内部资料 注意保密 and 第 n 页 共 m 页. */
export function pageFooter(exporter: Exporter): Footer {
  return new Footer({
    children: [
      new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: exporterLine(exporter), font: SONG, size: 15, color: '555555' })] }),
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          new TextRun({ text: '内部资料 注意保密\u3000\u3000', font: HEI, size: 18, color: 'C00000' }),
          new TextRun({ font: SONG, size: 18, children: ['第 ', PageNumber.CURRENT, ' 页 共 ', PageNumber.TOTAL_PAGES, ' 页'] }),
        ],
      }),
    ],
  });
}

export interface InternalDocument {
  /** The document's title property. */
  title: string;
  /** What the header of every page says on the left. */
  headerTitle: string;
  exporter: Exporter;
  children: FileChild[];
}

/**
 * One A4 portrait section with the page header and footer; 仿宋 小四 at 1.5 lines unless a paragraph
 * says otherwise. The exporter is the author, and the watermark line the description.
 */
export function internalDocument(d: InternalDocument): Document {
  return new Document({
    creator: d.exporter.who,
    title: d.title,
    description: watermarkLine(d.exporter),
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
      headers: { default: pageHeader(d.headerTitle) },
      footers: { default: pageFooter(d.exporter) },
      children: d.children,
    }],
  });
}
