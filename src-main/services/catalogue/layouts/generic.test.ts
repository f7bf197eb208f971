import { describe, expect, it } from 'vitest';
import type { LocalDateTime } from '../../../../src-shared/domain/local-time';
import { genericLayout } from './generic';

const start: LocalDateTime = { year: 2026, month: 3, day: 14, hour: 14, minute: 0, second: 0 };
const parse = genericLayout.parse;

describe('genericLayout.parse', () => {
  it('reads any video file with no time and the parent folder as the camera', () => {
    expect(parse('Front Door/clip 1.MKV')).toEqual({
      layout: 'generic',
      cameraKey: 'Front Door',
      cameraLabel: 'Front Door',
      start: null,
      end: null,
      clock: 'local',
      dstHint: null,
      eventKind: null,
      stream: null,
      partial: false,
      extension: 'mkv',
      warnings: [],
    });
  });

  it('names files at the footage root after the footage', () => {
    expect(parse('export.mp4')).toMatchObject({ cameraKey: 'footage', cameraLabel: 'footage' });
  });

  it('skips date and hour folders to find the camera folder', () => {
    expect(parse('site/Hof Süd/2026-03-14/14/a.avi')).toMatchObject({ cameraKey: 'site/Hof Süd', cameraLabel: 'Hof Süd' });
    expect(parse('2026-03-14/a.avi')).toMatchObject({ cameraKey: 'footage' });
  });

  it.each(['mp4', 'mkv', 'avi', 'mov', 'ts', 'm2ts', 'dav', 'h264', '264', 'asf', 'MOV'])('accepts .%s', (extension) => {
    expect(parse(`cam/video.${extension}`)?.extension).toBe(extension.toLowerCase());
  });

  it('marks a Dahua-style partial file and says so', () => {
    expect(parse('cam/odd name.dav_')).toMatchObject({ partial: true, extension: 'dav', warnings: ['file name marks it as still being written'] });
  });

  it.each([
    ['a text file', 'notes.txt'],
    ['a snapshot', 'cam/snap.jpg'],
    ['no extension', 'cam/mp4'],
    ['a macOS resource fork', 'cam/._clip.mp4'],
    ['a hidden file', '.hidden.mp4'],
    ['a folder path', 'cam/clip.mp4/'],
    ['a path climbing out', '../cam/clip.mp4'],
    ['empty string', ''],
  ])('rejects %s', (_reason, relPath) => {
    expect(parse(relPath)).toBeNull();
  });
});

describe('genericLayout.format', () => {
  it('writes a file in a camera folder that reads back', () => {
    const relPath = genericLayout.format({ cameraIndex: 2, cameraName: 'Till/Front', start, end: start, extension: 'MOV' });
    expect(relPath).toBe('Till-Front/clip-20260314140000.mov');
    expect(parse(relPath)).toMatchObject({ cameraKey: 'Till-Front', extension: 'mov' });
  });

  it('falls back to mp4 for an extension that is not video', () => {
    expect(genericLayout.format({ cameraIndex: 2, cameraName: '', start, end: start, extension: 'txt' })).toBe('Camera 2/clip-20260314140000.mp4');
  });
});
