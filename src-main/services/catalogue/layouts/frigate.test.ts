import { describe, expect, it } from 'vitest';
import { localAt } from '../../../../test/helpers/local-at';
import { frigateLayout } from './frigate';

const at = localAt;
const parse = frigateLayout.parse;

describe('frigateLayout.parse', () => {
  it('reads a segment as UTC with only a start', () => {
    expect(parse('recordings/2026-03-14/14/front_door/05.10.mp4')).toEqual({
      layout: 'frigate',
      cameraKey: 'front_door',
      cameraLabel: 'front_door',
      start: at(2026, 3, 14, 14, 5, 10),
      end: null,
      clock: 'utc',
      dstHint: null,
      eventKind: null,
      stream: null,
      partial: false,
      extension: 'mp4',
      warnings: [],
    });
  });

  it('reads the pre-0.12 month/day folder shape below a media root', () => {
    const parsed = parse('media/frigate/recordings/2021-10/23/10/garage/59.59.mp4');
    expect(parsed).toMatchObject({ cameraKey: 'garage', start: at(2021, 10, 23, 10, 59, 59), clock: 'utc' });
  });

  it('keeps spaces and unicode in the camera folder', () => {
    expect(parse('recordings/2026-03-14/00/Café Terrasse/00.00.MP4')?.cameraLabel).toBe('Café Terrasse');
  });

  it.each([
    ['month 13', 'recordings/2026-13-14/14/front/05.10.mp4'],
    ['29 February in a common year', 'recordings/2026-02-29/14/front/05.10.mp4'],
    ['hour folder 24', 'recordings/2026-03-14/24/front/05.10.mp4'],
    ['second 60', 'recordings/2026-03-14/14/front/05.60.mp4'],
    ['a clip name instead of MM.SS', 'recordings/2026-03-14/14/front/clip.mp4'],
    ['no recordings folder', 'clips/2026-03-14/14/front/05.10.mp4'],
    ['no camera folder', 'recordings/2026-03-14/14/05.10.mp4'],
    ['a partial file', 'recordings/2026-03-14/14/front/05.10.mp4_'],
    ['a macOS resource fork', 'recordings/2026-03-14/14/front/._05.10.mp4'],
  ])('rejects %s', (_reason, relPath) => {
    expect(parse(relPath)).toBeNull();
  });
});

describe('frigateLayout.format', () => {
  it('writes a segment path that reads back', () => {
    const start = at(2026, 3, 14, 23, 59, 50);
    const relPath = frigateLayout.format({ cameraIndex: 1, cameraName: 'back_yard', start, end: at(2026, 3, 15, 0, 0, 0) });
    expect(relPath).toBe('recordings/2026-03-14/23/back_yard/59.50.mp4');
    expect(parse(relPath)).toMatchObject({ cameraKey: 'back_yard', start, end: null, clock: 'utc' });
  });
});
