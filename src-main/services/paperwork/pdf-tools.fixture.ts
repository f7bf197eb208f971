/** Tests only: poppler-utils (pdftotext, pdfinfo, pdftoppm) on a PDF in memory. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Why the poppler-based tests cannot run here, or null when they can. */
export function popplerMissing(): string | null {
  for (const tool of ['pdftotext', 'pdfinfo', 'pdftoppm']) {
    const result = spawnSync(tool, ['-v'], { encoding: 'utf8' });
    if (result.error) return `${tool} is not installed (apt-get install poppler-utils)`;
  }
  return null;
}

const tempDirs: string[] = [];

/** Writes the PDF into a fresh temporary folder (removed by removeTempPdfs) and returns its path. */
export function tempPdf(bytes: Uint8Array, name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'handover-paperwork-'));
  tempDirs.push(dir);
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
}

export function removeTempPdfs(): void {
  for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

function run(tool: string, args: string[]): string {
  const result = spawnSync(tool, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`${tool} ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
}

/** `pdftotext -layout`, one string per page. */
export function pdfPagesText(file: string): string[] {
  const pages = run('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-']).split('\f');
  return pages.at(-1)?.trim() === '' ? pages.slice(0, -1) : pages;
}

/** Runs of white space made one space: for sentences that the layout wrapped over lines. */
export const flat = (text: string): string => text.replace(/\s+/g, ' ');

/** Number and the PDF's own page count from pdfinfo. */
export function pdfPageCount(file: string): number {
  const match = /^Pages:\s+(\d+)$/m.exec(run('pdfinfo', [file]));
  if (!match) throw new Error('pdfinfo gave no page count');
  return Number(match[1]);
}

export interface WordBox {
  page: number;
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
  pageWidth: number;
  pageHeight: number;
}

/** Every word with its box in points from the top-left corner, from `pdftotext -bbox`. */
export function wordBoxes(file: string): WordBox[] {
  const html = run('pdftotext', ['-bbox', '-enc', 'UTF-8', file, '-']);
  const words: WordBox[] = [];
  let page = 0;
  let pageWidth = 0;
  let pageHeight = 0;
  for (const line of html.split('\n')) {
    const pageMatch = /<page width="([\d.]+)" height="([\d.]+)">/.exec(line);
    if (pageMatch) {
      page += 1;
      pageWidth = Number(pageMatch[1]);
      pageHeight = Number(pageMatch[2]);
      continue;
    }
    const word = /<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">(.*)<\/word>/.exec(line);
    if (word) words.push({ page, text: word[5]!, xMin: Number(word[1]), yMin: Number(word[2]), xMax: Number(word[3]), yMax: Number(word[4]), pageWidth, pageHeight });
  }
  return words;
}

/** Words closer than `margin` points to a page edge, or past it. */
export function wordsOffPage(file: string, margin = 20): WordBox[] {
  return wordBoxes(file).filter(
    (word) => word.xMin < margin || word.yMin < margin || word.xMax > word.pageWidth - margin || word.yMax > word.pageHeight - margin,
  );
}

/** Renders page 1 to PNG with pdftoppm; returns the PNG's path, width and height (from its IHDR). */
export function renderFirstPagePng(file: string, dpi = 50): { png: string; width: number; height: number; bytes: number } {
  const prefix = file.replace(/\.pdf$/, '');
  run('pdftoppm', ['-png', '-r', String(dpi), '-f', '1', '-l', '1', '-singlefile', file, prefix]);
  const png = `${prefix}.png`;
  const data = fs.readFileSync(png);
  if (data.subarray(1, 4).toString('latin1') !== 'PNG') throw new Error(`${png} is not a PNG`);
  return { png, width: data.readUInt32BE(16), height: data.readUInt32BE(20), bytes: data.length };
}

/** One page rendered in grey (`pdftoppm -gray`, binary PGM): width, height and one byte per pixel, 0 black. */
export function renderGrey(file: string, options: { page: number; dpi: number }): { width: number; height: number; pixels: Buffer } {
  const prefix = `${file.replace(/\.pdf$/, '')}-grey-${options.page}`;
  run('pdftoppm', ['-gray', '-r', String(options.dpi), '-f', String(options.page), '-l', String(options.page), '-singlefile', file, prefix]);
  const data = fs.readFileSync(`${prefix}.pgm`);
  // "P5\n<width> <height>\n<max>\n" then the pixels.
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(data.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error('pdftoppm did not write a binary PGM');
  const width = Number(header[1]);
  const height = Number(header[2]);
  return { width, height, pixels: data.subarray(header[0].length, header[0].length + width * height) };
}
