import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { failureOf } from '../../../test/helpers/failure-of';
import { useTempDirs } from '../../../test/helpers/temp-dir';
import { naiveMsToLocal, type LocalDateTime } from '../../../src-shared/domain/local-time';
import { resolveRecorderLocalTime } from '../../../src-shared/domain/time';
import { AppError } from '../errors';
import { createMemoryLogger } from '../logger';
import { resolveMediaTools } from '../media/binaries';
import { probeMedia } from '../media/probe';
import { runTool } from '../media/runner';
import {
  defaultDemoStart,
  demoCameraName,
  generateDemoFootage,
  planDemoFootage,
  type DemoFootageFile,
  type DemoFootageProgress,
  type GenerateDemoFootageOptions,
} from './demo-nvr';
import { detectLayout, LAYOUT_IDS, type LayoutId, type ParsedRecordingPath } from './layouts';

const tempDir = useTempDirs('handover-demo-nvr-');
const tools = resolveMediaTools();
const logger = createMemoryLogger();

/** New York, so Frigate's UTC names differ from the recorder clock; 19:59 so the set crosses an hour and, in UTC, midnight. */
const TIME_ZONE = 'America/New_York';
const START: LocalDateTime = { year: 2026, month: 3, day: 14, hour: 19, minute: 59, second: 0 };

function tinySet(overrides: Partial<GenerateDemoFootageOptions> = {}): GenerateDemoFootageOptions {
  return { dir: tempDir(), layout: 'dahua-sd', cameras: 2, minutes: 2, segmentMinutes: 1, start: START, codec: 'h264', timeZone: TIME_ZONE, tools, logger, ...overrides };
}

/** Every file under dir, '/'-separated and relative, hidden ones included. */
function listFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

function toUtc(local: LocalDateTime): LocalDateTime {
  return naiveMsToLocal(resolveRecorderLocalTime({ local, timeZone: TIME_ZONE }).recorderInstantMs);
}

/** What the catalogue should read from a demo file's path, per layout. */
function expectedReading(layout: LayoutId, file: DemoFootageFile): Partial<ParsedRecordingPath> {
  const { cameraIndex, cameraName, recorderStart, recorderEnd } = file;
  const channelKey = `ch${String(cameraIndex).padStart(2, '0')}`;
  switch (layout) {
    case 'dahua-sd':
    case 'hikvision-usb':
      return { cameraKey: channelKey, start: recorderStart, end: recorderEnd, clock: 'local' };
    case 'dahua-usb':
      return { cameraKey: `XVR/${channelKey}`, start: recorderStart, end: recorderEnd, clock: 'local' };
    case 'reolink-sd':
      return { cameraLabel: cameraName, start: recorderStart, end: recorderEnd, clock: 'local' };
    case 'reolink-ftp':
      return { cameraLabel: cameraName, start: recorderStart, end: null, clock: 'local' };
    case 'frigate':
      return { cameraLabel: cameraName, start: toUtc(recorderStart), end: null, clock: 'utc' };
    case 'generic':
      return { cameraLabel: cameraName, start: null, end: null };
  }
}

