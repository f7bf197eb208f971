import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { PlaybackPlan } from '../../../src-shared/domain/review';
import { useTempDirs } from '../../../test/helpers/temp-dir';
import { startBridge } from '../../bridge/server';
import { startWebApp, type WebApp } from '../../bridge/start-web-app';
import { createMemoryLogger } from '../logger';
import { resolveMediaTools, type MediaTools } from '../media/binaries';
import { probeMedia } from '../media/probe';
import { runningToolStreamPids } from '../media/stream-tool';
import { createMediaServer } from './media-server';
import { createPlaybackService } from './playback-service';
import { PLAYBACK_TEST_START_MS, addFootageFolder, makeDemoRecorder } from './playback-test-setup';

const tempDir = useTempDirs('handover-playback-');
const tools = resolveMediaTools();
const MINUTE = 60_000;

/** Made once for the file: two minutes of H.264 and one of HEVC, 320×240 at 5 fps. */
let footageRoot = '';
let h264Dir = '';
let hevcDir = '';
beforeAll(async () => {
  footageRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'handover-playback-footage-'));
  h264Dir = path.join(footageRoot, 'h264');
  hevcDir = path.join(footageRoot, 'hevc');
  await Promise.all([makeDemoRecorder({ dir: h264Dir, codec: 'h264', minutes: 2, tools }), makeDemoRecorder({ dir: hevcDir, codec: 'hevc', minutes: 1, tools })]);
}, 120_000);
afterAll(() => fs.rmSync(footageRoot, { recursive: true, force: true }));

const apps: WebApp[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
});

async function setup(options: { dir: string }) {
  const rendererDir = tempDir();
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Handover</title>');
  const logger = createMemoryLogger();
  const app = await startWebApp({ dataDir: tempDir(), rendererDir, logger });
  apps.push(app);
  const camera = await addFootageFolder({ core: app.core, dir: options.dir });
  return { app, logger, camera, services: app.core.services };
}

async function planAt(services: WebApp['core']['services'], camera: { sourceId: string; cameraKey: string }, atMs: number): Promise<PlaybackPlan> {
  const result = await services.playback.locate({ camera, atMs });
  if (!result.found) throw new Error(result.message);
  return result.plan;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitUntil(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** An "ffmpeg" that ignores its arguments and writes for ever, so only a kill can stop it. */
function endlessFfmpeg(): MediaTools {
  const script = path.join(footageRoot, 'endless-ffmpeg.sh');
  if (!fs.existsSync(script)) fs.writeFileSync(script, '#!/bin/sh\nexec cat /dev/zero\n', { mode: 0o755 });
  return { ffmpeg: { tool: 'ffmpeg', path: script, source: 'env' }, ffprobe: tools.ffprobe };
}

/** ffmpeg lines in the log, e.g. to count how many thumbnails were really made. */
function ffmpegRuns(logger: ReturnType<typeof createMemoryLogger>, marker: string): number {
  return logger.lines.filter((line) => line.message === 'running media tool' && String(line.fields?.commandLine).includes(marker)).length;
}

describe('locate', () => {
  it('plays H.264 MP4 directly, with range requests on the file itself', async () => {
    const { app, camera, services } = await setup({ dir: h264Dir });
    const atMs = PLAYBACK_TEST_START_MS + MINUTE + 12_500;
    const plan = await planAt(services, camera, atMs);
    expect(plan).toMatchObject({
      mode: 'direct',
      recordingStartMs: PLAYBACK_TEST_START_MS + MINUTE,
      recordingEndMs: PLAYBACK_TEST_START_MS + 2 * MINUTE,
      recorderStartMs: PLAYBACK_TEST_START_MS + MINUTE,
      mediaZeroMs: PLAYBACK_TEST_START_MS + MINUTE,
      startAtS: 12.5,
      videoCodec: 'h264',
      width: 320,
      height: 240,
      note: '',
    });
    expect(plan.frameRate).toBeCloseTo(5);
    expect(plan.url).toMatch(/^\/media\/[\w-]{43}$/);

    const file = path.join(h264Dir, fs.readdirSync(h264Dir).sort()[1]!);
    const bytes = fs.readFileSync(file);
    const response = await fetch(`${app.bridge.url}${plan.url}`, { headers: { range: 'bytes=100-4195' } });
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe(`bytes 100-4195/${bytes.length}`);
    expect(Buffer.from(await response.arrayBuffer()).equals(bytes.subarray(100, 4196))).toBe(true);
    // Asking again gives the same URL, so the browser keeps what it has.
    expect((await planAt(services, camera, atMs + 1000)).url).toBe(plan.url);
  });

  it('says in plain words when nothing was recorded, and when the next recording starts', async () => {
    const { services, camera } = await setup({ dir: h264Dir });
    const result = await services.playback.locate({ camera, atMs: PLAYBACK_TEST_START_MS - 90_000 });
    expect(result).toEqual({ found: false, message: expect.stringMatching(/^No recording on .+ at 13:58:30 on 4 March 2026\.$/) as unknown, nextStartMs: PLAYBACK_TEST_START_MS });
  });

  it('reports a recording that has gone (USB drive pulled) as not found, and its old URL as gone', async () => {
    const dir = tempDir();
    for (const name of fs.readdirSync(h264Dir)) fs.copyFileSync(path.join(h264Dir, name), path.join(dir, name));
    const { app, services, camera } = await setup({ dir });
    const plan = await planAt(services, camera, PLAYBACK_TEST_START_MS + 5000);
    for (const name of fs.readdirSync(dir)) fs.rmSync(path.join(dir, name));
    await expect(services.playback.locate({ camera, atMs: PLAYBACK_TEST_START_MS + 5000 })).rejects.toMatchObject({ code: 'not_found', message: /plugged in/ });
    const response = await fetch(`${app.bridge.url}${plan.url}`);
    expect(response.status).toBe(410);
    expect(await response.text()).toMatch(/plugged in/);
  });

  it('refuses a damaged file with a plain media_failed error', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'ch01_20260304140000_20260304140100.mp4'), Buffer.alloc(50_000, 0x5a));
    const { services, camera } = await setup({ dir });
    await expect(services.playback.locate({ camera, atMs: PLAYBACK_TEST_START_MS + 5000 })).rejects.toMatchObject({
      code: 'media_failed',
      message: expect.stringMatching(/could not be read as video/) as unknown,
    });
  });
});

