import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../test/helpers/temp-dir';
import { makeTestVideo } from '../../../test/helpers/video-fixtures';
import { bundledToolPaths, resolveMediaTools, type MediaTools } from '../media/binaries';
import { createMemoryLogger } from '../logger';
import { probeOutput } from './working-copy-probe';

const tempDir = useTempDirs('handover-probe-');
const bundledPath = bundledToolPaths.ffprobe();
const bundledFfprobe = bundledPath !== null && fs.existsSync(bundledPath) ? bundledPath : null;

describe('probeOutput', () => {
  it('finds the first and last frames of a long copy from its two ends', async () => {
    const file = makeTestVideo({ file: path.join(tempDir(), 'copy.mp4'), durationS: 45, fps: 5 });
    const facts = await probeOutput({ tools: resolveMediaTools(), logger: createMemoryLogger(), signal: new AbortController().signal, file });
    expect(facts).toMatchObject({ codecName: 'h264', pixFmt: 'yuv420p', firstPtsS: 0, firstKeyPtsS: 0, lastPtsS: 44.8, frameDurationS: 0.2 });
  });

  // The bundled ffprobe (a 2023 static build) once returned the tail of an open-ended interval or not depending on
  // how long its own path was: in CI, a copy 60 s long read as 20 s. Every path length from 1 to 40 characters
  // covers the lengths seen to fail (18 to 33) with room on both sides.
  it.runIf(bundledFfprobe !== null)('reads the tail whatever the length of the bundled ffprobe’s path', async () => {
    const file = makeTestVideo({ file: path.join(tempDir(), 'copy.mp4'), durationS: 60, fps: 5 });
    const root = tempDir();
    let dir = path.join(root, 'x');
    fs.mkdirSync(dir);
    fs.copyFileSync(bundledFfprobe!, path.join(dir, 'ffprobe'));
    fs.chmodSync(path.join(dir, 'ffprobe'), 0o755);
    const ends: number[] = [];
    for (let length = 1; length <= 40; length += 1) {
      const next = path.join(root, 'x'.repeat(length));
      if (next !== dir) fs.renameSync(dir, next);
      dir = next;
      const tools: MediaTools = { ...resolveMediaTools(), ffprobe: { tool: 'ffprobe', path: path.join(dir, 'ffprobe'), source: 'bundled' } };
      const logger = createMemoryLogger();
      const facts = await probeOutput({ tools, logger, signal: new AbortController().signal, file });
      // From the two-ended read itself, not from the whole-file read that stands in when a tail is missing.
      ends.push(logger.lines.some((line) => line.level === 'warn') ? -1 : facts!.lastPtsS);
    }
    expect(new Set(ends)).toEqual(new Set([59.8]));
  }, 60_000);
});
