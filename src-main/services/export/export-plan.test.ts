import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Clip, ReviewState, Still } from '../../../src-shared/domain/review';
import type { CameraTimeline } from '../catalogue/camera-timelines';
import type { RecordingRow } from '../catalogue/recording-index';
import { overlappingRecordings, planExport, trimmedName, workingCopyInputs, type CameraLookup } from './export-plan';

const T0 = Date.UTC(2026, 2, 14, 14, 0, 0); // 14:00 in London (GMT in March)
const MIN = 60_000;
const ROOT = path.join(path.sep, 'footage');

/** A camera timeline from [startMin, endMin, relPath] triples (sorted by start, as the catalogue keeps them). */
function timeline(cameraKey: string, label: string, spans: [number, number, string][]): CameraTimeline {
  const rows = spans.map(([from, to, relPath]) => ({ rel_path: relPath, size: 1000, true_start_ms: T0 + from * MIN, true_end_ms: T0 + to * MIN }) as RecordingRow);
  return {
    cameraKey,
    label,
    rows,
    starts: Float64Array.from(rows.map((row) => row.true_start_ms!)),
    ends: Float64Array.from(rows.map((row) => row.true_end_ms!)),
    kinds: new Uint8Array(rows.length),
  };
}

function clip(id: string, cameraKey: string, label: string, fromMin: number, toMin: number): Clip {
  return {
    id,
    caseId: 'case',
    position: 1,
    camera: { sourceId: 'source', cameraKey },
    cameraLabel: label,
    groupId: 'g',
    startMs: T0 + fromMin * MIN,
    endMs: T0 + toMin * MIN,
    recorderStartMs: 0,
    recorderEndMs: 0,
    label: '',
    note: '',
    durationS: (toMin - fromMin) * 60,
    estimatedBytes: null,
    createdAt: '',
    updatedAt: '',
  };
}

const till = timeline('ch01', 'Till', [
  [0, 5, '2026-03-14/001/dav/14/14.00.00-14.05.00[R][0@0][0].dav'],
  [5, 10, '2026-03-14/001/dav/14/14.05.00-14.10.00[R][0@0][0].dav'],
  [10, 15, '2026-03-15/001/dav/14/14.05.00-14.10.00[R][0@0][0].dav'],
]);
const lookup: CameraLookup = (camera) => (camera.cameraKey === 'ch01' ? { timeline: till, rootPath: ROOT, timeZone: 'Europe/London' } : null);

describe('overlappingRecordings', () => {
  it('finds the recordings a span touches, with end exclusive', () => {
    const found = overlappingRecordings({ timeline: till, rootPath: ROOT, sourceId: 's', startMs: T0 + 4 * MIN, endMs: T0 + 10 * MIN });
    expect(found.map((recording) => recording.relPath)).toEqual([till.rows[0]!.rel_path, till.rows[1]!.rel_path]);
    expect(found[0]!.absPath).toBe(path.join(ROOT, '2026-03-14', '001', 'dav', '14', '14.00.00-14.05.00[R][0@0][0].dav'));
  });
});

describe('workingCopyInputs', () => {
  it('cuts into the first file and out of the last, taking middle files whole', () => {
    const recordings = overlappingRecordings({ timeline: till, rootPath: ROOT, sourceId: 's', startMs: T0 + 4 * MIN, endMs: T0 + 12 * MIN });
    const inputs = workingCopyInputs({ recordings, startMs: T0 + 4 * MIN, endMs: T0 + 12 * MIN }).map(({ input }) => input);
    expect(inputs.map(({ inpointS, outpointS }) => [inpointS, outpointS])).toEqual([
      [240, null],
      [0, null],
      [0, 120],
    ]);
  });

  it('skips time an earlier recording already covers', () => {
    const overlapping = timeline('ch01', 'Till', [
      [0, 5, 'a'],
      [1, 4, 'inside-a'],
      [3, 8, 'overlaps-a'],
    ]);
    const recordings = overlappingRecordings({ timeline: overlapping, rootPath: ROOT, sourceId: 's', startMs: T0, endMs: T0 + 8 * MIN });
    const inputs = workingCopyInputs({ recordings, startMs: T0, endMs: T0 + 8 * MIN });
    expect(inputs.map(({ recording, input }) => [recording.relPath, input.inpointS, input.outpointS])).toEqual([
      ['a', 0, null],
      ['overlaps-a', 120, null],
    ]);
  });
});

