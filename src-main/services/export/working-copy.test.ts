/**
 * makeWorkingCopy with the real ffmpeg on small generated clips (320×240, 10 fps, a keyframe every 2 s, B-frames)
 * and on the real camera files in ../shared/fixtures/real.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { realFixture } from '../../../test/helpers/real-fixtures';
import { useTempDirs } from '../../../test/helpers/temp-dir';
import { makeTestVideo, mp4TopLevelBoxes, probeVideo, videoFrameHashes, videoPackets } from '../../../test/helpers/video-fixtures';
import { AppError } from '../errors';
import { createMemoryLogger } from '../logger';
import { resolveMediaTools } from '../media/binaries';
import { makeWorkingCopy, type WorkingCopyRequest, type WorkingCopyResult } from './working-copy';

const tools = resolveMediaTools();
const tempDir = useTempDirs('handover-wc-');
let fixtures: string;
const clip = (name: string) => path.join(fixtures, name);

beforeAll(() => {
  fixtures = fs.mkdtempSync(path.join(os.tmpdir(), 'handover-wc-fixtures-'));
  makeTestVideo({ file: clip('aac.mp4'), durationS: 8, audio: true });
  makeTestVideo({ file: clip('one.mp4'), durationS: 6, audio: true });
  makeTestVideo({ file: clip('two.mp4'), durationS: 6, audio: true, source: 'smptebars' });
  makeTestVideo({ file: clip('hevc.mp4'), durationS: 6, codec: 'hevc' });
}, 60_000);
afterAll(() => fs.rmSync(fixtures, { recursive: true, force: true }));

function request(overrides: Partial<WorkingCopyRequest> & Pick<WorkingCopyRequest, 'inputs' | 'outFile'>): WorkingCopyRequest {
  return {
    preset: 'balanced',
    caption: null,
    enhancement: null,
    tools,
    encoder: 'libx264',
    logger: createMemoryLogger(),
    signal: new AbortController().signal,
    ...overrides,
  };
}

/** What a police PC needs: H.264, 4:2:0, and the index before the media data. */
function expectPlayable(file: string): void {
  const probed = probeVideo(file);
  expect(probed.codecName).toBe('h264');
  expect(['yuv420p', 'yuvj420p']).toContain(probed.pixFmt);
  const boxes = mp4TopLevelBoxes(file);
  expect(boxes.indexOf('moov')).toBeGreaterThanOrEqual(0);
  expect(boxes.indexOf('moov')).toBeLessThan(boxes.indexOf('mdat'));
}

