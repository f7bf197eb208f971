/**
 * How soon the review player shows its first picture, in Debian's Chromium through the loopback bridge: the app's own
 * demo footage ("Try with demo footage": 4 cameras × 20 minutes, 5-minute files) in H.264, played straight from the
 * file with range requests, and in HEVC, converted by the ffmpeg proxy as it plays. Each run asks review.locate for a
 * moment in the middle of a file, gives a fresh <video> the plan's URL and start time, and times from setting `src`
 * to the first frame at that moment (readyState ≥ 2, not seeking). Median of five; targets: H.264 ≤ 1000 ms, HEVC
 * proxy ≤ 3000 ms.
 *
 *   npx tsx scripts/bench/playback.ts [--write-readme]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Page } from 'playwright-core';
import type { DemoLayout, ScanSummary } from '../../src-shared/domain/catalogue';
import type { PlaybackPlan } from '../../src-shared/domain/review';
import type { DemoVideoCodec } from '../../src-shared/ffmpeg-args/demo-footage';
import { startWebApp, type WebApp } from '../../src-main/bridge/start-web-app';
import { createMemoryLogger } from '../../src-main/services/logger';
import { writeReadmeSection } from './readme-section';

const { values } = parseArgs({ options: { 'write-readme': { type: 'boolean', default: false } } });
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const RUNS = 5;
const LAYOUT: DemoLayout = 'hikvision-usb';
const TARGETS_MS: Record<DemoVideoCodec, number> = { h264: 1000, hevc: 3000 };

const median = (values: number[]) => values.slice().sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** The app's own demo job, then the background check it starts, as "Try with demo footage" does. */
async function makeDemoSource(app: WebApp, codec: DemoVideoCodec): Promise<{ sourceId: string; cameraKey: string; startMs: number }> {
  const { catalogue, jobs } = app.core.services;
  const demo = await jobs.waitFor({ jobId: catalogue.startDemo({ caseId: null, layout: LAYOUT, codec, actor: 'bench' }).id });
  if (demo.state !== 'succeeded') throw new Error(`demo ${codec} ${demo.state}: ${demo.error?.message ?? ''}`);
  const summary = demo.result as ScanSummary;
  if (summary.checkJobId) await jobs.waitFor({ jobId: summary.checkJobId });
  const camera = catalogue.overview({ sourceId: summary.sourceId }).cameras[0]!;
  return { sourceId: summary.sourceId, cameraKey: camera.key, startMs: camera.startMs! };
}

/**
 * Runs in the page: a fresh muted <video>, timed from `src` to the first frame at `startAtS`. Written as source text
 * because tsx's compiler wraps named inner functions in a helper that does not exist in the page.
 */
const FIRST_FRAME_SCRIPT = `async ({ url, startAtS }) => {
  const video = document.createElement('video');
  video.muted = true;
  video.preload = 'auto';
  document.body.append(video);
  const started = performance.now();
  video.src = url;
  if (startAtS > 0) video.currentTime = startAtS;
  const result = await new Promise((resolve, reject) => {
    const check = () => {
      if (video.readyState >= 2 && !video.seeking && Math.abs(video.currentTime - startAtS) < 0.5) resolve({ ms: performance.now() - started, currentTime: video.currentTime });
    };
    for (const event of ['loadeddata', 'seeked', 'canplay', 'timeupdate']) video.addEventListener(event, check);
    video.addEventListener('error', () => reject(new Error('video error ' + (video.error ? video.error.code + ': ' + video.error.message : ''))));
    setTimeout(() => reject(new Error('no first frame after 15 s (readyState ' + video.readyState + ')')), 15000);
  });
  // Drop the element and its connection, which for the proxy stops ffmpeg.
  video.removeAttribute('src');
  video.load();
  video.remove();
  return result;
}`;

async function timeFirstFrame(page: Page, input: { url: string; startAtS: number }): Promise<{ ms: number; currentTime: number }> {
  const run = await page.evaluateHandle(FIRST_FRAME_SCRIPT);
  try {
    return (await run.evaluate((fn, arg) => (fn as (a: typeof arg) => Promise<{ ms: number; currentTime: number }>)(arg), input));
  } finally {
    await run.dispose();
  }
}