describe('the HEVC proxy', () => {
  it('converts HEVC as it plays: a fragmented H.264 MP4 through the bridge, starting at the asked moment', async () => {
    const { app, services, camera } = await setup({ dir: hevcDir });
    const atMs = PLAYBACK_TEST_START_MS + 40_000;
    const plan = await planAt(services, camera, atMs);
    expect(plan).toMatchObject({ mode: 'proxy', videoCodec: 'hevc', mediaZeroMs: atMs, startAtS: 0, recordingStartMs: PLAYBACK_TEST_START_MS });
    expect(plan.note).toMatch(/HEVC.*cannot play directly.*converts it as it plays/);

    const response = await fetch(`${app.bridge.url}${plan.url}`, { headers: { range: 'bytes=0-' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('video/mp4');
    expect(response.headers.get('content-length')).toBeNull();
    const body = Buffer.from(await response.arrayBuffer());
    expect(body.includes(Buffer.from('moof'))).toBe(true);
    const out = path.join(tempDir(), 'proxy.mp4');
    fs.writeFileSync(out, body);
    const probe = await probeMedia({ ffprobe: tools.ffprobe, file: out, logger: createMemoryLogger() });
    expect(probe.formatName).toContain('mp4');
    expect(probe.streams.find((stream) => stream.codecType === 'video')).toMatchObject({ codecName: 'h264', width: 320, height: 240, pixFmt: 'yuv420p' });
    // The last 20 s of the minute.
    expect(probe.durationS).toBeGreaterThan(18);
    expect(probe.durationS).toBeLessThan(22);
    await waitUntil(() => services.playback.diagnostics().proxyPids.length === 0);
  });

  it('stops ffmpeg when the viewer goes away mid-stream', async () => {
    const { app, services, camera } = await setup({ dir: hevcDir });
    const plan = await planAt(services, camera, PLAYBACK_TEST_START_MS);
    const controller = new AbortController();
    const response = await fetch(`${app.bridge.url}${plan.url}`, { signal: controller.signal });
    const reader = response.body!.getReader();
    await reader.read();
    const [pid] = services.playback.diagnostics().proxyPids;
    expect(pid).toBeDefined();
    expect(isAlive(pid!)).toBe(true);
    controller.abort();
    await waitUntil(() => !isAlive(pid!));
    await waitUntil(() => services.playback.diagnostics().proxyPids.length === 0);
    expect(runningToolStreamPids()).not.toContain(pid);
  });

  it('stops a conversion that would run for ever when the viewer goes away', async () => {
    const { app, services, camera, logger } = await setup({ dir: hevcDir });
    const media = createMediaServer({ logger });
    const bridge = await startBridge({ router: app.core.router, media, logger, rendererDir: tempDir() });
    onTestFinished(() => bridge.close());
    const playback = createPlaybackService({ ...services, media, mediaTools: endlessFfmpeg });
    const plan = (await playback.locate({ camera, atMs: PLAYBACK_TEST_START_MS })) as { found: true; plan: PlaybackPlan };
    const controller = new AbortController();
    const response = await fetch(`${bridge.url}${plan.plan.url}`, { signal: controller.signal });
    await response.body!.getReader().read();
    const [pid] = playback.diagnostics().proxyPids;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(isAlive(pid!)).toBe(true);
    controller.abort();
    await waitUntil(() => !isAlive(pid!));
    expect(playback.diagnostics().proxyPids).toEqual([]);
  });

  it('never runs more conversions than the limit, and stops them all when the media server closes', async () => {
    const { services, camera } = await setup({ dir: hevcDir });
    const media = createMediaServer({ logger: services.logger });
    const playback = createPlaybackService({ ...services, media, mediaTools: endlessFfmpeg, maxProxyStreams: 2 });
    const never = new AbortController().signal;
    const started: number[] = [];
    for (const offsetMs of [0, 10_000, 20_000]) {
      const plan = (await playback.locate({ camera, atMs: PLAYBACK_TEST_START_MS + offsetMs })) as { found: true; plan: PlaybackPlan };
      expect((await media.handle({ method: 'GET', urlPath: plan.plan.url, range: undefined, signal: never }))?.status).toBe(200);
      started.push(playback.diagnostics().proxyPids.at(-1)!);
    }
    await waitUntil(() => !isAlive(started[0]!));
    expect(playback.diagnostics().proxyPids).toEqual(started.slice(1));
    expect(started.slice(1).every(isAlive)).toBe(true);
    media.close();
    await waitUntil(() => started.every((pid) => !isAlive(pid)));
    expect(playback.diagnostics().proxyPids).toEqual([]);
  });
});

describe('thumbnails', () => {
  it('gives a URL per moment with a recording, makes each JPEG once, then serves it from the cache', async () => {
    const { app, services, camera, logger } = await setup({ dir: h264Dir });
    const strip = await services.playback.thumbnails({ camera, fromMs: PLAYBACK_TEST_START_MS - MINUTE, toMs: PLAYBACK_TEST_START_MS + MINUTE, count: 4 });
    expect(strip.frames.map((frame) => frame.atMs - PLAYBACK_TEST_START_MS)).toEqual([-45_000, -15_000, 15_000, 45_000]);
    expect(strip.frames.map((frame) => frame.url === null)).toEqual([true, true, false, false]);
    const url = strip.frames[2]!.url!;

    const first = await fetch(`${app.bridge.url}${url}`);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('image/jpeg');
    const jpeg = Buffer.from(await first.arrayBuffer());
    expect(jpeg.subarray(0, 2).equals(Buffer.from([0xff, 0xd8]))).toBe(true);
    expect(ffmpegRuns(logger, '-frames:v')).toBe(1);

    const again = await services.playback.thumbnails({ camera, fromMs: PLAYBACK_TEST_START_MS - MINUTE, toMs: PLAYBACK_TEST_START_MS + MINUTE, count: 4 });
    expect(again.frames[2]!.url).toBe(url);
    const second = await fetch(`${app.bridge.url}${url}`);
    expect(Buffer.from(await second.arrayBuffer()).equals(jpeg)).toBe(true);
    expect(ffmpegRuns(logger, '-frames:v')).toBe(1);
    const cacheDir = path.join(services.dataDir, 'cache', 'thumbnails');
    expect(fs.readdirSync(cacheDir).filter((name) => name.endsWith('.jpg'))).toHaveLength(1);
  });

  it("shows a short file's last picture for moments past its end", async () => {
    const dir = tempDir();
    // The name says two minutes; the file holds one.
    fs.copyFileSync(path.join(h264Dir, fs.readdirSync(h264Dir).sort()[0]!), path.join(dir, 'ch01_20260304140000_20260304140200.mp4'));
    const { app, services, camera, logger } = await setup({ dir });
    const strip = await services.playback.thumbnails({ camera, fromMs: PLAYBACK_TEST_START_MS + 80_000, toMs: PLAYBACK_TEST_START_MS + 100_000, count: 1 });
    const response = await fetch(`${app.bridge.url}${strip.frames[0]!.url!}`);
    expect(response.status).toBe(200);
    expect(ffmpegRuns(logger, '-sseof')).toBe(1);
  });

  it('makes thumbnails of HEVC too, and refuses a backwards strip', async () => {
    const { app, services, camera } = await setup({ dir: hevcDir });
    const strip = await services.playback.thumbnails({ camera, fromMs: PLAYBACK_TEST_START_MS, toMs: PLAYBACK_TEST_START_MS + MINUTE, count: 2 });
    const responses = await Promise.all(strip.frames.map((frame) => fetch(`${app.bridge.url}${frame.url!}`)));
    expect(responses.map((response) => response.status)).toEqual([200, 200]);
    await expect(services.playback.thumbnails({ camera, fromMs: PLAYBACK_TEST_START_MS, toMs: PLAYBACK_TEST_START_MS - 1, count: 2 })).rejects.toMatchObject({
      code: 'invalid_input',
    });
  });
});