describe('makeWorkingCopy: remux', () => {
  it('copies one H.264 file from the keyframe at or before the in-point, with its AAC sound, moov first', async () => {
    const dir = tempDir();
    const outFile = path.join(dir, 'copy.mp4');
    const progress: number[] = [];
    const logger = createMemoryLogger();
    const result = await makeWorkingCopy(request({ inputs: [{ absPath: clip('aac.mp4'), inpointS: 3.3, outpointS: 6.5 }], outFile, logger, onProgress: (r) => progress.push(r) }));
    // The output's own timestamps agree with the keyframe the copy was planned to start on.
    expect(logger.lines.filter((line) => line.level !== 'info')).toEqual([]);

    expect(result).toMatchObject({ method: 'remux', reason: '', incomplete: null });
    expectPlayable(outFile);
    expect(probeVideo(outFile).audioCodec).toBe('aac');
    // Keyframes are at 0, 2, 4, 6 s: the copy starts on the one at 2 s, never after the in-point.
    expect(result.firstPtsS).toBeCloseTo(2, 6);
    expect(result.lastPtsS).toBeGreaterThanOrEqual(6.5 - 0.1);
    expect(result.lastPtsS - 6.5).toBeLessThan(2);
    expect(videoPackets(outFile)[0]).toMatchObject({ ptsS: 0, key: true });
    // The first picture of the copy is the source's picture at 2.0 s, bit for bit once decoded.
    const source = videoFrameHashes(clip('aac.mp4'));
    const [firstOut] = videoFrameHashes(outFile, { frames: 1 });
    expect(firstOut?.md5).toBe(source.find((frame) => Math.abs(frame.ptsS - 2) < 0.001)?.md5);

    expect(result.steps).toHaveLength(1);
    const [step] = result.steps;
    expect(step?.tool).toBe('ffmpeg');
    expect(step?.toolVersion).toMatch(/^ffmpeg version \S+/);
    expect(step?.commandLine).toContain('-c:v copy');
    expect(step?.commandLine).toContain('+faststart');
    expect(step?.description).toMatch(/without re-encoding/);
    expect(progress.at(-1)).toBe(1);
    expect(fs.readdirSync(dir)).toEqual(['copy.mp4']);
  });

  it('joins two files with the concat demuxer, from the first keyframe to the out-point in the second', async () => {
    const dir = tempDir();
    const outFile = path.join(dir, 'joined.mp4');
    const result = await makeWorkingCopy(
      request({
        inputs: [
          { absPath: clip('one.mp4'), inpointS: 3.3, outpointS: null },
          { absPath: clip('two.mp4'), inpointS: 0, outpointS: 2.5 },
        ],
        outFile,
      }),
    );
    expect(result.method).toBe('remux');
    expectPlayable(outFile);
    expect(result.firstPtsS).toBeCloseTo(2, 6);
    // two.mp4 follows one.mp4's end at 6 s, so its 2.5 s is 8.5 s on the first file's clock.
    expect(result.lastPtsS).toBeGreaterThanOrEqual(8.5 - 0.1);
    expect(result.lastPtsS).toBeLessThan(8.5 + 2);
    expect(result.steps[0]?.commandLine).toContain('-f concat -safe 0');
    expect(result.steps[0]?.parameters.concatList).toMatch(/^ffconcat version 1.0\nfile '.*one\.mp4'\ninpoint 2\.000000\nfile '.*two\.mp4'\noutpoint 2\.500000\n$/);
    // The second file's first picture follows the first file's last one.
    const hashes = videoFrameHashes(outFile);
    const secondStart = videoFrameHashes(clip('two.mp4'), { frames: 1 })[0]?.md5;
    expect(hashes.findIndex((frame) => frame.md5 === secondStart)).toBe(40);
    expect(fs.readdirSync(dir)).toEqual(['joined.mp4']);
  });

  it('keeps a gap between recordings as a gap when the caller says where each starts', async () => {
    const dir = tempDir();
    const outFile = path.join(dir, 'gap.mp4');
    const result = await makeWorkingCopy(
      request({
        inputs: [
          { absPath: clip('one.mp4'), inpointS: 3.3, outpointS: null },
          { absPath: clip('two.mp4'), inpointS: 0, outpointS: 2.5, startOffsetS: 9 },
        ],
        outFile,
      }),
    );
    expect(result.lastPtsS).toBeGreaterThanOrEqual(11.5 - 0.1);
    expect(result.lastPtsS).toBeLessThan(11.5 + 2);
    const secondStart = videoFrameHashes(clip('two.mp4'), { frames: 1 })[0]?.md5;
    const landed = videoFrameHashes(outFile).find((frame) => frame.md5 === secondStart);
    // Copy time 0 is the keyframe at 2 s, so the second recording's first frame sits at 9 − 2 = 7 s.
    expect(landed?.ptsS).toBeCloseTo(7, 1);
  });

  it('keeps the Amcrest camera clip (H.264 + AAC, index at the end) as a remux with its sound', async () => {
    const dir = tempDir();
    const outFile = path.join(dir, 'amcrest.mp4');
    const result = await makeWorkingCopy(request({ inputs: [{ absPath: realFixture('amcrest-1591028951.mp4'), inpointS: 5, outpointS: 15 }], outFile }));
    expect(result.method).toBe('remux');
    expectPlayable(outFile);
    expect(probeVideo(outFile)).toMatchObject({ width: 640, height: 480, audioCodec: 'aac' });
    // The camera puts a keyframe every 2 s from 0.1 s; 4.1 s is the one at or before 5 s.
    expect(result.firstPtsS).toBeCloseTo(4.1, 3);
    expect(result.lastPtsS).toBeGreaterThanOrEqual(14.9);
    expect(result.incomplete).toBeNull();
  });

  it('survives the Axis file with a broken NAL unit: a copy or a clear error, never a crash', async () => {
    const dir = tempDir();
    const outFile = path.join(dir, 'axis.mp4');
    const attempt: WorkingCopyResult | Error = await makeWorkingCopy(
      request({ inputs: [{ absPath: realFixture('axis-20220914_093512_A4D4.mkv'), inpointS: 0, outpointS: null }], outFile }),
    ).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
    if (attempt instanceof Error) {
      expect(attempt).toBeInstanceOf(AppError);
      expect((attempt as AppError).code).toBe('media_failed');
      expect(fs.readdirSync(dir)).toEqual([]);
    } else {
      expect(attempt.method).toBe('remux');
      expectPlayable(outFile);
    }
  });
});