async function benchCodec(options: { app: WebApp; page: Page; codec: DemoVideoCodec }) {
  const { app, page, codec } = options;
  process.stderr.write(`Making ${codec} demo footage…\n`);
  const source = await makeDemoSource(app, codec);
  const runs: { firstFrameMs: number; locateMs: number; plan: PlaybackPlan }[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    // A different moment each run (the middle of the first file, then on), and a fresh URL, so nothing is reused.
    const atMs = source.startMs + 150_000 + run * 7_000;
    const locateStarted = performance.now();
    const located = await app.core.services.playback.locate({ camera: { sourceId: source.sourceId, cameraKey: source.cameraKey }, atMs });
    const locateMs = performance.now() - locateStarted;
    if (!located.found) throw new Error(located.message);
    const { plan } = located;
    const { ms } = await timeFirstFrame(page, { url: `${plan.url}?run=${codec}-${run}`, startAtS: plan.startAtS });
    runs.push({ firstFrameMs: ms, locateMs, plan });
  }
  return { codec, runs, plan: runs[0]!.plan };
}

async function main(): Promise<void> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'handover-bench-playback-'));
  // A blank page of the bridge's origin: the media URLs are same-origin, as they are for the real renderer.
  const rendererDir = path.join(scratch, 'blank');
  fs.mkdirSync(rendererDir);
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>bench</title>');
  const app = await startWebApp({ dataDir: path.join(scratch, 'data'), rendererDir, logger: createMemoryLogger() });
  const browser = await chromium.launchPersistentContext(path.join(scratch, 'profile'), {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = browser.pages()[0] ?? (await browser.newPage());
    await page.goto(`${app.bridge.url}/`);
    const results = [await benchCodec({ app, page, codec: 'h264' }), await benchCodec({ app, page, codec: 'hevc' })];
    // The last player's connection closes as it is removed; its ffmpeg gets SIGTERM and should be gone within moments.
    const waitStarted = Date.now();
    while (app.core.services.playback.diagnostics().proxyPids.length > 0 && Date.now() - waitStarted < 3000) await new Promise((resolve) => setTimeout(resolve, 50));
    const left = app.core.services.playback.diagnostics().proxyPids.length;
    const chromiumVersion = /Chrome\/([\d.]+)/.exec(await page.evaluate(() => navigator.userAgent))?.[1] ?? '';

    const pass = (ok: boolean) => (ok ? 'pass' : '**FAIL**');
    const rows = results.map(({ codec, runs, plan }) => {
      const firstFrame = median(runs.map((run) => run.firstFrameMs));
      const locate = median(runs.map((run) => run.locateMs));
      const what =
        plan.mode === 'direct'
          ? `${codec.toUpperCase()} MP4, played from the file (direct, range requests), ${plan.startAtS.toFixed(0)} s or more into a 5-minute file`
          : `${codec.toUpperCase()} MP4, converted by the proxy (ffmpeg → H.264 fragmented MP4) from the asked moment`;
      const each = runs.map((run) => run.firstFrameMs.toFixed(0)).join(', ');
      return `| ${what} | ${plan.mode} | ${locate.toFixed(0)} ms | ${firstFrame.toFixed(0)} ms (${each}) | ≤ ${TARGETS_MS[codec]} ms | ${pass(firstFrame <= TARGETS_MS[codec])} |`;
    });
    const markdown = [
      `First frame in Chromium ${chromiumVersion} (headless, software decoding) through the loopback bridge, demo footage (${LAYOUT}, ${results[0]!.plan.width}×${results[0]!.plan.height} at ${results[0]!.plan.frameRate ?? '?'} fps) (\`npx tsx scripts/bench/playback.ts --write-readme\`, ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} cores, Node ${process.versions.node}):`,
      '',
      '| footage | mode | review.locate (median) | src set → first frame at the asked moment: median (5 runs) | target | result |',
      '| --- | --- | --- | --- | --- | --- |',
      ...rows,
      `| proxies still running after the last player was removed | | | ${left} | 0 | ${pass(left === 0)} |`,
    ].join('\n');
    process.stdout.write(`${markdown}\n`);
    if (values['write-readme']) writeReadmeSection({ name: 'playback', markdown });
  } finally {
    await browser.close();
    await app.close();
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
