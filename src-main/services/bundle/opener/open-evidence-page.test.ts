import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../errors';
import {
  OPEN_EVIDENCE_CSP,
  openEvidenceTemplateCandidates,
  renderOpenEvidencePage,
  resolveOpenEvidenceTemplateFolder,
  type OpenEvidencePageOptions,
} from './open-evidence-page';

const ZIP_SHA256 = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';

function options(overrides: Partial<OpenEvidencePageOptions> = {}): OpenEvidencePageOptions {
  return {
    zipSha256: ZIP_SHA256,
    bundleName: 'HANDOVER_44-12345-26_20260114-0930',
    caseReference: '44/12345/26',
    producerOrganisation: 'Corner Shop Ltd',
    certificateFingerprint: '3A:7F:00:11',
    ...overrides,
  };
}

/** The parsed content of the embedded `<script type="application/json" id="evidence-data">` block. */
function embeddedData(html: string): Record<string, unknown> {
  const match = /<script type="application\/json" id="evidence-data">([^<]*)<\/script>/.exec(html);
  if (match === null) throw new Error('no data block');
  return JSON.parse(match[1]!) as Record<string, unknown>;
}

/** The HTML with every script's and style's content taken out: what a browser parses as markup. */
function markupOnly(html: string): string {
  return html.replace(/(<script\b[^>]*>)[\s\S]*?(<\/script>)/gi, '$1$2').replace(/(<style\b[^>]*>)[\s\S]*?(<\/style>)/gi, '$1$2');
}

function failure(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected it to throw');
}

describe('renderOpenEvidencePage', () => {
  it('embeds the expected zip hash (lower-case), the bundle name, case reference, producer and certificate fingerprint', () => {
    const html = renderOpenEvidencePage(options({ zipSha256: ZIP_SHA256.toUpperCase() }));
    expect(embeddedData(html)).toEqual({
      zipSha256: ZIP_SHA256,
      bundleName: 'HANDOVER_44-12345-26_20260114-0930',
      caseReference: '44/12345/26',
      producerOrganisation: 'Corner Shop Ltd',
      certificateFingerprint: '3A:7F:00:11',
    });
    expect(html).toContain(ZIP_SHA256);
    expect(embeddedData(renderOpenEvidencePage(options({ caseReference: null }))).caseReference).toBeNull();
  });

  it('is one self-contained file: no external script, stylesheet, image, frame or link to the network', () => {
    const html = renderOpenEvidencePage(options());
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<script\b[^>]*\bsrc\s*=/i);
    expect(html).not.toMatch(/<link\b/i);
    const markup = markupOnly(html);
    expect(markup).not.toMatch(/\b(?:src|href|action|poster|data)\s*=/i);
    expect(markup).not.toMatch(/<(?:iframe|img|object|embed|base|form)\b/i);
    // No inline event handlers: the page script attaches its listeners itself.
    expect(markup).not.toMatch(/<[^>]+\son[a-z]+\s*=/i);
    // The vendor scripts and the page's own are inlined.
    expect(html).toContain('hash-wasm');
    expect(html).toContain('ZipReader');
    expect(html).toContain('showDirectoryPicker');
    expect((markup.match(/<script\b/gi) ?? []).length).toBe(4);
  });

  it('carries a CSP allowing only inline script and style, WASM, and data:/blob:, with no network', () => {
    const html = renderOpenEvidencePage(options());
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1];
    expect(csp).toBe(OPEN_EVIDENCE_CSP);
    const directives = new Map(OPEN_EVIDENCE_CSP.split('; ').map((directive) => [directive.split(' ')[0], directive.split(' ').slice(1).join(' ')]));
    expect(directives.get('default-src')).toBe("'none'");
    expect(directives.get('script-src')).toBe("'unsafe-inline' 'wasm-unsafe-eval'");
    expect(directives.get('style-src')).toBe("'unsafe-inline'");
    expect(directives.get('img-src')).toBe('data: blob:');
    expect(directives.get('connect-src')).toBe('data:');
    expect(OPEN_EVIDENCE_CSP).not.toMatch(/https?:|\*|'self'/);
  });

  it('keeps a case reference containing </script>, comments or $-patterns inside the data block', () => {
    const hostile = '</script><script>alert(1)</script><!-- <script> $& $1 $` \u2028 & "quoted" \\ end';
    const html = renderOpenEvidencePage(options({ caseReference: hostile, bundleName: 'HANDOVER_</SCRIPT>_x', producerOrganisation: '<b>Shop</b> & Co' }));
    const clean = renderOpenEvidencePage(options());
    // The same elements as a page with harmless values: nothing was opened or closed early.
    expect((html.match(/<script\b/gi) ?? []).length).toBe((clean.match(/<script\b/gi) ?? []).length);
    expect((html.match(/<\/script>/gi) ?? []).length).toBe((clean.match(/<\/script>/gi) ?? []).length);
    expect(html).not.toContain('alert(1)</script>');
    const data = embeddedData(html);
    expect(data.caseReference).toBe(hostile);
    expect(data.bundleName).toBe('HANDOVER_</SCRIPT>_x');
    expect(data.producerOrganisation).toBe('<b>Shop</b> & Co');
    // Only the data block differs.
    const dataBlock = (page: string) => /<script type="application\/json" id="evidence-data">[^<]*<\/script>/.exec(page)![0];
    expect(html.replace(dataBlock(html), '')).toBe(clean.replace(dataBlock(clean), ''));
  });

  it('is the same, byte for byte, for the same options (the verifier re-renders it to compare)', () => {
    expect(renderOpenEvidencePage(options())).toBe(renderOpenEvidencePage(options()));
  });

  it('refuses a zip hash that is not 64 hex digits, and an empty bundle name', () => {
    for (const zipSha256 of ['', 'abc', `${ZIP_SHA256}0`, ZIP_SHA256.replace('9', 'g'), `${ZIP_SHA256.slice(0, 63)}"`]) {
      const error = failure(() => renderOpenEvidencePage(options({ zipSha256 })));
      expect(isAppError(error) && error.code === 'invalid_input', zipSha256).toBe(true);
    }
    const error = failure(() => renderOpenEvidencePage(options({ bundleName: '  ' })));
    expect(isAppError(error) && error.code === 'invalid_input').toBe(true);
  });

  it('is a reasonable size for a USB stick page (vendor scripts included)', () => {
    const bytes = Buffer.byteLength(renderOpenEvidencePage(options()));
    expect(bytes).toBeGreaterThan(100_000);
    expect(bytes).toBeLessThan(600_000);
  });
});

