import QRCode from 'qrcode';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { drawQr, qrMatrix, qrRects, receiptQrText, type QrRect } from './qr';

/** Which modules the rectangles cover, read back from their positions. */
function matrixFromRects(rects: readonly QrRect[], options: { left: number; top: number; moduleSize: number; size: number }): boolean[][] {
  const matrix = Array.from({ length: options.size }, () => Array.from({ length: options.size }, () => false));
  for (const rect of rects) {
    const row = Math.round((options.top - rect.y) / options.moduleSize) - 1;
    const first = Math.round((rect.x - options.left) / options.moduleSize);
    const count = Math.round(rect.width / options.moduleSize);
    expect(rect.height).toBeCloseTo(options.moduleSize, 6);
    for (let col = first; col < first + count; col += 1) {
      expect(matrix[row]![col]).toBe(false);
      matrix[row]![col] = true;
    }
  }
  return matrix;
}

const zipSha256 = 'a2a5f408de542d9882b76fb22142c2197536232c7edcb298f999dd0d436cd8bc';

describe('receipt QR code', () => {
  it('encodes the zip hash, its name and the bundle folder', () => {
    const text = receiptQrText({ zipSha256, zipName: 'evidence.zip', bundleName: 'HANDOVER_44-12345-26_20260703-1510' });
    expect(text).toBe(`sha256:${zipSha256} evidence.zip HANDOVER_44-12345-26_20260703-1510`);
    // What the code holds, read back from its segments (qrcode mixes byte, numeric and alphanumeric ones), is that text.
    const code = QRCode.create(text, { errorCorrectionLevel: 'M' });
    const decoded = code.segments.map((segment) => (typeof segment.data === 'string' ? segment.data : Buffer.from(segment.data).toString('utf8'))).join('');
    expect(decoded).toBe(text);
    expect(decoded).toContain(zipSha256);
  });

  it('draws exactly the dark modules of the code qrcode makes', async () => {
    const text = receiptQrText({ zipSha256, zipName: 'evidence.zip', bundleName: 'HANDOVER_NO-REF_20260703-1510' });
    const reference = QRCode.create(text, { errorCorrectionLevel: 'M' }).modules;
    const expected = Array.from({ length: reference.size }, (_, row) => Array.from({ length: reference.size }, (_, col) => reference.get(row, col) === 1));
    expect(qrMatrix(text)).toEqual(expected);

    const doc = await PDFDocument.create();
    const page = doc.addPage([595.28, 841.89]);
    const options = { left: 400, top: 500, size: 96 };
    const rects = drawQr(page, { text, ...options });
    const moduleSize = options.size / reference.size;
    expect(matrixFromRects(rects, { left: options.left, top: options.top, moduleSize, size: reference.size })).toEqual(expected);
    // Inside its square, and rows merged into runs rather than one rectangle per module.
    for (const rect of rects) {
      expect(rect.x).toBeGreaterThanOrEqual(options.left - 1e-9);
      expect(rect.x + rect.width).toBeLessThanOrEqual(options.left + options.size + 1e-9);
      expect(rect.y).toBeGreaterThanOrEqual(options.top - options.size - 1e-9);
    }
    expect(rects.length).toBeLessThan(expected.flat().filter(Boolean).length);
  });

  it('merges neighbouring modules of a row into one rectangle', () => {
    const rects = qrRects(
      [
        [true, true, false, true],
        [false, false, false, false],
        [false, true, true, true],
      ],
      { left: 0, top: 40, moduleSize: 10 },
    );
    expect(rects).toEqual([
      { x: 0, y: 30, width: 20, height: 10 },
      { x: 30, y: 30, width: 10, height: 10 },
      { x: 10, y: 10, width: 30, height: 10 },
    ]);
  });
});
