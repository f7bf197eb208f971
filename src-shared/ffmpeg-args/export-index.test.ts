import { describe, expect, it } from 'vitest';
import { buildReencodeArgs, buildRemuxArgs } from './export';
import { AAC_PACKETS_PER_S, INDEX_BYTES_PER_PACKET, INDEX_FIXED_BYTES, indexArgs, indexPlacement, indexProblem, reservedIndexBytes, RESERVE_INDEX_FROM_S } from './export-index';

function valuesAfter(args: readonly string[], flag: string): string[] {
  return args.flatMap((arg, index) => (arg === flag ? [args[index + 1]!] : []));
}

describe('reservedIndexBytes', () => {
  it('sizes the room from the expected video and AAC packets, generously, plus a fixed slack', () => {
    // 100 s at 25 fps, no sound: 2,500 frames.
    expect(reservedIndexBytes({ durationS: 100, frameRate: 25, audio: false })).toBe(2500 * INDEX_BYTES_PER_PACKET + INDEX_FIXED_BYTES);
    // An hour at 25 fps with sound: 90,000 frames and 168,750 AAC frames at 48 kHz.
    expect(reservedIndexBytes({ durationS: 3600, frameRate: 25, audio: true })).toBe((90_000 + Math.ceil(3600 * AAC_PACKETS_PER_S)) * INDEX_BYTES_PER_PACKET + INDEX_FIXED_BYTES);
    // Measured: an hour-long remux like that needs well under half of it (about 11 bytes a packet).
    expect(reservedIndexBytes({ durationS: 3600, frameRate: 25, audio: true })!).toBeGreaterThan(2.5 * 11 * (90_000 + 168_750));
  });

  it('leaves short copies, and copies of unknown length or frame rate, to +faststart', () => {
    expect(reservedIndexBytes({ durationS: RESERVE_INDEX_FROM_S - 1, frameRate: 25, audio: true })).toBeNull();
    expect(reservedIndexBytes({ durationS: null, frameRate: 25, audio: true })).toBeNull();
    expect(reservedIndexBytes({ durationS: 600, frameRate: null, audio: false })).toBeNull();
    expect(reservedIndexBytes({ durationS: 600, frameRate: 0, audio: false })).toBeNull();
    // A container's time base posing as a frame rate would reserve gigabytes.
    expect(reservedIndexBytes({ durationS: 600, frameRate: 90_000, audio: false })).toBeNull();
    expect(reservedIndexBytes({ durationS: Number.NaN, frameRate: 25, audio: false })).toBeNull();
  });
});

describe('index placement arguments', () => {
  it('reserves room with -moov_size, or moves the index with +faststart', () => {
    expect(indexArgs(indexPlacement(200_000))).toEqual(['-moov_size', '200000']);
    expect(indexArgs(indexPlacement(null))).toEqual(['-movflags', '+faststart']);
    expect(() => indexArgs({ kind: 'reserved', bytes: 1.5 })).toThrow(RangeError);
  });

  it('puts the choice in a remux and never in a re-encode', () => {
    const remux = (index?: Parameters<typeof buildRemuxArgs>[0]['index']) =>
      buildRemuxArgs({ source: { kind: 'file', file: 'in.mp4', seekS: 0 }, durationS: null, videoIndex: 0, audioIndex: null, audio: 'none', outFile: 'o.mp4', index });
    const reserved = remux({ kind: 'reserved', bytes: 144_036 });
    expect(valuesAfter(reserved, '-moov_size')).toEqual(['144036']);
    expect(reserved).not.toContain('-movflags');
    expect(reserved.slice(-3)).toEqual(['-f', 'mp4', 'o.mp4']);
    expect(valuesAfter(remux(), '-movflags')).toEqual(['+faststart']);
    const reencode = buildReencodeArgs({
      source: { kind: 'file', file: 'in.mp4', seekS: 0 },
      cutS: 0,
      durationS: 600,
      videoIndex: 0,
      audioIndex: null,
      filters: '',
      encoder: 'libx264',
      preset: 'original',
      frameRate: 25,
      outFile: 'o.mp4',
    });
    expect(valuesAfter(reencode, '-movflags')).toEqual(['+faststart']);
    expect(reencode).not.toContain('-moov_size');
  });
});

describe('indexProblem', () => {
  it("recognises ffmpeg 5.1's words when the room was too small or the file could not be finished", () => {
    // What ffmpeg 5.1 printed for `-moov_size 100` (and then exited with 0).
    const said = '[mp4 @ 0x563e211ba840] reserved_moov_size is too small, needed 10340 additional\nError writing trailer of tiny.mp4: Invalid argument\n';
    expect(indexProblem(said)).toBe('too_small');
    expect(indexProblem('Error writing trailer of o.mp4: No space left on device\n')).toBe('trailer_failed');
    expect(indexProblem('[h264 @ 0x1] Invalid NAL unit size (54 > 50).\n')).toBeNull();
    expect(indexProblem('')).toBeNull();
  });
});
