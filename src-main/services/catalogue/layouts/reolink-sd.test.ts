import { describe, expect, it } from 'vitest';
import { localAt } from '../../../../test/helpers/local-at';
import { reolinkSdLayout } from './reolink-sd';

const at = localAt;
const parse = reolinkSdLayout.parse;

describe('reolinkSdLayout.parse', () => {
  it('reads a main-stream recording from a card at the footage root', () => {
    expect(parse('Mp4Record/2026-03-14/RecM02_20260314_140000_140500_6D28808_1A2B3C.mp4')).toEqual({
      layout: 'reolink-sd',
      cameraKey: 'reolink',
      cameraLabel: 'reolink',
      start: at(2026, 3, 14, 14, 0, 0),
      end: at(2026, 3, 14, 14, 5, 0),
      clock: 'local',
      dstHint: false,
      eventKind: null,
      stream: 'main',
      partial: false,
      extension: 'mp4',
      warnings: [],
    });
  });

  it('reads the DST marker, the sub stream and a midnight crossing', () => {
    const parsed = parse('Mp4Record/2026-07-01/RecS03_DST20260701_235800_000300_0_4E20.mp4');
    expect(parsed).toMatchObject({ dstHint: true, stream: 'sub', start: at(2026, 7, 1, 23, 58, 0), end: at(2026, 7, 2, 0, 3, 0) });
  });

  it('names the camera after the card folder, keeping spaces and unicode', () => {
    const parsed = parse('Cards/Garten Süd/Mp4Record/2026-03-14/RecM02_20260314_140000_140500_6D28808_1A2B3C.mp4');
    expect(parsed).toMatchObject({ cameraKey: 'Cards/Garten Süd', cameraLabel: 'Garten Süd' });
  });

  it('accepts extra hex fields between the flags and the size, and upper-case extensions', () => {
    const parsed = parse('Mp4Record/2026-03-14/RecM05_20260314_140000_140500_6D28808_A_B_1A2B3C.MP4');
    expect(parsed?.end).toEqual(at(2026, 3, 14, 14, 5, 0));
  });

  it('accepts a zero-length recording with a warning', () => {
    expect(parse('Mp4Record/2026-03-14/RecM02_20260314_140000_140000_0_0.mp4')?.warnings).toEqual(['zero-length recording']);
  });

  it('warns when the date folder disagrees with the name', () => {
    const parsed = parse('Mp4Record/2026-03-15/RecM02_20260314_235800_000300_0_0.mp4');
    expect(parsed?.start).toEqual(at(2026, 3, 14, 23, 58, 0));
    expect(parsed?.warnings).toEqual(['date folder 2026-03-15 does not match the date 2026-03-14 in the name']);
  });

  it.each([
    ['month 13 in the name', 'Mp4Record/2026-03-14/RecM02_20261314_140000_140500_0_0.mp4'],
    ['31 February in the folder', 'Mp4Record/2026-02-31/RecM02_20260214_140000_140500_0_0.mp4'],
    ['25 o’clock', 'Mp4Record/2026-03-14/RecM02_20260314_250000_140500_0_0.mp4'],
    ['an end second of 60', 'Mp4Record/2026-03-14/RecM02_20260314_140000_140560_0_0.mp4'],
    ['an unknown stream letter', 'Mp4Record/2026-03-14/RecX02_20260314_140000_140500_0_0.mp4'],
    ['a missing size field', 'Mp4Record/2026-03-14/RecM02_20260314_140000_140500_0.mp4'],
    ['a non-hex flags field', 'Mp4Record/2026-03-14/RecM02_20260314_140000_140500_XYZ_0.mp4'],
    ['no Mp4Record folder', 'Videos/2026-03-14/RecM02_20260314_140000_140500_0_0.mp4'],
    ['a thumbnail', 'Mp4Record/2026-03-14/RecM02_20260314_140000_140500_0_0.jpg'],
    ['a macOS resource fork', 'Mp4Record/2026-03-14/._RecM02_20260314_140000_140500_0_0.mp4'],
  ])('rejects %s', (_reason, relPath) => {
    expect(parse(relPath)).toBeNull();
  });
});

describe('reolinkSdLayout.format', () => {
  it('writes a card path that reads back, including across midnight', () => {
    const start = at(2026, 3, 14, 23, 58, 0);
    const end = at(2026, 3, 15, 0, 3, 0);
    const relPath = reolinkSdLayout.format({ cameraIndex: 1, cameraName: 'Back/Yard', start, end });
    expect(relPath).toBe('Back-Yard/Mp4Record/2026-03-14/RecM02_20260314_235800_000300_6D28808_0.mp4');
    expect(parse(relPath)).toMatchObject({ cameraKey: 'Back-Yard', start, end, dstHint: false, stream: 'main', warnings: [] });
  });

  it('names the card folder after the channel when the camera has no usable name', () => {
    const start = at(2026, 3, 14, 14, 0, 0);
    const relPath = reolinkSdLayout.format({ cameraIndex: 2, cameraName: ' .. ', start, end: start });
    expect(parse(relPath)?.cameraLabel).toBe('Camera 2');
  });
});
