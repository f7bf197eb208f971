import { describe, expect, it } from 'vitest';
import type { LocalDateTime } from '../../../../src-shared/domain/local-time';
import { LAYOUT_IDS, LAYOUT_PARSERS, detectLayout, layoutParserById, type LayoutId } from './index';

describe('LAYOUT_PARSERS', () => {
  it('holds every layout exactly once, with generic last', () => {
    const ids = LAYOUT_PARSERS.map((parser) => parser.id);
    expect([...ids].sort()).toEqual([...LAYOUT_IDS].sort());
    expect(ids.at(-1)).toBe('generic');
  });

  it('finds a parser by id', () => {
    expect(layoutParserById('frigate').id).toBe('frigate');
  });
});

describe('detectLayout', () => {
  it.each<[LayoutId, string]>([
    ['dahua-sd', '2026-03-14/001/dav/14/14.00.00-14.05.00[R][0@0][0].dav'],
    ['dahua-sd', 'AMC0123_ABCDEF/2026-03-14/001/14hour/mp4/14.00.00-14.05.00[R][0@0][0].mp4'],
    ['dahua-usb', 'NVR_ch2_main_20260314140000_20260314140500.dav'],
    ['hikvision-usb', 'd_PT402_ch012019112016124820191120161258_1.mp4'],
    ['reolink-sd', 'Mp4Record/2026-03-14/RecM02_20260314_140000_140500_6D28808_1A2B3C.mp4'],
    ['reolink-ftp', '2026/03/14/FrontDoor_00_20260314140000.mp4'],
    ['frigate', 'recordings/2026-03-14/14/front_door/05.10.mp4'],
    ['generic', 'Front Door/VID_0001.mp4'],
    // Right folders but a garbled name: the file is still footage, so the catch-all takes it.
    ['generic', '2026-03-14/001/dav/14/14.00.00-14.05.00[R][0@0][0] (copy).dav'],
    ['generic', 'recordings/2026-03-14/14/front_door/05.61.mp4'],
  ])('reads it as %s: %s', (layout, relPath) => {
    expect(detectLayout(relPath)?.layout).toBe(layout);
  });

  it('returns null for files that are not video', () => {
    expect(detectLayout('notes.txt')).toBeNull();
    expect(detectLayout('Mp4Record/2026-03-14/RecM02_20260314_140000_140500_6D28808_1A2B3C.jpg')).toBeNull();
  });

  it('returns null for hidden files even where a layout would otherwise match', () => {
    expect(detectLayout('2026-03-14/001/dav/14/._14.00.00-14.05.00[R][0@0][0].dav')).toBeNull();
  });

  it('reads every layout’s own demo output back as that layout', () => {
    const start: LocalDateTime = { year: 2026, month: 3, day: 14, hour: 14, minute: 0, second: 0 };
    const end: LocalDateTime = { ...start, minute: 5 };
    for (const parser of LAYOUT_PARSERS) {
      const relPath = parser.format({ cameraIndex: 1, cameraName: 'Front Door', start, end });
      expect(detectLayout(relPath)?.layout, relPath).toBe(parser.id);
    }
  });
});
