import { describe, expect, it } from 'vitest';
import { localAt } from '../../../../test/helpers/local-at';
import { reolinkFtpLayout } from './reolink-ftp';

const at = localAt;
const parse = reolinkFtpLayout.parse;

describe('reolinkFtpLayout.parse', () => {
  it('reads an upload at the FTP root', () => {
    expect(parse('2026/03/14/FrontDoor_00_20260314140000.mp4')).toEqual({
      layout: 'reolink-ftp',
      cameraKey: 'FrontDoor',
      cameraLabel: 'FrontDoor',
      start: at(2026, 3, 14, 14, 0, 0),
      end: null,
      clock: 'local',
      dstHint: null,
      eventKind: null,
      stream: null,
      partial: false,
      extension: 'mp4',
      warnings: [],
    });
  });

  it('reads an upload nested below a root folder, keeping underscores and unicode in the camera name', () => {
    const parsed = parse('reolink uploads/2026/03/14/Hinterhof_Tür_2_01_20260314235959.MP4');
    expect(parsed).toMatchObject({ cameraKey: 'Hinterhof_Tür_2', cameraLabel: 'Hinterhof_Tür_2', start: at(2026, 3, 14, 23, 59, 59) });
  });

  it('warns when the date folders disagree with the name', () => {
    const parsed = parse('2026/03/15/FrontDoor_00_20260314235959.mp4');
    expect(parsed?.warnings).toEqual(['date folder 2026/03/15 does not match the date 2026-03-14 in the name']);
  });

  it.each([
    ['month 13 in the name', '2026/03/14/FrontDoor_00_20261314140000.mp4'],
    ['31 February in the folders', '2026/02/31/FrontDoor_00_20260228140000.mp4'],
    ['25 o’clock', '2026/03/14/FrontDoor_00_20260314250000.mp4'],
    ['no camera name', '2026/03/14/_00_20260314140000.mp4'],
    ['a one-digit day folder', '2026/03/4/FrontDoor_00_20260304140000.mp4'],
    ['no date folders', 'FrontDoor_00_20260314140000.mp4'],
    ['a snapshot', '2026/03/14/FrontDoor_00_20260314140000.jpg'],
    ['a macOS resource fork', '2026/03/14/._FrontDoor_00_20260314140000.mp4'],
  ])('rejects %s', (_reason, relPath) => {
    expect(parse(relPath)).toBeNull();
  });
});

describe('reolinkFtpLayout.format', () => {
  it('writes an upload path that reads back', () => {
    const start = at(2026, 3, 14, 9, 5, 7);
    const relPath = reolinkFtpLayout.format({ cameraIndex: 1, cameraName: 'Side Gate_2', start, end: start });
    expect(relPath).toBe('2026/03/14/Side Gate_2_00_20260314090507.mp4');
    expect(parse(relPath)).toMatchObject({ cameraKey: 'Side Gate_2', start, end: null, warnings: [] });
  });
});
