import fs from 'node:fs';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { embedPaperFonts, PAPER_FONT_FILES, paperFontBytes } from './fonts';

const REPO_ROOT = path.resolve(__dirname, '../../..');

describe('paper fonts', () => {
  it('finds the three bundled TrueType fonts in resources/fonts', () => {
    for (const name of ['regular', 'bold', 'mono'] as const) {
      const bytes = paperFontBytes(name);
      expect(bytes.byteLength).toBeGreaterThan(300_000);
      // TrueType files start with the version 1.0 tag.
      expect(Buffer.from(bytes.subarray(0, 4)).toString('hex')).toBe('00010000');
    }
  });

  it('says plainly when a font is missing', () => {
    expect(() => paperFontBytes('bold', { searchFrom: '/nowhere', resourcesPath: '/also-nowhere', isFile: () => false })).toThrow(
      /could not find its font file DejaVuSans-Bold\.ttf .*Reinstall Handover/,
    );
  });

  it('has the characters of names and legal text outside ASCII', async () => {
    const doc = await PDFDocument.create();
    const fonts = await embedPaperFonts(doc);
    for (const font of [fonts.regular, fonts.bold]) {
      const characters = new Set(font.getCharacterSet());
      for (const character of "Zoë Łukasz-O'Brien’s § × — … Ñ ç ø ß ő Ș Ά Ж".replace(/\s/g, '')) expect(characters.has(character.codePointAt(0)!)).toBe(true);
    }
    const mono = new Set(fonts.mono.getCharacterSet());
    for (const character of '0123456789abcdefABCDEF:"\'\\') expect(mono.has(character.codePointAt(0)!)).toBe(true);
  });

  it('ships the licence, which names every font the PDFs use', () => {
    const licence = fs.readFileSync(path.join(REPO_ROOT, 'resources', 'fonts', 'DejaVuSansMono-LICENSE.txt'), 'utf8');
    for (const file of Object.values(PAPER_FONT_FILES)) expect(licence).toContain(file);
    expect(licence).toContain('DejaVu Sans Bold');
    expect(licence).toContain('Bitstream Vera Fonts Copyright');
  });
});
