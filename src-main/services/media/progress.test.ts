import { describe, expect, it } from 'vitest';
import { createProgressReader, parseProgressBlock, type FfmpegProgress } from './progress';

const block = `frame=120
fps=60.00
stream_0_0_q=28.0
bitrate= 512.3kbits/s
total_size=262192
out_time_us=4000000
out_time_ms=4000000
out_time=00:00:04.000000
dup_frames=0
drop_frames=0
speed=2.01x
progress=continue`.split('\n');

describe('parseProgressBlock', () => {
  it('reads time, speed, frame and size', () => {
    expect(parseProgressBlock(block)).toEqual({ outTimeS: 4, speed: 2.01, frame: 120, totalSizeBytes: 262192, ended: false });
  });

  it('copes with the N/A values ffmpeg prints before the first frame', () => {
    const early = parseProgressBlock(['frame=0', 'total_size=N/A', 'out_time_us=N/A', 'out_time=N/A', 'speed=N/A', 'progress=continue']);
    expect(early).toEqual({ outTimeS: null, speed: null, frame: 0, totalSizeBytes: null, ended: false });
  });

  it('falls back to the clock form and treats negative times as unknown', () => {
    expect(parseProgressBlock(['out_time=01:02:03.500000', 'progress=end'])).toMatchObject({ outTimeS: 3723.5, ended: true });
    expect(parseProgressBlock(['out_time_us=-9223372036854775807', 'out_time=-577014:32:22.775808', 'progress=continue']).outTimeS).toBeNull();
  });
});

describe('createProgressReader', () => {
  it('reassembles blocks split across chunks and CRLF line ends', () => {
    const seen: FfmpegProgress[] = [];
    const reader = createProgressReader((progress) => seen.push(progress));
    const text = `${block.join('\r\n')}\r\nout_time_us=5000000\nspeed=1x\nprogress=end\n`;
    for (let i = 0; i < text.length; i += 7) reader.push(text.slice(i, i + 7));
    expect(seen.map((p) => [p.outTimeS, p.speed, p.ended])).toEqual([
      [4, 2.01, false],
      [5, 1, true],
    ]);
  });
});
