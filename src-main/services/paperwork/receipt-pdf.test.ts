import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manyExhibitsManifest, SAMPLE_OFFICER, SAMPLE_STICK, sampleReceiptInput } from './paper-sample.fixture';
import { flat, pdfPageCount, pdfPagesText, popplerMissing, removeTempPdfs, renderFirstPagePng, renderGrey, tempPdf, wordsOffPage } from './pdf-tools.fixture';
import { qrMatrix, receiptQrText } from './qr';
import { RECEIPT_COPIES, renderReceiptPdf } from './receipt-pdf';
import type { ReceiptPdfInput } from './paper-types';

afterAll(removeTempPdfs);

const missing = popplerMissing();
if (missing) console.warn(`Skipping the receipt PDF tests: ${missing}.`);

const bytesText = (bytes: number) => `${bytes.toLocaleString('en-GB')} bytes`;

interface Rendered {
  input: ReceiptPdfInput;
  file: string;
  pages: string[];
  pageCount: number;
}

async function render(input: ReceiptPdfInput, name: string): Promise<Rendered> {
  const file = tempPdf(await renderReceiptPdf(input), name);
  return { input, file, pages: pdfPagesText(file), pageCount: pdfPageCount(file) };
}

/** Each copy's pages joined, found by their footers. */
function copies(rendered: Rendered): Record<string, string> {
  return Object.fromEntries(RECEIPT_COPIES.map((copy) => [copy, rendered.pages.filter((page) => page.includes(`— ${copy}`)).join('\n')]));
}

