/**
 * Finds a font shipped in `resources/fonts/`: for drawtext, and (by `fileName`) for the paperwork PDFs. ffmpeg is a
 * separate program, so it needs a real file on disk: in a packaged app that means the copy electron-builder unpacks
 * beside `app.asar`, never the one inside it.
 */
import path from 'node:path';
import { AppError } from '../errors';
import { toUnpackedAsarPath } from './binaries';
import { electronResourcesPath, isExistingFile, selfAndAncestors } from '../resource-paths';

/** The monospace font burnt into demo footage; monospace keeps a ticking clock from jittering sideways. */
export const DEMO_FONT_FILE_NAME = 'DejaVuSansMono.ttf';

const FONT_FOLDER = ['resources', 'fonts'] as const;

export interface ResolveBundledFontOptions {
  fileName?: string;
  /** Electron's `process.resourcesPath` in a packaged app; unset when running from source. */
  resourcesPath?: string;
  /** Where to start looking upwards for `resources/fonts` (the repo root from source, the app root once built). */
  searchFrom?: string;
  isFile?: (candidate: string) => boolean;
}

/** Every place the font may be, in the order they are tried. */
export function bundledFontCandidates(options: ResolveBundledFontOptions = {}): string[] {
  const fileName = options.fileName ?? DEMO_FONT_FILE_NAME;
  const resourcesPath = options.resourcesPath ?? electronResourcesPath();
  const candidates: string[] = [];
  if (resourcesPath !== undefined) candidates.push(path.join(resourcesPath, 'app.asar.unpacked', ...FONT_FOLDER, fileName));
  // Walking up works from src-main/services/media (tsx, tests) and from dist/main (the bundled app) alike; inside a
  // packaged app the paths point into app.asar, so they are mapped to the unpacked copy.
  for (const folder of selfAndAncestors(options.searchFrom ?? __dirname)) {
    candidates.push(toUnpackedAsarPath(path.join(folder, ...FONT_FOLDER, fileName)));
  }
  return [...new Set(candidates)];
}

/** The full path of a bundled font, or a plain-language error saying Handover's files are incomplete. */
export function resolveBundledFont(options: ResolveBundledFontOptions = {}): string {
  const isFile = options.isFile ?? isExistingFile;
  const candidates = bundledFontCandidates(options);
  const found = candidates.find((candidate) => isFile(candidate));
  if (found !== undefined) return found;
  const fileName = options.fileName ?? DEMO_FONT_FILE_NAME;
  throw new AppError(
    'missing_tool',
    `Handover could not find its font file ${fileName} (looked in ${candidates.length} places, first ${candidates[0] ?? 'none'}). Reinstall Handover.`,
  );
}
