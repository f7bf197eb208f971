/**
 * Where a remuxed working copy's index goes, with the real ffmpeg: into room reserved at the front for copies of a
 * minute or more (one pass), and, when that room turns out too small, the copy made again with +faststart rather than
 * a broken file or a failed export. The room's size is swapped for a tiny one here to force that case.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import * as exportIndex from '../../../src-shared/ffmpeg-args/export-index';
import { useTempDirs } from '../../../test/helpers/temp-dir';
import { makeTestVideo, mp4TopLevelBoxes, probeVideo, videoFrameHashes, videoPackets } from '../../../test/helpers/video-fixtures';
import { createMemoryLogger } from '../logger';
import { resolveMediaTools } from '../media/binaries';
import { makeWorkingCopy, type WorkingCopyRequest } from './working-copy';

const sizing = vi.hoisted(() => ({ override: null as null | (() => number | null) }));
vi.mock('../../../src-shared/ffmpeg-args/export-index', async (importOriginal) => {
  const original = await importOriginal<typeof exportIndex>();
  return { ...original, reservedIndexBytes: (options: Parameters<typeof original.reservedIndexBytes>[0]) => (sizing.override ? sizing.override() : original.reservedIndexBytes(options)) };
});

const tools = resolveMediaTools();
const tempDir = useTempDirs('handover-wc-index-');
let fixtures: string;
let long: string;

beforeAll(() => {
  fixtures = fs.mkdtempSync(path.join(os.tmpdir(), 'handover-wc-index-fixtures-'));
  long = makeTestVideo({ file: path.join(fixtures, 'long.mp4'), durationS: 70, width: 160, height: 120, audio: true, faststart: false });
}, 60_000);
afterAll(() => fs.rmSync(fixtures, { recursive: true, force: true }));
beforeEach(() => {
  sizing.override = null;
});

function request(outFile: string, logger = createMemoryLogger()): WorkingCopyRequest {
  return {
    inputs: [{ absPath: long, inpointS: 0, outpointS: null }],
    outFile,
    preset: 'balanced',
    caption: null,
    enhancement: null,
    tools,
    encoder: 'libx264',
    logger,
    signal: new AbortController().signal,
  };
}

/** The pictures a broken index would spoil first are at the start of the media data; the rest are counted. */
function expectSamePictures(copy: string): void {
  expect(videoFrameHashes(copy, { frames: 30 }).map((frame) => frame.md5)).toEqual(videoFrameHashes(long, { frames: 30 }).map((frame) => frame.md5));
  expect(videoPackets(copy)).toHaveLength(videoPackets(long).length);
}

function expectIndexFirst(file: string): string[] {
  const boxes = mp4TopLevelBoxes(file);
  expect(boxes.indexOf('moov')).toBeGreaterThanOrEqual(0);
  expect(boxes.indexOf('moov')).toBeLessThan(boxes.indexOf('mdat'));
  return boxes;
}

describe('makeWorkingCopy: where the index goes', () => {
  it('writes a copy of a minute or more in one pass, into room reserved at the front, and says so', async () => {
    const outFile = path.join(tempDir(), 'long-copy.mp4');
    const result = await makeWorkingCopy(request(outFile));
    expect(result.method).toBe('remux');
    // The index, then what is left of the room, then the pictures.
    expect(expectIndexFirst(outFile).slice(0, 3)).toEqual(['ftyp', 'moov', 'free']);
    const [step] = result.steps;
    const reserved = exportIndex.reservedIndexBytes({ durationS: 70, frameRate: 10, audio: true })!;
    expect(step?.commandLine).toContain(`-moov_size ${reserved}`);
    expect(step?.commandLine).not.toContain('faststart');
    expect(step?.parameters).toMatchObject({ index: 'reserved', indexReservedBytes: reserved });
    expect(step?.description).toContain("The MP4's index is at the front so it starts playing at once");
    // Every picture is there, exactly as recorded.
    expect(probeVideo(outFile)).toMatchObject({ codecName: 'h264', audioCodec: 'aac' });
    expectSamePictures(outFile);
  });

  it('makes the copy again with +faststart when the reserved room turns out too small', async () => {
    sizing.override = () => 1000;
    const dir = tempDir();
    const outFile = path.join(dir, 'long-copy.mp4');
    const logger = createMemoryLogger();
    const result = await makeWorkingCopy(request(outFile, logger));
    expect(result).toMatchObject({ method: 'remux', incomplete: null });
    expectIndexFirst(outFile);
    const [step] = result.steps;
    expect(step?.commandLine).toContain('+faststart');
    expect(step?.commandLine).not.toContain('-moov_size');
    expect(step?.parameters).toMatchObject({ index: 'faststart', indexReservedBytesTooSmall: 1000 });
    expect(step?.description).toMatch(/index is at the front \(\+faststart\) so it starts playing at once\. \(The room first kept for it .* 1000 bytes, turned out too small/);
    expect(logger.lines.filter((line) => line.level === 'warn').map((line) => line.message)).toEqual([expect.stringMatching(/too small; making the copy again with \+faststart/)]);
    // The first attempt's broken file is gone; the copy is whole, first picture included.
    expect(fs.readdirSync(dir)).toEqual(['long-copy.mp4']);
    expectSamePictures(outFile);
  });
});
