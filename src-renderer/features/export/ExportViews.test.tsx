import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { ExportEstimate, ExportSummary } from '../../../src-shared/domain/export';
import { ExportEstimateView } from './ExportEstimateView';
import { ExportOptionsForm } from './ExportOptionsForm';
import { ExportResults } from './ExportResults';
import { ExportStatus } from './ExportStatus';
import { DEFAULT_EXPORT_FORM } from './export-format';

const T0 = Date.parse('2026-03-14T14:02:30Z');

/** The person's words outside the "Details" panels an expert opens. */
function outsideDetails(html: string): string {
  return html.replace(/<details class="export-details"[\s\S]*?<\/details>/g, '').toLowerCase();
}

function estimate(overrides: Partial<ExportEstimate> = {}): ExportEstimate {
  return {
    items: [
      { kind: 'master', description: '14.00.00-14.05.00[R][0@0][0].dav', method: 'copy', reason: '', estimatedBytes: 80_000_000, estimatedSeconds: 2 },
      { kind: 'working', description: 'Till, 14:02:30 to 14:02:50', method: 'remux', reason: '', estimatedBytes: 6_000_000, estimatedSeconds: 1 },
    ],
    totalBytes: 86_000_000,
    estimatedSeconds: 3,
    encoder: 'libx264',
    warnings: ['Camera Yard has no recording for part of clip 2.'],
    ...overrides,
  };
}

const summary: ExportSummary = {
  id: '7d1c1b7e-4f55-4a53-9a2b-1f8a3c1e2d40',
  caseId: '0f6f9f5e-8d2b-4a1a-9d53-0d2b6f4e7a11',
  jobId: '5b2a5e7c-0c6d-4f0e-8a39-2f3f4a6d9c12',
  state: 'succeeded',
  options: { preset: 'balanced', masters: 'original-files', caption: false, enhancement: null },
  createdAt: '2026-03-20T10:00:00Z',
  finishedAt: '2026-03-20T10:01:00Z',
  totalBytes: 86_000_000,
  outputs: [
    {
      kind: 'master',
      path: 'masters/Till/14.00.00-14.05.00[R][0@0][0].dav',
      size: 80_000_000,
      sha256: 'a'.repeat(64),
      sourceSha256: 'a'.repeat(64),
      derivedFrom: ['Till/14.00.00-14.05.00[R][0@0][0].dav'],
      cameraLabel: 'Till',
      clipId: null,
      startMs: T0 - 150_000,
      endMs: T0 + 150_000,
      part: null,
      method: 'copy',
      processing: [],
      status: 'ok',
      note: '',
    },
    {
      kind: 'working',
      path: 'working/01 Till 2026-03-14 14.02.30.mp4',
      size: 6_000_000,
      sha256: 'b'.repeat(64),
      sourceSha256: null,
      derivedFrom: ['clip-id'],
      cameraLabel: 'Till',
      clipId: 'clip-id',
      startMs: T0,
      endMs: T0 + 20_000,
      part: null,
      method: 'reencode',
      processing: [{ description: 'Re-encoded to H.264', tool: 'ffmpeg', toolVersion: '7.1', commandLine: 'ffmpeg -i in.dav -c:v libx264 out.mp4', parameters: {} }],
      status: 'incomplete',
      note: 'The recording stops 4 s before the end of the clip.',
    },
  ],
};

describe('the export step\u2019s markup', () => {
  it('offers the three presets as radios with their estimates, and the options folded away', () => {
    const byPreset = { original: estimate(), balanced: estimate({ totalBytes: 30_000_000 }), small: estimate({ totalBytes: 9_000_000, estimatedSeconds: 200 }) };
    const html = renderToStaticMarkup(<ExportOptionsForm form={DEFAULT_EXPORT_FORM} estimates={byPreset} updating={false} disabled={false} onChange={() => undefined} />);
    for (const id of ['preset-original', 'preset-balanced', 'preset-small', 'export-caption']) expect(html).toContain(`data-testid="${id}"`);
    expect(html).toContain('Original quality');
    expect(html).toContain('Small (for email)');
    expect(html).toContain('about 30.0 MB · under a minute');
    expect(html).toContain('about 9.0 MB · about 3 minutes');
    expect(html).toContain('<summary>More options</summary>');
    expect(html).toContain('Exact copies of the recorder\u2019s files (recommended)');
    expect(outsideDetails(html)).not.toMatch(/segment|remux|hash|cms/);
  });

  it('shows the total, the warnings and, in "Details", each file with its method', () => {
    const html = renderToStaticMarkup(<ExportEstimateView estimate={estimate()} error={null} updating={false} />);
    expect(html).toContain('data-testid="export-estimate-total"');
    expect(html).toContain('<strong>86.0 MB</strong>');
    expect(html).toContain('Camera Yard has no recording for part of clip 2.');
    expect(html).toContain('Repackaged without re-encoding (remux)');
    expect(outsideDetails(html)).not.toMatch(/segment|remux|hash|cms/);
  });

  it('lists each exported file with its fingerprint and processing steps, flagging an incomplete one', () => {
    const html = renderToStaticMarkup(<ExportResults summary={summary} timeZoneFor={() => 'Europe/London'} />);
    expect(html).toContain('data-testid="export-results"');
    expect(html.match(/data-testid="export-output"/g)).toHaveLength(2);
    expect(html.match(/data-testid="export-output-sha256"/g)).toHaveLength(2);
    expect(html).toContain('1 original recording, 1 working copy and 0 still pictures: 86.0 MB in all.');
    expect(html).toContain('14 Mar 2026 14:02:30 to 14:02:50');
    expect(html).toContain('Incomplete: The recording stops 4 s before the end of the clip.');
    expect(html).toContain('Fingerprint (SHA-256)');
    expect(html).toContain('ffmpeg -i in.dav -c:v libx264 out.mp4');
    expect(outsideDetails(html)).not.toMatch(/segment|remux|hash|cms|sha-256/);
  });

  it('says plainly how a cancelled or failed export ended, with the next thing to press', () => {
    const cancelled = renderToStaticMarkup(<ExportStatus state="cancelled" job={null} busy={false} onCancel={() => undefined} onExportAgain={() => undefined} onTryAgain={() => undefined} />);
    expect(cancelled).toContain('Export cancelled. Nothing was kept.');
    expect(cancelled).toContain('Export again');
    const failed = renderToStaticMarkup(<ExportStatus state="failed" job={null} busy={false} onCancel={() => undefined} onExportAgain={() => undefined} onTryAgain={() => undefined} />);
    expect(failed).toContain('Try again');
    const starting = renderToStaticMarkup(<ExportStatus state="starting" job={null} busy onCancel={() => undefined} onExportAgain={() => undefined} onTryAgain={() => undefined} />);
    expect(starting).toContain('data-testid="export-job"');
    expect(starting).toContain('role="progressbar"');
  });
});
