import { describe, expect, it } from 'vitest';
import type { ExportOutput } from '../../../../src-shared/domain/export';
import { buildManifest, type ManifestInput } from './build-manifest';

const HASH = (n: number) => String(n).repeat(64).slice(0, 64);
const T0 = Date.UTC(2026, 2, 14, 14, 0, 0);

function output(overrides: Partial<ExportOutput>): ExportOutput & { absPath: string } {
  return {
    kind: 'master',
    path: 'masters/Camera 1/14.00.00-14.01.00[R][0@0][0].mp4',
    size: 100,
    sha256: HASH(1),
    sourceSha256: HASH(1),
    derivedFrom: ['2026-03-14/001/dav/14/14.00.00-14.01.00[R][0@0][0].mp4'],
    cameraLabel: 'Camera 1',
    clipId: null,
    startMs: T0,
    endMs: T0 + 60_000,
    part: null,
    method: 'copy',
    processing: [],
    status: 'ok',
    note: '',
    absPath: '/data/x.mp4',
    ...overrides,
  };
}

function input(outputs: ManifestInput['outputs']): ManifestInput {
  return {
    bundleName: 'HANDOVER_44-12345-26_20260314-1530',
    createdAt: new Date(T0 + 3_600_000),
    software: { name: 'Handover', version: '1.2.3' },
    caseInfo: { reference: '44/12345/26', title: 'Theft at till 2', incidentType: 'theft', location: null },
    incidentWindow: { startMs: T0, endMs: T0 + 60_000 },
    producer: { organisation: 'Corner Shop Ltd', person: 'Jane Smith', contact: '01234 567890', initials: 'JS' },
    certificate: { fingerprintSha256: 'AA:BB', subject: 'CN=Corner Shop Ltd' },
    // The recorder runs 192 s fast, in London (GMT in March before the change).
    recorders: [{ label: 'Shop NVR', makeModel: null, timeZone: 'Europe/London', clockOffsetS: 192, clockCheck: 'measured', clockNote: null, clockDescription: '3 min 12 s fast', cameras: ['Camera 1'] }],
    outputs,
    recorderFor: () => ({ timeZone: 'Europe/London', clockOffsetS: 192 }),
    documents: [{ name: 'clips-and-notes.txt', description: 'Notes', data: new Uint8Array([1, 2, 3]), sha256: HASH(9) }],
    custodyLog: { name: 'custody-log.jsonl', entries: 4, lastHash: HASH(7) },
  };
}

describe('buildManifest', () => {
  it('numbers masters, then working copies, stills and documents, and names files by their reference', () => {
    const { manifest, entries } = buildManifest(
      input([
        output({ kind: 'still', path: 'stills/01-Camera 1-140045.png', method: 'copy', sha256: HASH(3) }),
        output({ kind: 'working', path: 'working-copies/01-Camera 1-140030.mp4', method: 'remux', clipId: 'c1', sha256: HASH(2) }),
        output({}),
      ]),
    );
    expect(manifest.exhibits.map((e) => [e.id, e.kind, e.file])).toEqual([
      ['JS/1', 'master', 'masters/Camera 1/JS_1_14.00.00-14.01.00[R][0@0][0].mp4'],
      ['JS/2', 'working', 'working-copies/JS_2_01-Camera 1-140030.mp4'],
      ['JS/3', 'still', 'stills/JS_3_01-Camera 1-140045.png'],
      ['JS/4', 'document', 'documents/JS_4_clips-and-notes.txt'],
    ]);
    expect(entries.map((e) => [e.name, e.sha256])).toEqual(manifest.exhibits.map((e) => [e.file, e.sha256]));
    expect(entries[0]).toMatchObject({ file: '/data/x.mp4', size: 100 });
    expect(entries[3]!.data).toEqual(new Uint8Array([1, 2, 3]));
  });

  it('gives both clocks: the recorder showed 14:03:12 when it was really 14:00:00', () => {
    const { manifest } = buildManifest(input([output({})]));
    expect(manifest.exhibits[0]).toMatchObject({
      trueTime: { start: '2026-03-14T14:00:00.000Z', end: '2026-03-14T14:01:00.000Z' },
      recorderTime: { start: '2026-03-14T14:03:12', end: '2026-03-14T14:04:12', timeZone: 'Europe/London' },
    });
    expect(manifest.recorders[0]).toMatchObject({ clockOffsetS: 192, clockCheck: 'measured' });
    expect(manifest.case.incidentWindow).toEqual({ start: '2026-03-14T14:00:00.000Z', end: '2026-03-14T14:01:00.000Z' });
    expect(manifest.producer).toMatchObject({ initials: 'JS', certificateFingerprintSha256: 'AA:BB' });
    expect(manifest.custodyLog).toEqual({ file: 'custody-log.jsonl', entries: 4, lastHash: HASH(7) });
  });

  it('gives the parts of a split file sub-references, one name stem, and a join command with the new names', () => {
    const note = 'Split. On Windows, copy /b "big.mp4.001" + "big.mp4.002" "big.mp4"; on a Mac or Linux, cat "big.mp4".[0-9]* > "big.mp4".';
    const part = (index: number) => output({ path: `masters/Camera 1/big.mp4.00${index}`, part: { index, count: 2 }, note, derivedFrom: ['big.mp4'] });
    const { manifest } = buildManifest(input([part(1), part(2), output({ path: 'masters/Camera 1/other.mp4', derivedFrom: ['other.mp4'] })]));
    expect(manifest.exhibits.map((e) => [e.id, e.file, e.part])).toEqual([
      ['JS/1/1', 'masters/Camera 1/JS_1_big.mp4.001', { index: 1, count: 2, of: 'JS/1' }],
      ['JS/1/2', 'masters/Camera 1/JS_1_big.mp4.002', { index: 2, count: 2, of: 'JS/1' }],
      ['JS/2', 'masters/Camera 1/JS_2_other.mp4', null],
      ['JS/3', 'documents/JS_3_clips-and-notes.txt', null],
    ]);
    expect(manifest.exhibits[0]!.note).toBe('Split. On Windows, copy /b "JS_1_big.mp4.001" + "JS_1_big.mp4.002" "JS_1_big.mp4"; on a Mac or Linux, cat "JS_1_big.mp4".[0-9]* > "JS_1_big.mp4".');
  });

  it('leaves the recorder time out when the recorder cannot be told', () => {
    const { manifest } = buildManifest({ ...input([output({})]), recorderFor: () => null });
    expect(manifest.exhibits[0]!.recorderTime).toBeNull();
    expect(manifest.exhibits[0]!.trueTime).not.toBeNull();
  });
});