describe('makeWorkingCopy: re-encode', () => {
  it('turns HEVC into H.264 yuv420p, starting on the first frame at or after the in-point', async () => {
    const dir = tempDir();
    const outFile = path.join(dir, 'hevc.mp4');
    const logger = createMemoryLogger();
    const result = await makeWorkingCopy(request({ inputs: [{ absPath: clip('hevc.mp4'), inpointS: 1.25, outpointS: 4.5 }], outFile, logger }));
    expect(logger.lines.filter((line) => line.level !== 'info')).toEqual([]);
    expect(result.method).toBe('reencode');
    expect(result.reason).toBe('The camera records in HEVC (H.265), which not every police PC plays.');
    const probed = probeVideo(outFile);
    expect(probed.pixFmt).toBe('yuv420p');
    expectPlayable(outFile);
    // Frames are 0.1 s apart: the first at or after 1.25 s is the one at 1.3 s.
    expect(result.firstPtsS).toBeCloseTo(1.3, 3);
    expect(result.lastPtsS).toBeCloseTo(4.5, 1);
    expect(result.steps[0]?.commandLine).toContain('-c:v libx264 -preset veryfast -crf 23 -profile:v high -pix_fmt yuv420p');
  });

  it('re-encodes an H.264 clip across two files when a caption is asked for, with drawtext in the command', async () => {
    const dir = tempDir();
    const outFile = path.join(dir, 'captioned.mp4');
    const result = await makeWorkingCopy(
      request({
        inputs: [
          { absPath: clip('one.mp4'), inpointS: 4.5, outpointS: null },
          { absPath: clip('two.mp4'), inpointS: 0, outpointS: 1, startOffsetS: 6 },
        ],
        outFile,
        caption: { caseReference: "CASE 24/0001 'Smith'", cameraLabel: 'Till: front', timeZone: 'Europe/London', trueStartMs: Date.UTC(2026, 6, 1, 13, 0, 4, 500) },
      }),
    );
    expect(result.method).toBe('reencode');
    expect(result.reason).toBe('A caption was asked for, so the picture is re-drawn.');
    expect(result.firstPtsS).toBeCloseTo(4.5, 3);
    // Re-encoded, the end is exact to the frame: 1 s into two.mp4, which is placed at 6 s.
    expect(result.lastPtsS).toBeGreaterThanOrEqual(6.9 - 0.001);
    expect(result.lastPtsS).toBeLessThanOrEqual(7 + 0.001);
    expect(result.steps.map((step) => step.description)).toEqual([expect.stringMatching(/^Re-encoded/), expect.stringMatching(/^Burnt in a caption/)]);
    expect(result.steps[0]?.commandLine).toContain('drawtext=');
    expect(result.steps[0]?.commandLine).toContain('-copyts -f concat');
    // The caption sits in a band under the picture, so the picture grows and the recorded pixels stay uncovered.
    const probed = probeVideo(outFile);
    expect(probed.width).toBe(320);
    expect(probed.height).toBeGreaterThan(240);
    expectPlayable(outFile);
    // The band is black with white text in it: plenty of bright pixels, where an uncaptioned copy has no band at all.
    const band = execFileSync(tools.ffmpeg.path, ['-v', 'error', '-i', outFile, '-vf', 'crop=iw:ih-240:0:240,format=gray', '-frames:v', '1', '-f', 'rawvideo', '-']);
    expect(band.length).toBe(320 * (probed.height - 240));
    expect(band.filter((value) => value > 200).length).toBeGreaterThan(300);
    expect(band.filter((value) => value < 30).length).toBeGreaterThan(band.length / 2);
    expect(fs.readdirSync(dir)).toEqual(['captioned.mp4']);
  });
});

