/**
 * A small flowing-text writer over pdf-lib: a cursor moving down A4 pages, words wrapped by measuring them in the
 * font, page breaks before anything that would run off the page, tables whose header repeats on each page, and
 * footers drawn at the end, when the number of pages is known.
 */
import { rgb, type Color, type PDFDocument, type PDFPage } from 'pdf-lib';
import type { PaperFontName, PaperFonts } from './fonts';

export const A4_SIZE: [number, number] = [595.28, 841.89];
export const GREY = rgb(0.45, 0.45, 0.45);
export const LIGHT = rgb(0.8, 0.8, 0.8);
const BLACK = rgb(0, 0, 0);
const CELL_PAD = 3;

export interface TextStyle {
  font?: PaperFontName;
  size?: number;
  color?: Color;
}
/** One piece of a table cell: wrapped on its own lines, in its own style. */
export interface Run extends TextStyle {
  text: string;
}
export interface Column {
  header: string;
  width: number;
  align?: 'left' | 'right';
}
export interface PageInfo {
  page: PDFPage;
  /** 1-based within its section. */
  number: number;
  count: number;
  section: string;
}

const lineHeight = (size: number) => size * 1.32;
/** No control characters reach the PDF: tabs and the like become spaces; new lines are handled by wrap(). */
const clean = (text: string) => text.replace(/\r\n?/g, '\n').replace(/[^\P{Cc}\n]/gu, ' ');
/**
 * A no-break space keeps "192 s" or "3 Jul 2026" on one line, but is drawn as a plain space, so text copied or
 * extracted from the PDF has ordinary spaces.
 */
const printable = (text: string) => clean(text).replace(/\u00a0/g, ' ');

/**
 * Widths at 1 pt by font and text. fontkit's shaping is the slow part of laying out and wrapping asks again and again;
 * the fonts are always the same bundled files, so the widths hold across documents.
 */
const widthsAtOnePoint = new Map<string, number>();
const MAX_REMEMBERED_WIDTHS = 50_000;

export class FlowWriter {
  page!: PDFPage;
  /** The top of the next line, in PDF points from the bottom of the page. */
  y = 0;
  section = '';
  readonly pages: { page: PDFPage; section: string }[] = [];
  readonly margin = { top: 48, bottom: 62, left: 45, right: 45 };

  constructor(
    readonly doc: PDFDocument,
    readonly fonts: PaperFonts,
    private readonly onPageStart: (writer: FlowWriter) => void = () => {},
  ) {}

  get left(): number {
    return this.margin.left;
  }
  get width(): number {
    return A4_SIZE[0] - this.margin.left - this.margin.right;
  }
  get top(): number {
    return A4_SIZE[1] - this.margin.top;
  }
  get bottom(): number {
    return this.margin.bottom;
  }

  newPage(): void {
    this.page = this.doc.addPage(A4_SIZE);
    this.pages.push({ page: this.page, section: this.section });
    this.y = this.top;
    this.onPageStart(this);
  }

  /** Starts a section (e.g. one copy of the receipt) on a fresh page; footers number pages within it. */
  startSection(name: string): void {
    this.section = name;
    this.newPage();
  }

  /** Moves to a new page unless `height` more points fit above the bottom margin. */
  ensure(height: number): void {
    if (this.y - height < this.bottom) this.newPage();
  }

  space(points: number): void {
    this.y -= points;
  }

  measure(text: string, style: TextStyle = {}): number {
    const font = style.font ?? 'regular';
    const key = `${font}\u0000${text}`;
    let width = widthsAtOnePoint.get(key);
    if (width === undefined) {
      width = this.fonts[font].widthOfTextAtSize(printable(text), 1);
      if (widthsAtOnePoint.size >= MAX_REMEMBERED_WIDTHS) widthsAtOnePoint.clear();
      widthsAtOnePoint.set(key, width);
    }
    return width * (style.size ?? 10);
  }

