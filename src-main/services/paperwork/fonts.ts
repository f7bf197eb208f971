/**
 * The PDFs' fonts: DejaVu Sans (regular and bold) for words in any European script, DejaVu Sans Mono for hashes and
 * command lines, all shipped in `resources/fonts` and found the way ffmpeg's caption font is (`media/font.ts`).
 */
import fs from 'node:fs';
import fontkit from '@pdf-lib/fontkit';
import type { PDFDocument, PDFFont } from 'pdf-lib';
import { resolveBundledFont, type ResolveBundledFontOptions } from '../media/font';

export const PAPER_FONT_FILES = {
  regular: 'DejaVuSans.ttf',
  bold: 'DejaVuSans-Bold.ttf',
  mono: 'DejaVuSansMono.ttf',
} as const;
export type PaperFontName = keyof typeof PAPER_FONT_FILES;
export type PaperFonts = Record<PaperFontName, PDFFont>;

const bytesByPath = new Map<string, Uint8Array>();

/** The font file's bytes, read once per process (the files never change while the app runs). */
export function paperFontBytes(name: PaperFontName, options: Omit<ResolveBundledFontOptions, 'fileName'> = {}): Uint8Array {
  const file = resolveBundledFont({ ...options, fileName: PAPER_FONT_FILES[name] });
  let bytes = bytesByPath.get(file);
  if (!bytes) {
    bytes = new Uint8Array(fs.readFileSync(file));
    bytesByPath.set(file, bytes);
  }
  return bytes;
}

/**
 * Embeds the three fonts, subset to the glyphs used. Ligatures are off: "fi" must come out of pdftotext and a
 * copy-paste as two letters, and a hash or file name must never change shape.
 */
export async function embedPaperFonts(doc: PDFDocument): Promise<PaperFonts> {
  doc.registerFontkit(fontkit);
  const features = { liga: false, clig: false, dlig: false, rlig: false };
  const embed = (name: PaperFontName) => doc.embedFont(paperFontBytes(name), { subset: true, features });
  const [regular, bold, mono] = await Promise.all([embed('regular'), embed('bold'), embed('mono')]);
  return { regular, bold, mono };
}
