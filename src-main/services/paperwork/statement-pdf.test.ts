import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Jurisdiction } from '../../../src-shared/domain/receipt';
import { manyExhibitsManifest, sampleStatementInput } from './paper-sample.fixture';
import { flat, pdfPageCount, pdfPagesText, popplerMissing, removeTempPdfs, renderFirstPagePng, tempPdf, wordsOffPage } from './pdf-tools.fixture';
import type { StatementPdfInput } from './paper-types';
import { renderStatementPdf } from './statement-pdf';
import { GENERIC_DECLARATION, UK_RULES_LINE, US_DECLARATION, VIDEO_WITNESS_STATEMENT_NOTE, ukTruthDeclaration } from './statement-text';

afterAll(removeTempPdfs);

const missing = popplerMissing();
if (missing) console.warn(`Skipping the statement PDF tests: ${missing}.`);

interface Rendered {
  input: StatementPdfInput;
  file: string;
  pages: string[];
  text: string;
  pageCount: number;
}

async function render(input: StatementPdfInput, name: string): Promise<Rendered> {
  const file = tempPdf(await renderStatementPdf(input), name);
  const pages = pdfPagesText(file);
  return { input, file, pages, text: pages.join('\n'), pageCount: pdfPageCount(file) };
}

describe.skipIf(missing !== null)('renderStatementPdf', () => {
  const rendered = {} as Record<Jurisdiction | 'many', Rendered>;
  beforeAll(async () => {
    for (const jurisdiction of ['uk', 'us', 'generic'] as const) rendered[jurisdiction] = await render(sampleStatementInput(jurisdiction), `statement-${jurisdiction}.pdf`);
    rendered.many = await render(sampleStatementInput('uk', { manifest: manyExhibitsManifest(30) }), 'statement-many.pdf');
  }, 60_000);

  it('lays out the MG11: header, URN, age, occupation, the s.9 declaration with the true page count, a signature on every page', () => {
    const { text, pages, pageCount, input } = rendered.uk;
    expect(pageCount).toBe(pages.length);
    expect(text).toContain('WITNESS STATEMENT');
    expect(flat(text)).toContain(UK_RULES_LINE);
    expect(text).toMatch(/URN:\s+44\/12345\/26/);
    expect(text).toMatch(/Statement of:\s+Zoë Łukasz-O'Brien/);
    expect(text).toMatch(/Age if under 18:\s+over 18/);
    expect(text).toMatch(new RegExp(`Occupation:\\s+${input.details.role}`));
    expect(flat(pages[0]!)).toContain(ukTruthDeclaration(pageCount));
    pages.forEach((page, index) => {
      expect(page).toMatch(/Signature:/);
      expect(page).toContain(`Page ${index + 1} of ${pageCount}`);
      if (index > 0) expect(page).toContain("Continuation of statement of Zoë Łukasz-O'Brien");
    });
    expect(flat(text)).toContain(VIDEO_WITNESS_STATEMENT_NOTE);
  });

  it('states the facts: who, the system, the clock, what was exported and how, every exhibit and hash, the bundle', () => {
    for (const jurisdiction of ['uk', 'us', 'generic'] as const) {
      const { text, input } = rendered[jurisdiction];
      const words = flat(text);
      expect(words).toContain("My name is Zoë Łukasz-O'Brien. I am the store manager of Zoë’s Corner Shop Ltd.");
      expect(words).toContain('The CCTV recorder is a Dahua NVR4108HS-4KS2, serial number NVR-7H0A2B3C4D5E.');
      expect(words).toContain('comes from 3 cameras: Till, Front door, Stock room.');
      expect(words).toContain('The recorder is set to the time zone Europe/London.');
      expect(words).toContain("The recorder's clock is 3 min 12 s fast. Offset +192 s (recorder clock minus true time).");
      expect(words).toContain('speaking clock (dialling 123)');
      expect(words).toContain('Till: Fri 3 Jul 2026, 14:01:50 BST to 14:03:20 BST true time (UTC 2026-07-03T13:01:50Z to 2026-07-03T13:03:20Z)');
      expect(words).toContain("the recorder's clock showed 2026-07-03 14:05:02 to 14:06:32 (Europe/London)");
      expect(words).toContain('Handover (version 0.1.0)');
      expect(words).toContain('re-encoded as H.264 video');
      expect(words).toContain('in the recorder\'s own format (DAV)');
      for (const exhibit of input.manifest.exhibits) {
        expect(text).toMatch(new RegExp(`(^|\\s)${exhibit.sha256}(\\s|$)`, 'm'));
        expect(text).toContain(exhibit.file);
        expect(text).toContain(`${exhibit.size.toLocaleString('en-GB')} bytes`);
      }
      expect(words).toContain('The masters ZLO/1 to ZLO/3 are byte-for-byte copies of the original recordings.');
      expect(words).toContain('Deinterlaced (ffmpeg yadif, one frame per frame)');
      expect(text).toContain(input.zip.sha256);
      expect(text).toContain(input.manifest.producer.certificateFingerprintSha256);
      expect(text).toContain(input.bundleName);
      // The appendix: the exact command lines, in mono.
      expect(words).toContain('Appendix: how the working copies and stills were made');
      expect(words).toContain('-c:v libx264 -preset medium -crf 18');
    }
  });

  it('writes a US declaration under 28 U.S.C. § 1746 with numbered paragraphs', () => {
    const { text } = rendered.us;
    const words = flat(text);
    expect(text).toContain('DECLARATION OF CUSTODIAN OF RECORDS');
    expect(words).toContain('28 U.S.C. § 1746');
    expect(words).toContain(US_DECLARATION);
    expect(words).toContain("I, Zoë Łukasz-O'Brien, declare as follows:");
    expect(words).toContain("1. My name is Zoë Łukasz-O'Brien.");
    expect(words).toContain('described in this declaration');
    expect(text).toMatch(/Executed on \(date\):/);
    expect(text).not.toContain('WITNESS STATEMENT');
    expect(words).not.toContain('Video Witness Statement');
  });

  it('writes a plain statement of the producer for anywhere else', () => {
    const words = flat(rendered.generic.text);
    expect(words).toContain('STATEMENT OF PRODUCER');
    expect(words).toContain(GENERIC_DECLARATION);
    expect(words).not.toContain('penalty of perjury');
    expect(words).not.toContain('Criminal Justice Act');
  });

  it('runs many exhibits over more pages and still lists every hash, with the page count right in the declaration', () => {
    const { text, pageCount, pages, input } = rendered.many;
    expect(pageCount).toBeGreaterThan(rendered.uk.pageCount);
    for (const exhibit of input.manifest.exhibits) expect(text).toContain(exhibit.sha256);
    expect(flat(pages[0]!)).toContain(ukTruthDeclaration(pageCount));
    // The split working copy is one clip, so one period.
    expect(flat(text)).toContain('Till: Fri 3 Jul 2026, 13:00:00 BST to 14:20:00 BST true time');
  });

  it('keeps every word on the page, clear of the edges', () => {
    for (const key of ['uk', 'us', 'generic', 'many'] as const) expect(wordsOffPage(rendered[key].file)).toEqual([]);
  });

  it('renders page 1 to a PNG for a look', () => {
    const { width, height, bytes } = renderFirstPagePng(rendered.uk.file);
    expect(Math.abs(width - 413)).toBeLessThanOrEqual(1);
    expect(Math.abs(height - 585)).toBeLessThanOrEqual(1);
    expect(bytes).toBeGreaterThan(10_000);
  });
});