describe.skipIf(missing !== null)('renderReceiptPdf', () => {
  let full: Rendered;
  let blank: Rendered;
  let many: Rendered;
  beforeAll(async () => {
    [full, blank, many] = await Promise.all([
      render(sampleReceiptInput(), 'receipt.pdf'),
      render(sampleReceiptInput({ blank: true }), 'receipt-blank.pdf'),
      render(sampleReceiptInput({ manifest: manyExhibitsManifest(30) }), 'receipt-many.pdf'),
    ]);
  }, 60_000);

  it('prints the whole receipt twice, as the producer copy and the police copy, each numbered on its own', () => {
    expect(full.pageCount).toBe(full.pages.length);
    expect(full.pageCount % 2).toBe(0);
    const perCopy = full.pageCount / 2;
    full.pages.forEach((page, index) => {
      const copy = index < perCopy ? 'PRODUCER COPY' : 'POLICE COPY';
      expect(page).toContain(`Page ${(index % perCopy) + 1} of ${perCopy} — ${copy}`);
      // The banner at the top of every page says which copy it is.
      expect(page.split('\n').slice(0, 3).join('\n')).toContain(copy);
    });
  });

  it('has every fact in each copy: references, stick, bundle, exhibits, fingerprints, handover and officer', () => {
    const { manifest, zip, bundleName } = full.input;
    for (const text of Object.values(copies(full))) {
      expect(text).toContain('44/12345/26');
      expect(text).toContain("Zoë Łukasz-O'Brien");
      expect(text).toContain('Zoë’s Corner Shop Ltd');
      expect(text).toContain(SAMPLE_STICK.model);
      expect(text).toContain(SAMPLE_STICK.serial);
      expect(text).toContain(SAMPLE_STICK.label);
      expect(text).toContain(bundleName);
      expect(text).toContain(bytesText(zip.bytes));
      expect(text).toContain(zip.sha256);
      expect(text).toContain(manifest.producer.certificateFingerprintSha256);
      for (const exhibit of manifest.exhibits) {
        expect(text).toContain(exhibit.id);
        expect(text).toContain(exhibit.fileRef);
        expect(text).toContain(exhibit.file);
        expect(text).toContain(bytesText(exhibit.size));
        // The full hash, unbroken, on one line.
        expect(text).toMatch(new RegExp(`(^|\\s)${exhibit.sha256}(\\s|$)`, 'm'));
      }
      expect(text).toContain('ZLO/1 is ZLO_1 in file names');
      // Cameras and their period in true time, with the recorder's clock offset in words and seconds.
      for (const camera of ['Till', 'Front door', 'Stock room']) expect(text).toContain(camera);
      expect(text).toContain('Fri 3 Jul 2026, 13:56:48 BST to 14:11:48 BST');
      expect(text).toContain('UTC 2026-07-03T12:56:48Z to 2026-07-03T13:11:48Z');
      expect(text).toContain("The recorder's clock is 3 min 12 s fast. Offset +192 s");
      expect(text).toContain('Fri 3 Jul 2026, 16:05:00 BST (2026-07-03T15:05:00Z)');
      expect(text).toMatch(/Producer kept a copy:\s+\[X\] yes\s+\[ \] no/);
      for (const value of [SAMPLE_OFFICER.name, SAMPLE_OFFICER.rank, SAMPLE_OFFICER.badgeNumber, SAMPLE_OFFICER.force, SAMPLE_OFFICER.station]) expect(text).toContain(value);
      for (const label of ['Rank:', 'Collar/badge no.:', 'Force/agency:', 'Station:', 'Signature:', 'Date:']) expect(text).toContain(label);
      expect(text).toContain(`QR code: SHA-256 of ${zip.name}`);
    }
  });

  it('leaves lines and boxes to fill in by hand when the stick, time, copy and officer are not known', () => {
    const text = blank.pages.join('\n');
    expect(text).not.toContain(SAMPLE_OFFICER.name);
    expect(text).not.toContain(SAMPLE_STICK.serial);
    expect(text).toMatch(/Producer kept a copy:\s+\[ \] yes\s+\[ \] no/);
    for (const label of ['Make and model:', 'Serial number:', 'Date and time:', 'Collar/badge no.:']) expect(text).toContain(label);
    expect(text).toContain(blank.input.zip.sha256);
    expect(text).toContain("Zoë Łukasz-O'Brien");
  });

  it('prints the officer fields that are known and leaves lines for the rest', async () => {
    const input = { ...sampleReceiptInput(), officer: { ...SAMPLE_OFFICER, rank: null, badgeNumber: null, station: null } };
    const text = (await render(input, 'receipt-officer.pdf')).pages.join('\n');
    expect(text).toMatch(/Name:\s+Priya Ramanathan/);
    expect(text).toMatch(/Force\/agency:\s+West Yorkshire Police/);
    expect(text).not.toContain(SAMPLE_OFFICER.rank!);
    expect(text).not.toContain(SAMPLE_OFFICER.station!);
    expect(text).toMatch(/Collar\/badge no\.:\s*\n/);
  });

  it('says "none given" when there is no crime reference', async () => {
    const input = sampleReceiptInput();
    const rendered = await render({ ...input, manifest: { ...input.manifest, case: { ...input.manifest.case, reference: null } } }, 'receipt-noref.pdf');
    expect(rendered.pages.join('\n')).toMatch(/Crime reference:\s+none given/);
  });

  it('runs many exhibits over more pages, repeating the table header, with every hash in each copy', () => {
    expect(many.pageCount).toBeGreaterThan(full.pageCount);
    const { manifest } = many.input;
    expect(manifest.exhibits.length).toBeGreaterThanOrEqual(25);
    for (const text of Object.values(copies(many))) {
      for (const exhibit of manifest.exhibits) {
        expect(text).toContain(exhibit.sha256);
        expect(text).toContain(exhibit.id);
      }
      expect(text).toContain('(part 1 of 2)');
    }
    const withRows = many.pages.filter((page) => manifest.exhibits.some((exhibit) => page.includes(exhibit.sha256)));
    expect(withRows.length).toBeGreaterThan(2);
    for (const page of withRows) expect(page).toContain('Description, file in evidence.zip, SHA-256');
  });

  it('keeps every word on the page, clear of the edges', () => {
    for (const rendered of [full, blank, many]) expect(wordsOffPage(rendered.file)).toEqual([]);
  });

  it('renders page 1 to a PNG for a look', () => {
    const { width, height, bytes } = renderFirstPagePng(full.file);
    // A4 at 50 dpi is 413 × 585 pixels; a page of text and a QR code is well over a few kilobytes.
    expect(width).toBeGreaterThanOrEqual(412);
    expect(width).toBeLessThanOrEqual(414);
    expect(height).toBeGreaterThanOrEqual(584);
    expect(height).toBeLessThanOrEqual(586);
    expect(bytes).toBeGreaterThan(10_000);
  });

  it('prints the QR code of the zip hash: the modules on the rendered page are the ones qrcode made for that text', () => {
    const expected = qrMatrix(receiptQrText({ zipSha256: full.input.zip.sha256, zipName: full.input.zip.name, bundleName: full.input.bundleName }));
    const dpi = 288;
    const px = dpi / 72;
    const { width, pixels } = renderGrey(full.file, { page: 1, dpi });
    const dark = (x: number, y: number) => pixels[Math.round(y) * width + Math.round(x)]! < 128;
    // The code is 96 pt square against the right margin (595.28 - 45 - 96 = 454.28 pt from the left). Its top is the
    // first row where the top-left finder pattern shows: seven dark modules, then a light one.
    const modulePx = (96 / expected.length) * px;
    const left = 454.28 * px;
    const finderRow = (y: number) => [0, 1, 2, 3, 4, 5, 6].every((c) => dark(left + (c + 0.5) * modulePx, y)) && !dark(left + 7.5 * modulePx, y);
    let top = -1;
    for (let y = Math.floor(100 * px); y < pixels.length / width - 1 && top < 0; y += 1) if (finderRow(y)) top = y;
    expect(top).toBeGreaterThan(0);
    const printed = expected.map((row, r) => row.map((_, c) => dark(left + (c + 0.5) * modulePx, top + (r + 0.5) * modulePx)));
    expect(printed).toEqual(expected);
  });

  it('writes the receipt into the PDF as text a reader can search (not as pictures)', () => {
    expect(flat(full.pages[0]!)).toContain('RECEIPT FOR CCTV EVIDENCE ON A USB STICK');
  });
});
