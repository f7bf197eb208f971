import { describe, expect, it } from 'vitest';
import { pickFrameShownAt, readPngSize } from './still-frame';

describe('pickFrameShownAt', () => {
  // 5 frames a second, listed in decoding order as a B-frame stream would be.
  const ptsS = [10, 10.4, 10.2, 10.8, 10.6, 11];

  it('takes the frame on screen: the last at or before the instant, not the next one', () => {
    expect(pickFrameShownAt({ ptsS, offsetS: 10.5 })).toMatchObject({ frameS: 10.4 });
    expect(pickFrameShownAt({ ptsS, offsetS: 10.599 })).toMatchObject({ frameS: 10.4 });
    expect(pickFrameShownAt({ ptsS, offsetS: 10.6 })).toMatchObject({ frameS: 10.6 });
    expect(pickFrameShownAt({ ptsS, offsetS: 30 })).toMatchObject({ frameS: 11 });
  });

  it('aims ffmpeg between the frame before and the chosen one, so rounding cannot pick a neighbour', () => {
    const picked = pickFrameShownAt({ ptsS, offsetS: 10.5 })!;
    expect(picked.seekS).toBeGreaterThan(10.2);
    expect(picked.seekS).toBeLessThan(10.4);
  });

  it('takes the first frame when the instant is before it, and nothing from no frames', () => {
    expect(pickFrameShownAt({ ptsS: [0.4, 0.6], offsetS: 0 })).toEqual({ kind: 'frame', frameS: 0.4, seekS: 0.4 - 0.001 });
    expect(pickFrameShownAt({ ptsS: [0], offsetS: 0 })).toEqual({ kind: 'frame', frameS: 0, seekS: 0 });
    expect(pickFrameShownAt({ ptsS: [], offsetS: 3 })).toBeNull();
  });

  it('treats a frame within half a millisecond as at the instant (ms against microsecond decimals)', () => {
    expect(pickFrameShownAt({ ptsS: [0.033367, 0.066733], offsetS: 0.0667 })).toMatchObject({ frameS: 0.066733 });
  });
});

describe('readPngSize', () => {
  it('reads width and height from the header, and refuses anything else', () => {
    const header = Buffer.alloc(24);
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(header, 0);
    header.writeUInt32BE(13, 8);
    header.write('IHDR', 12, 'latin1');
    header.writeUInt32BE(1920, 16);
    header.writeUInt32BE(1080, 20);
    expect(readPngSize(header)).toEqual({ width: 1920, height: 1080 });
    expect(readPngSize(header.subarray(0, 20))).toBeNull();
    expect(readPngSize(Buffer.from('partial output from a failed ffmpeg run'))).toBeNull();
  });
});
