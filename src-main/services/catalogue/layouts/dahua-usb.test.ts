import { describe, expect, it } from 'vitest';
import { localAt } from '../../../../test/helpers/local-at';
import { dahuaUsbLayout } from './dahua-usb';

const at = localAt;
const parse = dahuaUsbLayout.parse;

describe('dahuaUsbLayout.parse', () => {
  it('reads a main-stream export', () => {
    expect(parse('NVR_ch2_main_20260314140000_20260314140500.dav')).toEqual({
      layout: 'dahua-usb',
      cameraKey: 'NVR/ch02',
      cameraLabel: 'Camera 2 (NVR)',
      start: at(2026, 3, 14, 14, 0, 0),
      end: at(2026, 3, 14, 14, 5, 0),
      clock: 'local',
      dstHint: null,
      eventKind: null,
      stream: 'main',
      partial: false,
      extension: 'dav',
      warnings: [],
    });
  });

  it('reads a sub-stream part that runs past midnight, in a folder', () => {
    const parsed = parse('USB export/XVR5108_ch12_sub_20260314235900_20260315000400_1.mp4');
    expect(parsed).toMatchObject({ cameraKey: 'XVR5108/ch12', stream: 'sub', extension: 'mp4' });
    expect(parsed?.start).toEqual(at(2026, 3, 14, 23, 59, 0));
    expect(parsed?.end).toEqual(at(2026, 3, 15, 0, 4, 0));
  });

  it('keeps underscores, spaces and non-Latin letters in the device name', () => {
    const parsed = parse('Shop_Front NVR_Ü_ch1_main_20260314140000_20260314140500_2_x.dav');
    expect(parsed).toMatchObject({ cameraKey: 'Shop_Front NVR_Ü/ch01', cameraLabel: 'Camera 1 (Shop_Front NVR_Ü)' });
  });

  it('reads channel, stream and extension case-insensitively and marks partial files', () => {
    expect(parse('Lorex_CH3_MAIN_20260314140000_20260314140500.DAV_')).toMatchObject({
      cameraKey: 'Lorex/ch03', stream: 'main', extension: 'dav', partial: true,
    });
  });

  it('accepts a zero-length export with a warning', () => {
    expect(parse('NVR_ch2_main_20260314140000_20260314140000.dav')?.warnings).toEqual(['zero-length recording']);
  });

  it('drops an end that is before the start rather than invent a span', () => {
    const parsed = parse('NVR_ch2_main_20261025015800_20261025010300.dav');
    expect(parsed?.start).toEqual(at(2026, 10, 25, 1, 58, 0));
    expect(parsed?.end).toBeNull();
    expect(parsed?.warnings).toEqual(['end time in the name is before the start time; end ignored']);
  });

  it.each([
    ['no device name', '_ch2_main_20260314140000_20260314140500.dav'],
    ['unknown stream', 'NVR_ch2_extra_20260314140000_20260314140500.dav'],
    ['month 13', 'NVR_ch2_main_20261314140000_20261314140500.dav'],
    ['31 February', 'NVR_ch2_main_20260231140000_20260231140500.dav'],
    ['25 o’clock end', 'NVR_ch2_main_20260314140000_20260314250000.dav'],
    ['13-digit timestamp', 'NVR_ch2_main_2026031414000_20260314140500.dav'],
    ['only one timestamp', 'NVR_ch2_main_20260314140000.dav'],
    ['not a video', 'NVR_ch2_main_20260314140000_20260314140500.txt'],
    ['macOS resource fork', '._NVR_ch2_main_20260314140000_20260314140500.dav'],
  ])('rejects %s', (_reason, relPath) => {
    expect(parse(relPath)).toBeNull();
  });
});

describe('dahuaUsbLayout.format', () => {
  it('writes an export name that reads back', () => {
    const start = at(2026, 3, 14, 23, 59, 0);
    const end = at(2026, 3, 15, 0, 4, 0);
    const relPath = dahuaUsbLayout.format({ cameraIndex: 4, cameraName: 'Till', start, end, extension: 'mp4' });
    expect(relPath).toBe('XVR_ch4_main_20260314235900_20260315000400.mp4');
    expect(parse(relPath)).toMatchObject({ cameraKey: 'XVR/ch04', start, end, stream: 'main', extension: 'mp4' });
  });

  it('falls back to .dav for a container the recorder does not write', () => {
    const start = at(2026, 3, 14, 14, 0, 0);
    const relPath = dahuaUsbLayout.format({ cameraIndex: 1, cameraName: 'x', start, end: start, extension: 'mkv' });
    expect(relPath.endsWith('.dav')).toBe(true);
    expect(parse(relPath)?.start).toEqual(start);
  });
});