describe('finding resources/open-evidence', () => {
  it('walks up from the module, as from dist/main once bundled, and tries the packaged app first', () => {
    const candidates = openEvidenceTemplateCandidates({ resourcesPath: '/opt/Handover/resources', searchFrom: '/opt/Handover/resources/app.asar/dist/main' });
    expect(candidates[0]).toBe(path.join('/opt/Handover/resources/app.asar', 'resources', 'open-evidence'));
    expect(candidates).toContain(path.join('/opt/Handover/resources/app.asar/dist/main', 'resources', 'open-evidence'));
    expect(candidates.at(-1)).toBe(path.join('/', 'resources', 'open-evidence'));
    expect(new Set(candidates).size).toBe(candidates.length);
  });

  it('finds the folder holding all three template files from a built layout', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'handover-opener-'));
    try {
      const folder = path.join(root, 'resources', 'open-evidence');
      fs.mkdirSync(folder, { recursive: true });
      fs.mkdirSync(path.join(root, 'dist', 'main'), { recursive: true });
      for (const name of ['template.html', 'page.js', 'page.css']) fs.writeFileSync(path.join(folder, name), '');
      expect(resolveOpenEvidenceTemplateFolder({ searchFrom: path.join(root, 'dist', 'main') })).toBe(folder);
      fs.rmSync(path.join(folder, 'page.css'));
      const error = failure(() => resolveOpenEvidenceTemplateFolder({ searchFrom: path.join(root, 'dist', 'main'), isFile: (file) => file.startsWith(root) && fs.existsSync(file) }));
      expect(isAppError(error) && error.code === 'missing_tool').toBe(true);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
