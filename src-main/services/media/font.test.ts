import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledFontCandidates, DEMO_FONT_FILE_NAME, resolveBundledFont } from './font';

const REPO_ROOT = path.resolve(__dirname, '../../..');

describe('resolveBundledFont', () => {
  it('finds the font in resources/fonts when running from source', () => {
    const found = resolveBundledFont();
    expect(found).toBe(path.join(REPO_ROOT, 'resources', 'fonts', DEMO_FONT_FILE_NAME));
    expect(fs.statSync(found).size).toBeGreaterThan(100_000);
  });

  it('ships the licence beside the font', () => {
    expect(fs.readFileSync(path.join(REPO_ROOT, 'resources', 'fonts', 'DejaVuSansMono-LICENSE.txt'), 'utf8')).toContain('Bitstream Vera Fonts Copyright');
  });

  it('in a packaged app, looks in app.asar.unpacked first and never inside app.asar', () => {
    const resourcesPath = path.join(path.sep, 'opt', 'Handover', 'resources');
    const candidates = bundledFontCandidates({ resourcesPath, searchFrom: path.join(resourcesPath, 'app.asar', 'dist', 'main') });
    const unpacked = path.join(resourcesPath, 'app.asar.unpacked', 'resources', 'fonts', DEMO_FONT_FILE_NAME);
    expect(candidates[0]).toBe(unpacked);
    expect(candidates.filter((candidate) => candidate.includes(`${path.sep}app.asar${path.sep}`))).toEqual([]);
    expect(resolveBundledFont({ resourcesPath, searchFrom: '/nowhere', isFile: (candidate) => candidate === unpacked })).toBe(unpacked);
  });

  it('says plainly when the font is missing', () => {
    expect(() => resolveBundledFont({ searchFrom: '/nowhere', resourcesPath: '/also-nowhere', isFile: () => false })).toThrow(
      /could not find its font file DejaVuSansMono\.ttf .*Reinstall Handover/,
    );
  });
});
