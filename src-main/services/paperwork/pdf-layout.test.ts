import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embedPaperFonts, type PaperFonts } from './fonts';
import { FlowWriter, type PageInfo } from './pdf-layout';
import { pdfPagesText, popplerMissing, removeTempPdfs, tempPdf, wordsOffPage } from './pdf-tools.fixture';

afterAll(removeTempPdfs);

const missing = popplerMissing();
if (missing) console.warn(`Skipping the pdftotext checks of the layout: ${missing}.`);

async function writer(): Promise<{ doc: PDFDocument; fonts: PaperFonts; writer: FlowWriter }> {
  const doc = await PDFDocument.create();
  const fonts = await embedPaperFonts(doc);
  return { doc, fonts, writer: new FlowWriter(doc, fonts) };
}

describe('FlowWriter.wrap', () => {
  let w: FlowWriter;
  beforeAll(async () => {
    w = (await writer()).writer;
  });

  it('breaks at spaces and never makes a line wider than asked', () => {
    const text = 'I have access to the CCTV recording system at Zoë’s Corner Shop Ltd, and I made the copies of its footage described in this statement.';
    for (const width of [80, 150, 300]) {
      const lines = w.wrap(text, { size: 10 }, width);
      expect(lines.join(' ')).toBe(text);
      for (const line of lines) expect(w.measure(line, { size: 10 })).toBeLessThanOrEqual(width);
    }
  });

  it('breaks a word too long for the line, after a "/" or "_" where there is one near the end', () => {
    const hash = 'a2a5f408de542d9882b76fb22142c2197536232c7edcb298f999dd0d436cd8bc';
    const lines = w.wrap(hash, { font: 'mono', size: 8 }, 100);
    expect(lines.join('')).toBe(hash);
    for (const line of lines) expect(w.measure(line, { font: 'mono', size: 8 })).toBeLessThanOrEqual(100);
    const pathLines = w.wrap('working-copies/ZLO_4_01-Till-140150.mp4', { size: 9 }, 90);
    expect(pathLines[0]).toBe('working-copies/');
    expect(pathLines.join('')).toBe('working-copies/ZLO_4_01-Till-140150.mp4');
  });

  it('keeps no-break spaces together and keeps new lines', () => {
    expect(w.wrap('one two\u00a0three', { size: 10 }, w.measure('two three', { size: 10 }) + 1)).toEqual(['one', 'two\u00a0three']);
    expect(w.wrap('first\nsecond\n\nfourth', { size: 10 }, 500)).toEqual(['first', 'second', '', 'fourth']);
  });

  it('measures a no-break space as a space, and tabs as spaces', () => {
    expect(w.measure('12\u00a0MB', { size: 10 })).toBeCloseTo(w.measure('12 MB', { size: 10 }), 6);
    expect(w.measure('a\tb', { size: 10 })).toBeCloseTo(w.measure('a b', { size: 10 }), 6);
  });
});

describe('FlowWriter pages', () => {
  it('breaks pages before running into the bottom margin, and numbers pages within each section', async () => {
    const { doc, writer: w } = await writer();
    w.startSection('FIRST');
    const lowest: number[] = [];
    for (let index = 0; index < 140; index += 1) {
      w.paragraph(`Line ${index} of a long text that runs over more than one page.`, { after: 0 });
      lowest.push(w.y);
    }
    w.startSection('SECOND');
    w.paragraph('A section of its own.');
    const seen: Omit<PageInfo, 'page'>[] = [];
    w.finish(({ number, count, section }) => seen.push({ number, count, section }));
    expect(Math.min(...lowest)).toBeGreaterThanOrEqual(w.bottom - 14);
    expect(doc.getPageCount()).toBe(seen.length);
    const first = seen.filter((info) => info.section === 'FIRST');
    expect(first.length).toBeGreaterThan(1);
    expect(first.map((info) => info.number)).toEqual(first.map((_, index) => index + 1));
    expect(first.every((info) => info.count === first.length)).toBe(true);
    expect(seen.at(-1)).toEqual({ number: 1, count: 1, section: 'SECOND' });
  });

  it.skipIf(missing !== null)('repeats a table’s header on every page it runs onto and keeps every word on the page', async () => {
    const { doc, writer: w } = await writer();
    w.newPage();
    w.heading('Exhibits');
    const rows = Array.from({ length: 70 }, (_, index) => [
      [{ text: `ZLO/${index + 1}`, font: 'bold' as const }],
      [{ text: `A description long enough to wrap onto a second line inside its narrow column, number ${index + 1}.`, size: 8 }],
      [{ text: `${(index + 1) * 1000} bytes` }],
    ]);
    w.table(
      [
        { header: 'Exhibit', width: 60 },
        { header: 'Description of the exhibit', width: 300 },
        { header: 'Size', width: 100, align: 'right' },
      ],
      rows,
    );
    w.fields([{ label: 'Signature:', value: null }]);
    const file = tempPdf(await doc.save(), 'table.pdf');
    const pages = pdfPagesText(file);
    expect(pages.length).toBeGreaterThan(2);
    for (const page of pages) expect(page).toContain('Description of the exhibit');
    const text = pages.join('\n');
    for (let index = 1; index <= 70; index += 1) expect(text).toMatch(new RegExp(`ZLO/${index}\\s`));
    expect(wordsOffPage(file, 30)).toEqual([]);
  });
});
