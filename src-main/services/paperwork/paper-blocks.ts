/** Pieces both papers draw: the exhibits table, a hash on a line of its own, a line to sign on. */
import { GREY, type FlowWriter, type Run } from './pdf-layout';
import type { ExhibitRow } from './paper-types';

/** 7.5 pt DejaVu Sans Mono: a full 64-character SHA-256 fits the table's middle column on one unbroken line. */
export const HASH_SIZE = 7.5;

/**
 * One row per exhibit: reference (and its file-name form), then description, file in the zip and full SHA-256, then
 * the size in bytes. The header repeats on every page the table runs onto.
 */
export function drawExhibitTable(writer: FlowWriter, rows: readonly ExhibitRow[]): void {
  const cells = rows.map((row): Run[][] => [
    [
      { text: row.id, font: 'bold', size: 9 },
      { text: row.fileRef, font: 'mono', size: 7, color: GREY },
      { text: row.kind, size: 7, color: GREY },
    ],
    [
      { text: row.description, size: 8 },
      { text: row.file, size: 8 },
      { text: row.sha256, font: 'mono', size: HASH_SIZE },
    ],
    row.sizeApprox === null ? [{ text: row.size, size: 8 }] : [{ text: row.size, size: 8 }, { text: row.sizeApprox, size: 7, color: GREY }],
  ]);
  writer.table(
    [
      { header: 'Exhibit', width: 70 },
      { header: 'Description, file in evidence.zip, SHA-256', width: 335 },
      { header: 'Size', width: 100, align: 'right' },
    ],
    cells,
  );
}

/** "Label:" then the hash in mono on its own line, indented, so it is never broken. */
export function drawHash(writer: FlowWriter, label: string, value: string, options: { size?: number } = {}): void {
  writer.ensure(30);
  writer.paragraph(label, { size: options.size ?? 9.5, after: 1 });
  writer.paragraph(value, { font: 'mono', size: 8, indent: 14, after: 6 });
}

/**
 * "Label: value" on a line to sign or write on, with its top at `top`; a long value wraps onto more lines above the
 * rule. Returns the height used, so two columns of these can sit side by side.
 */
export function drawSignatureLine(
  writer: FlowWriter,
  options: { x: number; top: number; width: number; label: string; value: string | null; labelWidth?: number; size?: number; draw?: boolean },
): number {
  const size = options.size ?? 9;
  const labelWidth = options.labelWidth ?? 95;
  const lineHeight = size * 1.32;
  const lines = options.value ? writer.wrap(options.value, { size }, options.width - labelWidth - 4) : [''];
  const height = Math.max(lines.length * lineHeight, size * 1.2) + 10;
  if (options.draw === false) return height;
  writer.drawLine(options.label, options.x, options.top, { font: 'bold', size });
  lines.forEach((line, index) => writer.drawLine(line, options.x + labelWidth + 2, options.top - index * lineHeight, { size }));
  const lineY = options.top - (lines.length - 1) * lineHeight - size - 3;
  writer.page.drawLine({ start: { x: options.x + labelWidth, y: lineY }, end: { x: options.x + options.width, y: lineY }, thickness: 0.6, color: GREY });
  return height;
}
