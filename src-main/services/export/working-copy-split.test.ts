/** splitWorkingCopy with the real ffmpeg, with a small part limit standing in for FAT32's 4 GiB. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../test/helpers/temp-dir';
import { makeTestVideo, mp4TopLevelBoxes, probeVideo, videoPackets } from '../../../test/helpers/video-fixtures';
import { createMemoryLogger } from '../logger';
import { resolveMediaTools } from '../media/binaries';
import { splitWorkingCopy } from './working-copy-split';

const tools = resolveMediaTools();
const tempDir = useTempDirs('handover-split-');
const options = { tools, logger: createMemoryLogger(), signal: new AbortController().signal };

describe('splitWorkingCopy', () => {
  it('leaves a file that fits as it is', async () => {
    const file = makeTestVideo({ file: path.join(tempDir(), 'small.mp4'), durationS: 2 });
    const result = await splitWorkingCopy({ ...options, file, maxBytes: 10 * 1024 * 1024 });
    expect(result).toEqual({ files: [file], steps: [] });
    expect(fs.existsSync(file)).toBe(true);
  });

  it('splits a ~1 MB copy into playable parts of at most 300 kB at keyframes, then removes the original', async () => {
    const dir = tempDir();
    const file = makeTestVideo({ file: path.join(dir, 'clip 100%.mp4'), durationS: 20, audio: true, crf: 16 });
    const originalBytes = fs.statSync(file).size;
    const original = probeVideo(file);
    expect(originalBytes).toBeGreaterThan(700_000);
    const maxBytes = 300_000;

    const result = await splitWorkingCopy({ ...options, file, maxBytes });
    expect(result.files.length).toBeGreaterThanOrEqual(Math.ceil(originalBytes / maxBytes));
    expect(result.files.map((part) => path.basename(part))).toEqual(result.files.map((_, index) => `clip 100%.part${index + 1}.mp4`));
    expect(fs.existsSync(file)).toBe(false);
    expect(fs.readdirSync(dir).sort()).toEqual(result.files.map((part) => path.basename(part)).sort());

    let summedS = 0;
    for (const part of result.files) {
      expect(fs.statSync(part).size).toBeLessThanOrEqual(maxBytes);
      const probed = probeVideo(part);
      expect(probed).toMatchObject({ codecName: 'h264', pixFmt: 'yuv420p', audioCodec: 'aac' });
      const boxes = mp4TopLevelBoxes(part);
      expect(boxes.indexOf('moov')).toBeLessThan(boxes.indexOf('mdat'));
      // Each part starts on a keyframe at time 0, so it plays by itself from its first frame.
      expect(videoPackets(part)[0]).toMatchObject({ ptsS: 0, key: true });
      summedS += probed.durationS;
    }
    // Within a keyframe interval (2 s) per part of the whole.
    expect(Math.abs(summedS - original.durationS)).toBeLessThan(2 * result.files.length);
    expect(result.parts?.at(-1)?.endS).toBeCloseTo(20, 0);
    expect(result.parts?.[1]?.startS).toBe(result.parts?.[0]?.endS);

    expect(result.steps.length).toBeGreaterThanOrEqual(1);
    expect(result.steps[0]?.commandLine).toContain('-f segment');
    expect(result.steps[0]?.commandLine).toContain('-c copy');
    expect(result.steps[0]?.description).toMatch(/FAT32/);
  });

  it('splits again any part that comes out too big, when the bitrate is uneven', async () => {
    const dir = tempDir();
    // Calm for 12 s, then heavy noise: the average bitrate badly underestimates the noisy end.
    const file = makeTestVideo({ file: path.join(dir, 'uneven.mp4'), durationS: 20, crf: 20, videoFilter: "noise=alls=80:allf=t+u:enable='gte(t,12)'" });
    const maxBytes = Math.round(fs.statSync(file).size / 4);
    const result = await splitWorkingCopy({ ...options, file, maxBytes });
    for (const part of result.files) expect(fs.statSync(part).size).toBeLessThanOrEqual(maxBytes);
    expect(result.steps.length).toBeGreaterThan(1);
    expect(result.steps.at(-1)?.description).toMatch(/^Split uneven\.part\d+\.mp4 again/);
    expect(result.files.map((part) => path.basename(part))).toEqual(result.files.map((_, index) => `uneven.part${index + 1}.mp4`));
    expect(fs.readdirSync(dir).sort()).toEqual(result.files.map((part) => path.basename(part)).sort());
    expect(result.parts?.at(-1)?.endS).toBeCloseTo(20, 0);
  });

  it('removes the parts it made when cancelled during the split, and keeps the original', async () => {
    const dir = tempDir();
    const file = makeTestVideo({ file: path.join(dir, 'copy.mp4'), durationS: 10, crf: 16 });
    const controller = new AbortController();
    const logger = createMemoryLogger();
    const watching = { ...logger, info: (message: string, fields?: Record<string, unknown>) => {
      logger.info(message, fields);
      if (typeof fields?.commandLine === 'string' && fields.commandLine.includes('-f segment')) controller.abort();
    } };
    await expect(splitWorkingCopy({ ...options, logger: watching, signal: controller.signal, file, maxBytes: 100_000 })).rejects.toMatchObject({ code: 'cancelled' });
    expect(fs.readdirSync(dir)).toEqual(['copy.mp4']);
  });

  it('cancels cleanly before it starts: no parts, the original kept', async () => {
    const dir = tempDir();
    const file = makeTestVideo({ file: path.join(dir, 'copy.mp4'), durationS: 10, crf: 16 });
    const controller = new AbortController();
    controller.abort();
    await expect(splitWorkingCopy({ ...options, signal: controller.signal, file, maxBytes: 100_000 })).rejects.toMatchObject({ code: 'cancelled' });
    expect(fs.readdirSync(dir)).toEqual(['copy.mp4']);
  });
});