  /**
   * Lines no wider than `width`, broken at spaces (not no-break spaces); a word too long for a line is broken, after a
   * '/', '_' or '-' when one is near the end.
   */
  wrap(text: string, style: TextStyle, width: number): string[] {
    const lines: string[] = [];
    for (const paragraph of clean(text).split(/\r?\n/)) {
      let line = '';
      for (const word of paragraph.split(/ +/)) {
        const candidate = line === '' ? word : `${line} ${word}`;
        if (this.measure(candidate, style) <= width) {
          line = candidate;
          continue;
        }
        if (line !== '') lines.push(line);
        line = word;
        while (this.measure(line, style) > width) {
          let cut = 1;
          while (cut < line.length && this.measure(line.slice(0, cut + 1), style) <= width) cut += 1;
          const soft = Math.max(line.lastIndexOf('/', cut - 1), line.lastIndexOf('_', cut - 1), line.lastIndexOf('-', cut - 1));
          if (soft >= cut * 0.6) cut = soft + 1;
          lines.push(line.slice(0, cut));
          line = line.slice(cut);
        }
      }
      lines.push(line);
    }
    return lines;
  }

  /** Draws one line with its top at `top`. */
  drawLine(text: string, x: number, top: number, style: TextStyle = {}): void {
    const size = style.size ?? 10;
    this.page.drawText(printable(text), { x, y: top - size, font: this.fonts[style.font ?? 'regular'], size, color: style.color ?? BLACK });
  }

  /** Wrapped text, breaking to a new page between lines as needed. */
  paragraph(text: string, style: TextStyle & { indent?: number; after?: number; align?: 'left' | 'center' | 'right' } = {}): void {
    const size = style.size ?? 10;
    const indent = style.indent ?? 0;
    for (const line of this.wrap(text, style, this.width - indent)) {
      this.ensure(lineHeight(size));
      const free = this.width - indent - this.measure(line, style);
      const x = this.left + indent + (style.align === 'center' ? free / 2 : style.align === 'right' ? free : 0);
      this.drawLine(line, x, this.y, style);
      this.y -= lineHeight(size);
    }
    this.y -= style.after ?? size * 0.6;
  }

  /** A heading kept on the same page as at least `keepWith` points of what follows it. */
  heading(text: string, size = 12, keepWith = lineHeight(10) * 2): void {
    this.ensure(lineHeight(size) * 1.5 + keepWith);
    this.space(size * 0.4);
    this.paragraph(text, { font: 'bold', size, after: size * 0.35 });
  }

  /** "Label: value" rows with the labels in a column of their own; each row kept on one page. */
  /** A null value leaves a line to write on by hand. */
  fields(rows: readonly { label: string; value: string | null; font?: PaperFontName; size?: number }[], options: { labelWidth?: number; size?: number; x?: number; width?: number } = {}): void {
    const size = options.size ?? 10;
    const x = options.x ?? this.left;
    const labelWidth = options.labelWidth ?? 150;
    const valueWidth = (options.width ?? this.width) - labelWidth;
    for (const row of rows) {
      const valueStyle = { font: row.font ?? 'regular', size: row.size ?? size };
      const labelLines = this.wrap(row.label, { font: 'bold', size }, labelWidth - 6);
      const valueLines = row.value === null ? [] : this.wrap(row.value, valueStyle, valueWidth);
      const height = Math.max(labelLines.length * lineHeight(size), valueLines.length * lineHeight(valueStyle.size), row.value === null ? size * 1.9 : 0);
      this.ensure(height);
      if (row.value === null) {
        const lineY = this.y - size * 1.5;
        this.page.drawLine({ start: { x: x + labelWidth, y: lineY }, end: { x: x + labelWidth + valueWidth, y: lineY }, thickness: 0.6, color: GREY });
      }
      labelLines.forEach((line, index) => this.drawLine(line, x, this.y - index * lineHeight(size), { font: 'bold', size }));
      valueLines.forEach((line, index) => this.drawLine(line, x + labelWidth, this.y - index * lineHeight(valueStyle.size), valueStyle));
      this.y -= height + size * 0.25;
    }
  }