describe('planDemoFootage', () => {
  it('cuts each camera into consecutive files, the last one shortened to fit', () => {
    const files = planDemoFootage({ layout: 'hikvision-usb', cameras: 2, minutes: 7, segmentMinutes: 5, start: START, timeZone: TIME_ZONE });
    expect(files.map((file) => [file.cameraName, file.relPath, file.durationS])).toEqual([
      ['Till', 'ch01_20260314195900_20260314200400.mp4', 300],
      ['Till', 'ch01_20260314200400_20260314200600.mp4', 120],
      ['Door', 'ch02_20260314195900_20260314200400.mp4', 300],
      ['Door', 'ch02_20260314200400_20260314200600.mp4', 120],
    ]);
  });

  it('names Frigate files in UTC but keeps the recorder clock for the picture', () => {
    const [file] = planDemoFootage({ layout: 'frigate', cameras: 1, minutes: 1, segmentMinutes: 1, start: START, timeZone: TIME_ZONE });
    expect(file?.relPath).toBe('recordings/2026-03-14/23/Till/59.00.mp4');
    expect(file?.recorderStart).toEqual(START);
  });

  it('names cameras past the list "Camera N"', () => {
    expect(demoCameraName(1)).toBe('Till');
    expect(demoCameraName(8)).toBe('Aisle 3');
    expect(demoCameraName(9)).toBe('Camera 9');
  });

  it.each([
    [{ cameras: 0 }, /number of cameras must be a whole number from 1 to 16; got 0/],
    [{ cameras: 17 }, /from 1 to 16; got 17/],
    [{ cameras: 1.5 }, /whole number/],
    [{ minutes: 0 }, /length of footage must be a whole number of minutes from 1 to 1440/],
    [{ minutes: 24 * 60 + 1 }, /got 1441/],
    [{ segmentMinutes: 0 }, /Each file must cover a whole number of minutes/],
    [{ timeZone: 'Mars/Olympus' }, /"Mars\/Olympus" is not a time zone/],
    [{ layout: 'betamax' as LayoutId }, /"betamax" is not a recorder layout/],
    [{ start: { ...START, month: 2, day: 30 } }, /2026-02-30T19:59:00 is not a real date and time/],
  ])('refuses %j in plain words', (override, message) => {
    const plan = () => planDemoFootage({ layout: 'generic', cameras: 2, minutes: 2, segmentMinutes: 1, start: START, timeZone: TIME_ZONE, ...override });
    expect(plan).toThrow(AppError);
    expect(plan).toThrow(message);
  });
});

describe('defaultDemoStart', () => {
  it("is 14:00 yesterday on the recorder's clock", () => {
    // 02:30 UTC on 15 March is still 14 March in New York, so "yesterday" there is the 13th.
    const nowMs = Date.UTC(2026, 2, 15, 2, 30);
    expect(defaultDemoStart({ nowMs, timeZone: TIME_ZONE })).toEqual({ year: 2026, month: 3, day: 13, hour: 14, minute: 0, second: 0 });
    expect(defaultDemoStart({ nowMs, timeZone: 'Europe/London' })).toEqual({ year: 2026, month: 3, day: 14, hour: 14, minute: 0, second: 0 });
  });
});