describe('planExport', () => {
  const still = { id: 'still-1', camera: { sourceId: 'source', cameraKey: 'ch01' }, cameraLabel: 'Till', frameMs: T0 + 61_000, bytes: 10, sha256: 'x' } as Still;
  const state: ReviewState = { clips: [clip('c1', 'ch01', 'Till', 1, 6), clip('c2', 'ch01', 'Till', 4, 12), clip('c3', 'ch02', 'Door: side', 1, 2)], bookmarks: [], stills: [still] };

  it('copies each recording once however many clips need it, and names every file FAT-safely', () => {
    const plan = planExport({ state, lookup, dataDir: '/data', caseId: 'case', masters: 'original-files' });
    expect(plan.masters.map((master) => [master.path, master.clipIds])).toEqual([
      ['masters/Till/14.00.00-14.05.00[R][0@0][0].dav', ['c1', 'c2']],
      ['masters/Till/14.05.00-14.10.00[R][0@0][0].dav', ['c1', 'c2']],
      // The same name on another day.
      ['masters/Till/14.05.00-14.10.00[R][0@0][0] (2).dav', ['c2']],
    ]);
    expect(plan.clips.map((planned) => planned.workingPath)).toEqual([
      'working-copies/01-Till-140100.mp4',
      'working-copies/02-Till-140400.mp4',
      'working-copies/03-Door_ side-140100.mp4',
    ]);
    expect(plan.clips[0]!.description).toBe('Till, 14:01:00 to 14:06:00');
    // A camera a rescan no longer finds has nothing to export.
    expect(plan.clips[2]!.recordings).toEqual([]);
    expect(plan.stills).toEqual([{ still, sourceFile: path.join('/data', 'cases', 'case', 'stills', 'still-1.png'), path: 'stills/01-Till-140101.png', timeZone: 'Europe/London' }]);
  });

  it('in trimmed mode, makes one piece per clip per recording, with the clip’s in and out points', () => {
    const plan = planExport({ state, lookup, dataDir: '/data', caseId: 'case', masters: 'trimmed' });
    expect(plan.masters.map((master) => [master.path, master.trim])).toEqual([
      ['masters/Till/01-14.00.00-14.05.00[R][0@0][0]-trimmed.mkv', { clipId: 'c1', inpointS: 60, outpointS: null }],
      ['masters/Till/01-14.05.00-14.10.00[R][0@0][0]-trimmed.mkv', { clipId: 'c1', inpointS: 0, outpointS: 60 }],
      ['masters/Till/02-14.00.00-14.05.00[R][0@0][0]-trimmed.mkv', { clipId: 'c2', inpointS: 240, outpointS: null }],
      ['masters/Till/02-14.05.00-14.10.00[R][0@0][0]-trimmed.mkv', { clipId: 'c2', inpointS: 0, outpointS: null }],
      ['masters/Till/02-14.05.00-14.10.00[R][0@0][0]-trimmed (2).mkv', { clipId: 'c2', inpointS: 0, outpointS: 120 }],
    ]);
  });

  it('keeps a container ffmpeg can write back, and uses Matroska for the rest', () => {
    expect(trimmedName({ original: 'ch01_20260314.mp4', number: '01' })).toBe('01-ch01_20260314-trimmed.mp4');
    expect(trimmedName({ original: 'x.dav', number: '02' })).toBe('02-x-trimmed.mkv');
  });
});
