import { describe, expect, it } from 'vitest';
import { exhibitRows, idList } from './exhibit-rows';
import {
  approxBytes,
  cameraFootage,
  clockOffsetText,
  crimeReference,
  exactBytes,
  formatBytes,
  formatDateTime,
  formatPeriod,
  isoUtc,
  recorderPeriod,
  signedSeconds,
  utcPeriod,
} from './paper-format';
import { manyExhibitsManifest, sampleManifest } from './paper-sample.fixture';

const plain = (text: string | null) => text?.replace(/\u00a0/g, ' ');

describe('paper formats', () => {
  it('gives sizes exactly, in bytes, and roughly, in powers of 1000', () => {
    expect(plain(exactBytes(1))).toBe('1 byte');
    expect(plain(exactBytes(2_371_893_455))).toBe('2,371,893,455 bytes');
    expect(approxBytes(999)).toBeNull();
    expect(plain(approxBytes(1_284))).toBe('1.28 kB');
    expect(plain(approxBytes(48_211_337))).toBe('48.2 MB');
    expect(plain(approxBytes(4_294_967_294))).toBe('4.29 GB');
    expect(plain(formatBytes(2_371_893_455))).toBe('2,371,893,455 bytes (2.37 GB)');
    expect(plain(formatBytes(512))).toBe('512 bytes');
  });

  it('prints times with the month in words and the zone, and in UTC', () => {
    const ms = Date.parse('2026-07-03T13:01:50Z');
    expect(plain(formatDateTime(ms, 'Europe/London'))).toBe('Fri 3 Jul 2026, 14:01:50 BST');
    expect(plain(formatDateTime(Date.parse('2026-01-03T13:01:50Z'), 'Europe/London'))).toBe('Sat 3 Jan 2026, 13:01:50 GMT');
    expect(plain(formatDateTime(ms, 'America/New_York'))).toBe('Fri 3 Jul 2026, 09:01:50 GMT-4');
    expect(isoUtc(ms)).toBe('2026-07-03T13:01:50Z');
    expect(isoUtc(ms + 250)).toBe('2026-07-03T13:01:50.250Z');
    expect(plain(formatPeriod({ startMs: ms, endMs: ms + 90_000, timeZone: 'Europe/London' }))).toBe('Fri 3 Jul 2026, 14:01:50 BST to 14:03:20 BST');
    expect(plain(formatPeriod({ startMs: ms, endMs: ms + 86_400_000, timeZone: 'Europe/London' }))).toBe('Fri 3 Jul 2026, 14:01:50 BST to Sat 4 Jul 2026, 14:01:50 BST');
    expect(utcPeriod({ startMs: ms, endMs: ms + 90_000 })).toBe('2026-07-03T13:01:50Z to 2026-07-03T13:03:20Z');
  });

  it('prints recorder times exactly as the recorder showed them', () => {
    expect(recorderPeriod({ start: '2026-07-03T14:05:02', end: '2026-07-03T14:06:32', timeZone: 'Europe/London' })).toBe('2026-07-03 14:05:02 to 14:06:32 (Europe/London)');
    expect(recorderPeriod({ start: '2026-07-03T23:59:00', end: '2026-07-04T00:01:00', timeZone: 'Europe/London' })).toBe('2026-07-03 23:59:00 to 2026-07-04 00:01:00 (Europe/London)');
  });

  it('gives the clock offset in words and in seconds', () => {
    const recorder = sampleManifest().recorders[0]!;
    expect(plain(clockOffsetText(recorder))).toBe("The recorder's clock is 3 min 12 s fast. Offset +192 s (recorder clock minus true time).");
    expect(plain(clockOffsetText({ ...recorder, clockOffsetS: -45, clockDescription: "The recorder's clock is 45 s slow" }))).toBe(
      "The recorder's clock is 45 s slow. Offset -45 s (recorder clock minus true time).",
    );
    expect(plain(signedSeconds(0))).toBe('0 s');
  });

  it('says "none given" for a missing crime reference', () => {
    const manifest = sampleManifest();
    expect(crimeReference(manifest)).toBe('44/12345/26');
    expect(crimeReference({ ...manifest, case: { ...manifest.case, reference: null } })).toBe('none given');
    expect(crimeReference({ ...manifest, case: { ...manifest.case, reference: '  ' } })).toBe('none given');
  });

  it('finds each camera’s footage span in true time and its recorder', () => {
    const footage = cameraFootage(sampleManifest());
    expect(footage.map((camera) => camera.camera)).toEqual(['Till', 'Front door', 'Stock room']);
    expect(isoUtc(footage[0]!.startMs)).toBe('2026-07-03T12:56:48Z');
    expect(isoUtc(footage[0]!.endMs)).toBe('2026-07-03T13:11:48Z');
    expect(footage[0]!.exhibitIds).toEqual(['ZLO/1', 'ZLO/4', 'ZLO/7']);
    expect(footage[0]!.recorder?.label).toBe('NVR footage (USB export)');
  });

  it('lists exhibit references, shortening runs', () => {
    expect(idList(['JS/1', 'JS/2', 'JS/3', 'JS/5'])).toBe('JS/1 to JS/3, JS/5');
    expect(idList(['JS/1', 'JS/2'])).toBe('JS/1, JS/2');
    expect(idList(['JS/4/1', 'JS/4/2', 'JS/4/3', 'JS/5'])).toBe('JS/4/1 to JS/4/3, JS/5');
    expect(idList([])).toBe('');
  });

  it('makes one table row per exhibit, with parts and incomplete files marked', () => {
    const manifest = manyExhibitsManifest(30);
    manifest.exhibits[0]!.status = 'incomplete';
    const rows = exhibitRows(manifest);
    expect(rows).toHaveLength(30);
    expect(rows[0]!.description).toMatch(/\(INCOMPLETE\)$/);
    const part = rows.find((row) => row.id === 'ZLO/28/1')!;
    expect(part.fileRef).toBe('ZLO_28_1');
    expect(part.kind).toBe('Working copy (part 1 of 2)');
    expect(plain(part.size)).toBe('4,294,966,000 bytes');
  });
});
