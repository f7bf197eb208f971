/**
 * The receipt's QR code, drawn as filled rectangles (vector, sharp at any print resolution). The modules come from the
 * qrcode package; rows of dark modules are merged into runs so a version-7 code is a few hundred rectangles.
 */
import QRCode from 'qrcode';
import { rgb, type PDFPage } from 'pdf-lib';

export interface QrRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** What the receipt's QR code says: the zip's hash, its name and the bundle folder's name. */
export function receiptQrText(options: { zipSha256: string; zipName: string; bundleName: string }): string {
  return `sha256:${options.zipSha256} ${options.zipName} ${options.bundleName}`;
}

/** Dark modules as rows of booleans, row 0 at the top. Error correction M: survives a crease or a smudge. */
export function qrMatrix(text: string): boolean[][] {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  return Array.from({ length: modules.size }, (_, row) => Array.from({ length: modules.size }, (_, col) => modules.get(row, col) === 1));
}

/** Rectangles in PDF points (y upwards) for a code whose top-left corner is at (left, top). */
export function qrRects(matrix: readonly (readonly boolean[])[], options: { left: number; top: number; moduleSize: number }): QrRect[] {
  const { left, top, moduleSize } = options;
  const rects: QrRect[] = [];
  matrix.forEach((row, rowIndex) => {
    let col = 0;
    while (col < row.length) {
      if (!row[col]) {
        col += 1;
        continue;
      }
      const start = col;
      while (col < row.length && row[col]) col += 1;
      rects.push({ x: left + start * moduleSize, y: top - (rowIndex + 1) * moduleSize, width: (col - start) * moduleSize, height: moduleSize });
    }
  });
  return rects;
}

/** Draws the code in a square of `size` points (quiet zone not included: leave 4 modules clear around it). */
export function drawQr(page: PDFPage, options: { text: string; left: number; top: number; size: number }): QrRect[] {
  const matrix = qrMatrix(options.text);
  const rects = qrRects(matrix, { left: options.left, top: options.top, moduleSize: options.size / matrix.length });
  for (const rect of rects) page.drawRectangle({ ...rect, color: rgb(0, 0, 0), borderWidth: 0 });
  return rects;
}