  /** A line to write on by hand after a label, e.g. "Signature: ______". */
  blankLine(label: string, options: { x?: number; width?: number; size?: number; top?: number } = {}): void {
    const size = options.size ?? 10;
    const x = options.x ?? this.left;
    const top = options.top ?? this.y;
    this.drawLine(label, x, top, { font: 'bold', size });
    const start = x + this.measure(label, { font: 'bold', size }) + 4;
    const end = x + (options.width ?? this.width);
    this.page.drawLine({ start: { x: start, y: top - size - 2 }, end: { x: end, y: top - size - 2 }, thickness: 0.6, color: GREY });
  }

  rule(color: Color = LIGHT): void {
    this.page.drawLine({ start: { x: this.left, y: this.y }, end: { x: this.left + this.width, y: this.y }, thickness: 0.6, color });
  }

  private cellLines(cell: readonly Run[], width: number): { text: string; style: TextStyle; height: number }[] {
    return cell.flatMap((run) => this.wrap(run.text, run, width).map((text) => ({ text, style: run, height: lineHeight(run.size ?? 9) })));
  }

  private drawRow(columns: readonly Column[], cells: readonly (readonly Run[])[], height: number, shade: boolean): void {
    if (shade) this.page.drawRectangle({ x: this.left, y: this.y - height, width: this.width, height, color: rgb(0.93, 0.93, 0.93) });
    let x = this.left;
    columns.forEach((column, index) => {
      let top = this.y - CELL_PAD;
      for (const line of this.cellLines(cells[index] ?? [], column.width - 2 * CELL_PAD)) {
        const offset = column.align === 'right' ? column.width - 2 * CELL_PAD - this.measure(line.text, line.style) : 0;
        this.drawLine(line.text, x + CELL_PAD + offset, top, line.style);
        top -= line.height;
      }
      x += column.width;
    });
    this.y -= height;
    this.rule();
  }

  private rowHeight(columns: readonly Column[], cells: readonly (readonly Run[])[]): number {
    const heights = columns.map((column, index) => this.cellLines(cells[index] ?? [], column.width - 2 * CELL_PAD).reduce((sum, line) => sum + line.height, 0));
    return Math.max(...heights) + 2 * CELL_PAD;
  }

  /**
   * A table: columns' widths in points (scaled to the text width), rows of cells. A row never splits across pages;
   * the header row is drawn again at the top of each page the table continues on.
   */
  table(columns: readonly Column[], rows: readonly (readonly (readonly Run[])[])[], options: { headerSize?: number } = {}): void {
    const total = columns.reduce((sum, column) => sum + column.width, 0);
    const scaled = columns.map((column) => ({ ...column, width: (column.width * this.width) / total }));
    const header = scaled.map((column) => [{ text: column.header, font: 'bold' as const, size: options.headerSize ?? 8.5 }]);
    const headerHeight = this.rowHeight(scaled, header);
    const drawHeader = () => {
      this.rule(GREY);
      this.drawRow(scaled, header, headerHeight, true);
    };
    this.ensure(headerHeight + (rows[0] ? this.rowHeight(scaled, rows[0]) : 0));
    drawHeader();
    for (const row of rows) {
      const height = this.rowHeight(scaled, row);
      if (this.y - height < this.bottom) {
        this.newPage();
        drawHeader();
      }
      this.drawRow(scaled, row, height, false);
    }
    this.space(8);
  }

  /** Footers and page numbers, once every page exists. */
  finish(drawFooter: (info: PageInfo, writer: FlowWriter) => void): void {
    const counts = new Map<string, number>();
    for (const { section } of this.pages) counts.set(section, (counts.get(section) ?? 0) + 1);
    const seen = new Map<string, number>();
    for (const { page, section } of this.pages) {
      const number = (seen.get(section) ?? 0) + 1;
      seen.set(section, number);
      this.page = page;
      drawFooter({ page, number, count: counts.get(section) ?? number, section }, this);
    }
  }
}
