import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { realFixture } from '../../../test/helpers/real-fixtures';
import { createMemoryLogger } from '../logger';
import { resolveMediaTools } from './binaries';
import { parseFrameRate, parseProbeJson, probeMedia } from './probe';


describe('parseProbeJson', () => {
  it('reads format and streams, turning N/A and missing fields into null', () => {
    const parsed = parseProbeJson(
      JSON.stringify({
        format: { format_name: 'mov,mp4', duration: '27.000', start_time: 'N/A', size: '479881', tags: { creation_time: '2020-06-01T16:29:17.000000Z' } },
        streams: [
          { index: 0, codec_type: 'video', codec_name: 'h264', width: 640, height: 480, pix_fmt: 'yuv420p', avg_frame_rate: '10/1' },
          { index: 1, codec_type: 'audio', codec_name: 'aac', avg_frame_rate: '0/0' },
        ],
      }),
    );
    expect(parsed).toMatchObject({ formatName: 'mov,mp4', durationS: 27, startTimeS: null, sizeBytes: 479881, creationTime: '2020-06-01T16:29:17.000000Z' });
    expect(parsed.streams[0]).toMatchObject({ codecType: 'video', frameRate: 10, width: 640 });
    expect(parsed.streams[1]).toMatchObject({ codecType: 'audio', frameRate: null, width: null });
  });

  it('copes with an empty object', () => {
    expect(parseProbeJson('{}')).toEqual({ formatName: null, durationS: null, startTimeS: null, sizeBytes: null, creationTime: null, streams: [] });
  });

  it('parses frame rates', () => {
    expect(parseFrameRate('30000/1001')).toBeCloseTo(29.97, 2);
    expect(parseFrameRate('0/0')).toBeNull();
    expect(parseFrameRate('25')).toBe(25);
    expect(parseFrameRate(undefined)).toBeNull();
  });
});

describe('probeMedia on real camera files', () => {
  const tools = resolveMediaTools();
  it('reads the Amcrest clip: H.264 with AAC and a creation time', async () => {
    const probe = await probeMedia({ ffprobe: tools.ffprobe, file: realFixture('amcrest-1591028951.mp4'), logger: createMemoryLogger() });
    expect(probe.streams.map((s) => s.codecName)).toEqual(expect.arrayContaining(['h264', 'aac']));
    expect(probe.creationTime).toMatch(/^2020-06-01T16:29:17/);
    expect(probe.durationS).toBeGreaterThan(26);
  });

  it('survives the AXIS file with a deliberately broken NAL unit', async () => {
    const probe = await probeMedia({ ffprobe: tools.ffprobe, file: realFixture('axis-20220914_093512_A4D4.mkv'), logger: createMemoryLogger() });
    expect(probe.formatName).toMatch(/matroska/);
    expect(probe.streams[0]).toMatchObject({ codecName: 'h264', width: 240, height: 240 });
  });
});

describe('probeMedia on MPEG-TS', () => {
  it('reads a .ts recording (the bundled ffprobe crashes on these on some machines; the PATH copy then takes over)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'handover-probe-ts-'));
    try {
      const tools = resolveMediaTools();
      const file = path.join(dir, 'clip.ts');
      execFileSync(tools.ffmpeg.path, ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=160x120:rate=10', '-t', '1', '-c:v', 'libx264', file]);
      const probe = await probeMedia({ ffprobe: tools.ffprobe, file, logger: createMemoryLogger() });
      expect(probe.formatName).toBe('mpegts');
      expect(probe.streams[0]).toMatchObject({ codecType: 'video', codecName: 'h264', width: 160 });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
