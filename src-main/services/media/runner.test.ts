import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildTestClipArgs } from '../../../src-shared/ffmpeg-args/test-clip';
import { useTempDirs } from '../../../test/helpers/temp-dir';
import { AppError } from '../errors';
import { createMemoryLogger } from '../logger';
import { resolveMediaTools } from './binaries';
import { probeMedia } from './probe';
import type { FfmpegProgress } from './progress';
import { ToolFailedError, readToolVersion, runTool } from './runner';

const tempDir = useTempDirs();
const tools = resolveMediaTools();

describe('runTool with the real ffmpeg', () => {
  it('makes a 1-second clip with lavfi, reports progress and logs the exact command', async () => {
    const logger = createMemoryLogger();
    const outFile = path.join(tempDir(), 'one second.mp4');
    const progress: FfmpegProgress[] = [];
    const result = await runTool({
      tool: tools.ffmpeg,
      args: buildTestClipArgs({ outFile, durationS: 1, width: 320, height: 240, fps: 10 }),
      logger,
      onProgress: (p) => progress.push(p),
    });
    expect(result.commandLine).toContain(`'${outFile}'`);
    expect(logger.lines.some((line) => line.fields?.commandLine === result.commandLine)).toBe(true);
    expect(progress.at(-1)?.ended).toBe(true);
    // ffmpeg reports the last muxed packet's time, a few frames short of the end with B-frames.
    expect(progress.at(-1)?.outTimeS).toBeGreaterThan(0.5);

    const probe = await probeMedia({ ffprobe: tools.ffprobe, file: outFile, logger });
    const video = probe.streams.find((stream) => stream.codecType === 'video');
    expect(video).toMatchObject({ codecName: 'h264', width: 320, height: 240, pixFmt: 'yuv420p' });
    expect(video?.frameRate).toBeCloseTo(10);
    expect(probe.durationS).toBeGreaterThan(0.9);
    expect(probe.durationS).toBeLessThan(1.2);
  });

  it('cancels a long encode with SIGTERM and rejects as cancelled', async () => {
    const controller = new AbortController();
    const outFile = path.join(tempDir(), 'long.mp4');
    const started = Date.now();
    const run = runTool({
      tool: tools.ffmpeg,
      args: buildTestClipArgs({ outFile, durationS: 600, width: 1280, height: 720, fps: 30 }),
      logger: createMemoryLogger(),
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    await expect(run).rejects.toMatchObject({ code: 'cancelled' });
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('runs the same request on the other copy of a tool that crashes, and not on one that merely fails', async () => {
    const dir = tempDir();
    const script = (name: string, body: string) => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
      return file;
    };
    const other = { tool: 'ffprobe' as const, path: script('system-ffprobe', 'echo "read $1"'), source: 'path' as const };
    // Stands in for the bundled ffprobe, which segfaults on MPEG-TS files on some machines.
    const crashing = { tool: 'ffprobe' as const, path: script('bundled-ffprobe', 'kill -SEGV $$'), source: 'bundled' as const, crashFallback: other };
    const logger = createMemoryLogger();
    const result = await runTool({ tool: crashing, args: ['clip.ts'], logger, captureStdout: true });
    expect(result.stdout.trim()).toBe('read clip.ts');
    expect(logger.lines.some((line) => line.message === 'media tool crashed; trying its other copy')).toBe(true);
    const failing = { ...crashing, path: script('failing-ffprobe', 'exit 3') };
    await expect(runTool({ tool: failing, args: ['clip.ts'], logger, captureStdout: true })).rejects.toBeInstanceOf(ToolFailedError);
  });

  it('escalates to SIGKILL when the process ignores SIGTERM', async () => {
    const controller = new AbortController();
    const stubborn = { tool: 'ffmpeg' as const, path: process.execPath, source: 'path' as const };
    const run = runTool({
      tool: stubborn,
      args: ['-e', "process.on('SIGTERM', () => {}); console.log('ready'); setInterval(() => {}, 1000)"],
      logger: createMemoryLogger(),
      signal: controller.signal,
      captureStdout: true,
      killGraceMs: 200,
    });
    setTimeout(() => controller.abort(), 300);
    await expect(run).rejects.toMatchObject({ code: 'cancelled' });
  });

  it('keeps the end of stderr and says what failed for a corrupt input', async () => {
    const dir = tempDir();
    const broken = path.join(dir, 'broken.mp4');
    fs.writeFileSync(broken, Buffer.from('this is not a video at all'));
    const attempt = runTool({ tool: tools.ffmpeg, args: ['-hide_banner', '-nostdin', '-i', broken, '-f', 'null', '-'], logger: createMemoryLogger() });
    await expect(attempt).rejects.toBeInstanceOf(ToolFailedError);
    const error = (await attempt.catch((e: unknown) => e)) as ToolFailedError;
    expect(error.code).toBe('media_failed');
    expect(error.stderrTail).toMatch(/Invalid data found/);
    expect(error.message).toMatch(/^ffmpeg stopped with error code \d+: .*Invalid data found/);
  });

  it('reports a missing program in plain words', async () => {
    const attempt = runTool({ tool: { tool: 'ffprobe', path: '/nonexistent/ffprobe', source: 'env' }, args: ['-version'], logger: createMemoryLogger() });
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(attempt).rejects.toMatchObject({ code: 'missing_tool' });
  });

  it('reads the versions', async () => {
    expect(await readToolVersion({ tool: tools.ffmpeg, logger: createMemoryLogger() })).toMatch(/\d/);
    expect(await readToolVersion({ tool: tools.ffprobe, logger: createMemoryLogger() })).toMatch(/\w/);
  });
});
