import { describe, expect, it } from 'vitest';
import { localAt } from '../../../../test/helpers/local-at';
import { dahuaSdLayout } from './dahua-sd';

const at = localAt;
const parse = dahuaSdLayout.parse;

describe('dahuaSdLayout.parse', () => {
  it('reads a regular recording from the card root', () => {
    expect(parse('2026-03-14/001/dav/14/14.00.00-14.05.00[R][0@0][0].dav')).toEqual({
      layout: 'dahua-sd',
      cameraKey: 'ch01',
      cameraLabel: 'Camera 1',
      start: at(2026, 3, 14, 14, 0, 0),
      end: at(2026, 3, 14, 14, 5, 0),
      clock: 'local',
      dstHint: null,
      eventKind: 'regular',
      stream: null,
      partial: false,
      extension: 'dav',
      warnings: [],
    });
  });

  it('moves the end to the next day when the span crosses midnight', () => {
    const parsed = parse('2026-03-14/002/dav/23/23.58.10-00.03.10[M][0@0][0].mp4');
    expect(parsed).toMatchObject({ cameraKey: 'ch02', cameraLabel: 'Camera 2', eventKind: 'motion', extension: 'mp4' });
    expect(parsed?.start).toEqual(at(2026, 3, 14, 23, 58, 10));
    expect(parsed?.end).toEqual(at(2026, 3, 15, 0, 3, 10));
    expect(parsed?.warnings).toEqual([]);
  });

  it('crosses into the next year on New Year’s Eve', () => {
    const parsed = parse('2026-12-31/016/dav/23/23.59.00-00.01.00[A][0@0][0].dav');
    expect(parsed).toMatchObject({ cameraKey: 'ch16', eventKind: 'alarm' });
    expect(parsed?.end).toEqual(at(2027, 1, 1, 0, 1, 0));
  });

  it('warns when the midnight crossing would make an implausibly long recording', () => {
    const parsed = parse('2026-10-25/001/dav/01/01.58.00-01.03.00[R][0@0][0].dav');
    expect(parsed?.end).toEqual(at(2026, 10, 26, 1, 3, 0));
    expect(parsed?.warnings.join(' ')).toMatch(/clock may have been changed/);
  });

  it('accepts a zero-length recording with a warning', () => {
    const parsed = parse('2026-03-14/001/dav/14/14.02.31-14.02.31[R][0@0][0].dav');
    expect(parsed?.start).toEqual(parsed?.end);
    expect(parsed?.warnings).toEqual(['zero-length recording']);
  });

  it.each([
    ['2026-03-14/001/dav/14/14.00.00-14.05.00[R][0@0][0].mp4_', 'mp4'],
    ['2026-03-14/001/dav/14/14.00.00-14.05.00[R][0@0][0].dav_', 'dav'],
  ])('marks %s as still being written', (relPath, extension) => {
    expect(parse(relPath)).toMatchObject({ partial: true, extension });
  });

  it.each([
    '2026-03-14/001/14hour/mp4/14.00.00-14.05.00[R][0@0][0].mp4',
    '2026-03-14/001/mp4/14hour/14.00.00-14.05.00[R][0@0][0].mp4',
    '2026-03-14/001/mp4/14/14.00.00-14.05.00[R][0@0][0].mp4',
    '2026-03-14/001/DAV/14/14.00.00-14.05.00[R][0@0][0].DAV',
    '2026-03-14/001/dav/14/14.00.00-14.05.00[R].dav',
  ])('accepts the folder and name variant %s', (relPath) => {
    const parsed = parse(relPath);
    expect(parsed).toMatchObject({ cameraKey: 'ch01', start: at(2026, 3, 14, 14, 0, 0), end: at(2026, 3, 14, 14, 5, 0) });
    expect(parsed?.warnings).toEqual([]);
  });

  it('keeps cameras from different recorders under an FTP root apart', () => {
    const first = parse('AMC0123_ABCDEF/2026-03-14/001/dav/14/14.00.00-14.05.00[R][0@0][0].dav');
    const second = parse('ftp/Ström Café/2026-03-14/001/dav/14/14.00.00-14.05.00[R][0@0][0].dav');
    expect(first).toMatchObject({ cameraKey: 'AMC0123_ABCDEF/ch01', cameraLabel: 'Camera 1 (AMC0123_ABCDEF)' });
    expect(second).toMatchObject({ cameraKey: 'ftp/Ström Café/ch01', cameraLabel: 'Camera 1 (Ström Café)' });
  });

  it('still reads a file whose hour folder disagrees with its name, with a warning', () => {
    const parsed = parse('2026-03-14/001/dav/13/14.00.00-14.05.00[R][0@0][0].dav');
    expect(parsed?.start).toEqual(at(2026, 3, 14, 14, 0, 0));
    expect(parsed?.warnings).toEqual(['hour folder 13 does not match the start time 14:xx in the name']);
  });

  it('reads an unfamiliar recording type letter but says so', () => {
    const parsed = parse('2026-03-14/001/dav/14/14.00.00-14.05.00[H][0@0][0].dav');
    expect(parsed?.eventKind).toBeNull();
    expect(parsed?.warnings).toEqual(["unrecognised recording type code 'H'"]);
  });

  it.each([
    ['month 13', '2026-13-14/001/dav/14/14.00.00-14.05.00[R][0@0][0].dav'],
    ['31 February', '2026-02-31/001/dav/14/14.00.00-14.05.00[R][0@0][0].dav'],
    ['hour 25 in the name', '2026-03-14/001/dav/14/25.00.00-14.05.00[R][0@0][0].dav'],
    ['minute 60 in the end', '2026-03-14/001/dav/14/14.00.00-14.60.00[R][0@0][0].dav'],
    ['hour folder 24', '2026-03-14/001/dav/24/14.00.00-14.05.00[R][0@0][0].dav'],
    ['two-digit channel folder', '2026-03-14/01/dav/14/14.00.00-14.05.00[R][0@0][0].dav'],
    ['snapshot folder', '2026-03-14/001/jpg/14/14.00.00-14.05.00[R][0@0][0].dav'],
    ['snapshot file', '2026-03-14/001/dav/14/14.00.00-14.05.00[R][0@0][0].jpg'],
    ['macOS resource fork', '2026-03-14/001/dav/14/._14.00.00-14.05.00[R][0@0][0].dav'],
    ['missing date folder', '001/dav/14/14.00.00-14.05.00[R][0@0][0].dav'],
    ['path climbing out of the folder', '../2026-03-14/001/dav/14/14.00.00-14.05.00[R][0@0][0].dav'],
    ['backslash separators', '2026-03-14\\001\\dav\\14\\14.00.00-14.05.00[R][0@0][0].dav'],
    ['empty string', ''],
  ])('rejects %s', (_reason, relPath) => {
    expect(parse(relPath)).toBeNull();
  });
});