describe('generateDemoFootage', () => {
  it.each(LAYOUT_IDS)('writes footage the catalogue reads back as %s', async (layout) => {
    const options = tinySet({ layout });
    const progress: DemoFootageProgress[] = [];
    const { files } = await generateDemoFootage({ ...options, onProgress: (update) => progress.push(update) });

    expect(files).toHaveLength(4);
    expect(listFiles(options.dir)).toEqual(files.map((file) => file.relPath).sort());
    for (const file of files) {
      const parsed = detectLayout(file.relPath);
      expect(parsed, file.relPath).toMatchObject({ layout, partial: false, extension: 'mp4', warnings: [], ...expectedReading(layout, file) });
      const probe = await probeMedia({ ffprobe: tools.ffprobe, file: path.join(options.dir, file.relPath), logger });
      expect(probe.streams.map((stream) => stream.codecName)).toEqual(['h264']);
      expect(probe.durationS).toBeGreaterThan(59.8);
      expect(probe.durationS).toBeLessThan(60.3);
      const trueStartMs = resolveRecorderLocalTime({ local: file.recorderStart, timeZone: TIME_ZONE }).recorderInstantMs;
      expect(Date.parse(probe.creationTime ?? '')).toBe(trueStartMs);
    }
    // One camera per channel, and the two cameras kept apart.
    const keys = files.map((file) => detectLayout(file.relPath)?.cameraKey);
    expect(new Set(keys).size).toBe(2);
    expect(progress.at(-1)).toEqual({ ratio: 1, filesWritten: 4, filesTotal: 4 });
    expect(progress.every((update, index) => index === 0 || update.ratio >= (progress[index - 1]?.ratio ?? 0))).toBe(true);
  });

  it('writes HEVC when asked', async () => {
    const options = tinySet({ layout: 'hikvision-usb', cameras: 1, minutes: 1, codec: 'hevc' });
    const { files } = await generateDemoFootage(options);
    const probe = await probeMedia({ ffprobe: tools.ffprobe, file: path.join(options.dir, files[0]?.relPath ?? ''), logger });
    expect(probe.streams.map((stream) => stream.codecName)).toEqual(['hevc']);
    expect(probe.durationS).toBeCloseTo(60, 0);
  });

  it('burns in a clock that ticks over a picture that is not blank', async () => {
    const options = tinySet({ layout: 'generic', cameras: 1, minutes: 1 });
    const { files } = await generateDemoFootage(options);
    const file = path.join(options.dir, files[0]?.relPath ?? '');
    const clockArea = async (atS: number) => {
      const { stdout, stderrTail } = await runTool({
        tool: tools.ffmpeg,
        args: ['-hide_banner', '-nostdin', '-loglevel', 'info', '-ss', String(atS), '-i', file, '-frames:v', '1',
          '-vf', 'crop=200:28:0:0,signalstats,metadata=mode=print', '-f', 'md5', '-'],
        logger,
        captureStdout: true,
      });
      const level = (key: string) => Number(new RegExp(`lavfi\\.signalstats\\.${key}=([0-9.]+)`).exec(stderrTail)?.[1]);
      return { hash: stdout.trim(), contrast: level('YMAX') - level('YMIN') };
    };
    const early = await clockArea(2.4);
    const later = await clockArea(7.4);
    // White digits on a dark box: a wide spread of brightness where the clock is.
    expect(early.contrast).toBeGreaterThan(100);
    expect(later.hash).not.toBe(early.hash);
  });

  it('leaves nothing behind when cancelled, not even files already finished', async () => {
    const options = tinySet({ cameras: 2, minutes: 3 });
    fs.writeFileSync(path.join(options.dir, 'notes.txt'), 'not ours');
    const controller = new AbortController();
    const run = generateDemoFootage({
      ...options,
      signal: controller.signal,
      onProgress: (update) => {
        if (update.filesWritten >= 1) controller.abort();
      },
    });
    expect((await failureOf(run)).code).toBe('cancelled');
    expect(listFiles(options.dir)).toEqual(['notes.txt']);
    expect(fs.readdirSync(options.dir)).toEqual(['notes.txt']);
  });

  // The stand-in ffmpeg is a shell script.
  it.skipIf(process.platform === 'win32')('leaves nothing behind when ffmpeg fails part-way, and says why', async () => {
    const dir = path.join(tempDir(), 'new-folder');
    // Channel 2's files fail; by then channel 1's may be finished, and those must go too.
    const failingFfmpeg = path.join(tempDir(), 'ffmpeg');
    fs.writeFileSync(failingFfmpeg, `#!/bin/sh\ncase "$*" in */002/*) echo "simulated encoder failure" >&2; exit 1;; esac\nexec "${tools.ffmpeg.path}" "$@"\n`, { mode: 0o755 });
    const run = generateDemoFootage(tinySet({ dir, tools: { ffmpeg: { ...tools.ffmpeg, path: failingFfmpeg } } }));
    const failure = await failureOf(run);
    expect(failure.code).toBe('media_failed');
    expect(failure.message).toContain('simulated encoder failure');
    expect(fs.existsSync(dir)).toBe(false);
  });

  it('refuses to overwrite an earlier set and leaves it as it was', async () => {
    const options = tinySet({ layout: 'reolink-sd', cameras: 1 });
    await generateDemoFootage(options);
    const before = listFiles(options.dir).map((relPath) => [relPath, fs.statSync(path.join(options.dir, relPath)).mtimeMs]);
    const failure = await failureOf(generateDemoFootage(options));
    expect(failure.code).toBe('conflict');
    expect(failure.message).toMatch(/already has files where the demo footage would go \(Till\/Mp4Record\/2026-03-14\//);
    expect(listFiles(options.dir).map((relPath) => [relPath, fs.statSync(path.join(options.dir, relPath)).mtimeMs])).toEqual(before);
  });

  it('refuses a file given as the folder', async () => {
    const file = path.join(tempDir(), 'footage.mp4');
    fs.writeFileSync(file, '');
    const failure = await failureOf(generateDemoFootage(tinySet({ dir: file })));
    expect(failure.code).toBe('invalid_input');
    expect(failure.message).toContain('is a file, not a folder');
  });
});