describe('makeWorkingCopy: damaged sources and cancelling', () => {
  it('says clearly that a recording cut off before its index was written is damaged, and leaves nothing', async () => {
    const dir = tempDir();
    const truncated = path.join(dir, 'cut-short.mp4');
    const bytes = fs.readFileSync(realFixture('amcrest-1591028951.mp4'));
    fs.writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const attempt = makeWorkingCopy(request({ inputs: [{ absPath: truncated, inpointS: 2, outpointS: 10 }], outFile: path.join(dir, 'out.mp4'), clipLabel: 'Till, 14:01:50 to 14:02:00' }));
    await expect(attempt).rejects.toMatchObject({ code: 'media_failed' });
    const error = (await attempt.catch((e: unknown) => e)) as AppError;
    expect(error.message).toMatch(
      /^The recording cut-short\.mp4 is damaged or unreadable \(the index MP4 keeps at its end is missing, .*; ffprobe said ".*"\), so no working copy could be made of clip Till, 14:01:50 to 14:02:00\.$/,
    );
    expect(fs.readdirSync(dir)).toEqual(['cut-short.mp4']);
  });

  it('makes a shorter copy flagged incomplete from a recording whose data stops half-way', async () => {
    const dir = tempDir();
    const whole = makeTestVideo({ file: path.join(dir, 'whole.mp4'), durationS: 20, faststart: true, crf: 20 });
    const truncated = path.join(dir, 'half.mp4');
    const bytes = fs.readFileSync(whole);
    fs.writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
    fs.rmSync(whole);
    const outFile = path.join(dir, 'out.mp4');
    const result = await makeWorkingCopy(request({ inputs: [{ absPath: truncated, inpointS: 1, outpointS: 18 }], outFile }));
    expect(result.incomplete).toMatch(/^The recording half\.mp4 ends \d+ s early; the working copy stops there\.$/);
    expect(result.lastPtsS).toBeLessThan(15);
    expectPlayable(outFile);
  });

  it('stops ffmpeg when cancelled mid-encode and leaves no files', async () => {
    const dir = tempDir();
    const made = Date.now();
    const long = makeTestVideo({ file: path.join(fixtures, 'long.mp4'), durationS: 20, fps: 25 });
    const controller = new AbortController();
    const started = Date.now();
    let abortedAtMs = 0;
    const attempt = makeWorkingCopy(
      request({
        inputs: [
          { absPath: long, inpointS: 1, outpointS: null },
          { absPath: long, inpointS: 0, outpointS: null },
        ],
        outFile: path.join(dir, 'cancelled.mp4'),
        preset: 'original',
        enhancement: { brightness: 0.1, contrast: 1.2, gamma: 1, sharpen: 1, denoise: 4, deinterlace: true },
        signal: controller.signal,
        onProgress: () => {
          abortedAtMs = Date.now();
          controller.abort();
        },
      }),
    );
    await expect(attempt).rejects.toEqual(new AppError('cancelled', 'Cancelled.'));
    expect(abortedAtMs).toBeGreaterThan(0);
    // ffmpeg stops on SIGTERM; it must not have gone on to finish the 40 s of footage.
    expect(Date.now() - abortedAtMs).toBeLessThan(5_000);
    console.info(`cancel test: fixture ${started - made} ms, first progress after ${abortedAtMs - started} ms, stopped ${Date.now() - abortedAtMs} ms later`);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('refuses to write over an existing file and leaves it alone', async () => {
    const dir = tempDir();
    const outFile = path.join(dir, 'taken.mp4');
    fs.writeFileSync(outFile, 'keep me');
    await expect(makeWorkingCopy(request({ inputs: [{ absPath: clip('aac.mp4'), inpointS: 0, outpointS: 1 }], outFile }))).rejects.toMatchObject({ code: 'conflict' });
    expect(fs.readFileSync(outFile, 'utf8')).toBe('keep me');
  });
});