describe('dahuaSdLayout.format', () => {
  it.each([
    { eventKind: 'regular' as const, extension: undefined, expected: '2026-03-14/003/dav/14/14.00.00-14.05.00[R][0@0][0].dav' },
    { eventKind: 'motion' as const, extension: 'mp4', expected: '2026-03-14/003/dav/14/14.00.00-14.05.00[M][0@0][0].mp4' },
    { eventKind: 'alarm' as const, extension: 'MP4', expected: '2026-03-14/003/dav/14/14.00.00-14.05.00[A][0@0][0].mp4' },
  ])('writes $expected and reads it back', ({ eventKind, extension, expected }) => {
    const start = at(2026, 3, 14, 14, 0, 0);
    const end = at(2026, 3, 14, 14, 5, 0);
    const relPath = dahuaSdLayout.format({ cameraIndex: 3, cameraName: 'ignored', start, end, eventKind, extension });
    expect(relPath).toBe(expected);
    expect(parse(relPath)).toMatchObject({ cameraKey: 'ch03', start, end, eventKind, warnings: [] });
  });

  it('round-trips a recording that runs past midnight', () => {
    const start = at(2026, 2, 28, 23, 55, 0);
    const end = at(2026, 3, 1, 0, 5, 0);
    const parsed = parse(dahuaSdLayout.format({ cameraIndex: 12, cameraName: 'Yard', start, end }));
    expect(parsed).toMatchObject({ cameraKey: 'ch12', start, end, eventKind: 'regular' });
  });
});
