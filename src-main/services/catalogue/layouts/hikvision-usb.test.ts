import { describe, expect, it } from 'vitest';
import { localAt } from '../../../../test/helpers/local-at';
import { hikvisionUsbLayout } from './hikvision-usb';

const at = localAt;
const parse = hikvisionUsbLayout.parse;

describe('hikvisionUsbLayout.parse', () => {
  it('reads the unseparated form with a prefix and a part number', () => {
    expect(parse('d_PT402_ch012019112016124820191120161258_1.mp4')).toEqual({
      layout: 'hikvision-usb',
      cameraKey: 'd_PT402/ch01',
      cameraLabel: 'Camera 1 (d_PT402)',
      start: at(2019, 11, 20, 16, 12, 48),
      end: at(2019, 11, 20, 16, 12, 58),
      clock: 'local',
      dstHint: null,
      eventKind: null,
      stream: null,
      partial: false,
      extension: 'mp4',
      warnings: [],
    });
  });

  it('reads a start-only name', () => {
    const parsed = parse('export/ch01_20260314140000.mp4');
    expect(parsed).toMatchObject({ cameraKey: 'ch01', cameraLabel: 'Camera 1', start: at(2026, 3, 14, 14, 0, 0), end: null });
  });

  it('reads the separated form with start and end', () => {
    const parsed = parse('ch02_20260314140000_20260314140500.mp4');
    expect(parsed).toMatchObject({ cameraKey: 'ch02', start: at(2026, 3, 14, 14, 0, 0), end: at(2026, 3, 14, 14, 5, 0) });
  });

  it('reads a midnight-crossing export and a three-digit channel when an underscore bounds it', () => {
    expect(parse('CH101_20261231235500_20270101000500.MP4')).toMatchObject({
      cameraKey: 'ch101', start: at(2026, 12, 31, 23, 55, 0), end: at(2027, 1, 1, 0, 5, 0), extension: 'mp4',
    });
  });

  it('keeps a unicode prefix with spaces as the recorder scope', () => {
    expect(parse('Café Nord_ch03_20260314140000.mp4')).toMatchObject({ cameraKey: 'Café Nord/ch03', cameraLabel: 'Camera 3 (Café Nord)' });
  });

  it('warns about zero-length exports and drops an end before the start', () => {
    expect(parse('ch01_20260314140000_20260314140000.mp4')?.warnings).toEqual(['zero-length recording']);
    const backwards = parse('ch01_20260314140500_20260314140000.mp4');
    expect(backwards?.end).toBeNull();
    expect(backwards?.warnings).toEqual(['end time in the name is before the start time; end ignored']);
  });

  it.each([
    ['month 13 in the start', 'ch01_20261314140000.mp4'],
    ['31 February in the end', 'ch01_20260214140000_20260231140500.mp4'],
    ['25 o’clock', 'ch0120260314250000.mp4'],
    ['a one-digit channel run into the digits', 'ch120260314140000.mp4'],
    ['a three-digit channel run into the digits', 'ch10120260314140000.mp4'],
    ['a partial file', 'ch01_20260314140000.mp4_'],
    ['another container', 'ch01_20260314140000.avi'],
    ['a macOS resource fork', '._ch01_20260314140000.mp4'],
    ['no channel', '20260314140000_20260314140500.mp4'],
  ])('rejects %s', (_reason, relPath) => {
    expect(parse(relPath)).toBeNull();
  });
});

describe('hikvisionUsbLayout.format', () => {
  it('writes an export name that reads back', () => {
    const start = at(2026, 3, 14, 14, 0, 0);
    const end = at(2026, 3, 14, 14, 5, 0);
    const relPath = hikvisionUsbLayout.format({ cameraIndex: 7, cameraName: 'Gate', start, end, extension: 'mkv' });
    expect(relPath).toBe('ch07_20260314140000_20260314140500.mp4');
    expect(parse(relPath)).toMatchObject({ cameraKey: 'ch07', start, end });
  });
});
