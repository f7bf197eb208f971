import { describe, expect, it } from 'vitest';
import { buildPacketTimesArgs, firstFrameAtOrAfter, keyframeAtOrBefore, packetEndsInterval, packetWindowInterval, parsePacketTimes } from './export-probe';

const LISTING = JSON.stringify({
  packets: [
    { pts_time: '1.400000', duration_time: '0.100000', flags: 'K__' },
    { pts_time: '1.700000', flags: '___' },
    { pts_time: '1.500000', flags: '___' },
    { pts_time: 'N/A', flags: 'K__' },
    { pts_time: '3.400000', flags: 'K__' },
    { pts_time: '3.500000', flags: '___' },
  ],
  format: { start_time: '1.400000', duration: '10.0' },
});

describe('packet times', () => {
  it('lists one stream by index, with both ends of a window as the file\'s own timestamps', () => {
    const args = buildPacketTimesArgs({ inFile: '/f/a.ts', streamIndex: 1, intervals: packetWindowInterval({ startTimeS: 1.4, fromS: 0, toS: 3.3 }) });
    expect(args[args.indexOf('-select_streams') + 1]).toBe('1');
    expect(args[args.indexOf('-read_intervals') + 1]).toBe('1.400000%4.700000');
    expect(args.at(-1)).toBe('/f/a.ts');
    expect(packetEndsInterval({ count: 100, tailFromS: 590 })).toBe('%+#100,590.000000%+604800');
    expect(packetEndsInterval({ count: 100, tailFromS: null })).toBe('%+#100');
  });

  it('reads the listing, leaving out packets without a time', () => {
    const times = parsePacketTimes(LISTING);
    expect(times.startTimeS).toBe(1.4);
    expect(times.packets).toHaveLength(5);
    expect(times.packets[0]).toEqual({ ptsS: 1.4, durationS: 0.1, key: true });
  });

  it('finds the keyframe at or before a point and the first frame at or after it, counted from the file start', () => {
    const times = parsePacketTimes(LISTING);
    expect(keyframeAtOrBefore({ times, atS: 1.9 })).toBeCloseTo(0, 9);
    expect(keyframeAtOrBefore({ times, atS: 2 })).toBeCloseTo(2, 9);
    expect(keyframeAtOrBefore({ times, atS: 1.9995 })).toBeCloseTo(2, 9);
    expect(firstFrameAtOrAfter({ times, atS: 0.05 })).toBeCloseTo(0.1, 9);
    expect(firstFrameAtOrAfter({ times, atS: 0.2 })).toBeCloseTo(0.3, 9);
    expect(firstFrameAtOrAfter({ times, atS: 5 })).toBeNull();
    expect(keyframeAtOrBefore({ times: parsePacketTimes('{}'), atS: 1 })).toBeNull();
  });
});
