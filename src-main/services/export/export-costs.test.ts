import { describe, expect, it } from 'vitest';
import { exportOptionsSchema } from '../../../src-shared/domain/export';
import type { Clip } from '../../../src-shared/domain/review';
import type { CameraTimeline } from '../catalogue/camera-timelines';
import type { RecordingRow } from '../catalogue/recording-index';
import type { ProbeResult } from '../media/probe';
import { coveredBytes, predictWorkingCopy, workingCopyCost } from './export-costs';
import { costExport, toEstimate, UNKNOWN_SIZES_WARNING } from './export-estimate';
import { planExport } from './export-plan';

const DEFAULTS = exportOptionsSchema.parse({});
const T0 = Date.UTC(2026, 2, 14, 14, 0, 0);

function probeOf(codecName: string, formatName = 'mov,mp4,m4a,3gp,3g2,mj2'): ProbeResult {
  return {
    formatName,
    durationS: 60,
    startTimeS: 0,
    sizeBytes: 1,
    creationTime: null,
    streams: [{ index: 0, codecType: 'video', codecName, profile: 'High', width: 1920, height: 1080, pixFmt: 'yuv420p', frameRate: 25, durationS: 60 }],
  };
}

describe('predictWorkingCopy', () => {
  it('remuxes H.264 and re-encodes HEVC, a caption or the small preset, saying why', () => {
    expect(predictWorkingCopy({ probe: probeOf('h264'), fileName: 'a.mp4', exportOptions: DEFAULTS })).toMatchObject({ method: 'remux', reason: '' });
    expect(predictWorkingCopy({ probe: probeOf('hevc'), fileName: 'a.mp4', exportOptions: DEFAULTS })).toMatchObject({ method: 'reencode', reason: expect.stringContaining('HEVC') as string });
    expect(predictWorkingCopy({ probe: probeOf('h264'), fileName: 'a.mp4', exportOptions: { ...DEFAULTS, caption: true } }).method).toBe('reencode');
    expect(predictWorkingCopy({ probe: probeOf('h264'), fileName: 'a.mp4', exportOptions: { ...DEFAULTS, preset: 'small' } }).method).toBe('reencode');
    expect(predictWorkingCopy({ probe: null, fileName: 'a.mp4', exportOptions: DEFAULTS }).method).toBe('reencode');
  });
});

describe('costs', () => {
  it('counts each recording by the share of it a clip covers, unknown while a size is', () => {
    const recordings = [
      { size: 1000, trueStartMs: 0, trueEndMs: 60_000 },
      { size: 3000, trueStartMs: 60_000, trueEndMs: 120_000 },
    ];
    expect(coveredBytes({ recordings, startMs: 30_000, endMs: 80_000 })).toBe(500 + 1000);
    expect(coveredBytes({ recordings: [{ ...recordings[0]!, size: null }], startMs: 0, endMs: 1 })).toBeNull();
  });

  it('sizes a re-encode from its preset and picture, and prices it above a remux of the same clip', () => {
    const prediction = predictWorkingCopy({ probe: probeOf('h264'), fileName: 'a.mp4', exportOptions: DEFAULTS });
    const remux = workingCopyCost({ prediction, preset: 'original', durationS: 60, sourceBytes: 30e6, encoder: 'libx264' });
    const reencode = workingCopyCost({ prediction: { ...prediction, method: 'reencode' }, preset: 'original', durationS: 60, sourceBytes: 30e6, encoder: 'libx264' });
    const small = workingCopyCost({ prediction: { ...prediction, method: 'reencode' }, preset: 'small', durationS: 60, sourceBytes: 30e6, encoder: 'libx264' });
    expect(remux.bytes).toBe(30e6);
    expect(reencode.encodeSeconds).toBeGreaterThan(remux.encodeSeconds);
    expect(small.bytes!).toBeLessThan(reencode.bytes!);
  });

  it('warns, and gives no total, while the background check has not sized the recordings', () => {
    const row = { rel_path: '2026-03-14/001/dav/14/a.mp4', size: null, true_start_ms: T0, true_end_ms: T0 + 60_000 } as RecordingRow;
    const timeline: CameraTimeline = { cameraKey: 'ch01', label: 'Till', rows: [row], starts: Float64Array.of(T0), ends: Float64Array.of(T0 + 60_000), kinds: new Uint8Array(1) };
    const clip = { id: 'c1', camera: { sourceId: 's', cameraKey: 'ch01' }, cameraLabel: 'Till', startMs: T0 + 10_000, endMs: T0 + 20_000, label: '' } as Clip;
    const plan = planExport({ state: { clips: [clip], bookmarks: [], stills: [] }, lookup: () => ({ timeline, rootPath: '/f', timeZone: 'UTC' }), dataDir: '/d', caseId: 'k', masters: 'original-files' });
    const estimate = toEstimate({ costed: costExport({ plan, probes: [probeOf('h264')], exportOptions: DEFAULTS, encoder: 'libx264' }), encoder: 'libx264' });
    expect(estimate.items.map((item) => [item.kind, item.estimatedBytes])).toEqual([
      ['master', null],
      ['working', null],
    ]);
    expect(estimate.totalBytes).toBeNull();
    expect(estimate.warnings).toEqual([UNKNOWN_SIZES_WARNING]);
  });
});
