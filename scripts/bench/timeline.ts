/**
 * Frame times of the real step-1 timeline in Chromium: the <Timeline> component with 100,000 recordings on 6 cameras
 * over three weeks, bundled with esbuild into a scratch folder, served on 127.0.0.1 and driven by Playwright with
 * mouse drags (pan) and wheel turns (zoom) from week zoom down to seconds and back. A requestAnimationFrame loop in the
 * page records the time between frames during each interaction; the component reports its own drawing time per frame.
 * Target: p95 frame time ≤ 20 ms.
 *
 *   npx tsx scripts/bench/timeline.ts [--pixel-ratio 1] [--screenshots DIR] [--write-readme]
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { chromium, type Page } from 'playwright-core';
import type { BenchDraw, BenchState } from './timeline-page';
import { writeReadmeSection } from './readme-section';

const { values } = parseArgs({
  options: {
    'pixel-ratio': { type: 'string', default: '1' },
    screenshots: { type: 'string' },
    'write-readme': { type: 'boolean', default: false },
  },
});
const PIXEL_RATIO = Number(values['pixel-ratio']);
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const TARGET_P95_MS = 20;
const VIEWPORT = { width: 1280, height: 800 };
const WHEEL_NOTCHES = 60;

async function bundlePage(outDir: string): Promise<void> {
  await build({
    entryPoints: [path.join(__dirname, 'timeline-page.ts')],
    bundle: true,
    outdir: outDir,
    entryNames: 'page',
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    jsx: 'automatic',
    minify: true,
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
  });
  fs.writeFileSync(
    path.join(outDir, 'index.html'),
    '<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>Timeline benchmark</title><link rel="stylesheet" href="page.css"></head>' +
      '<body><div id="root"></div><script src="page.js"></script></body></html>',
  );
}

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css' };

async function serve(dir: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((request, response) => {
    const name = path.basename(new URL(request.url ?? '/', 'http://127.0.0.1').pathname) || 'index.html';
    const file = path.join(dir, name);
    if (!fs.existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' }).end(fs.readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

interface PhaseResult {
  name: string;
  frames: number[];
  draws: BenchDraw[];
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? Number.NaN;
const ms = (value: number) => `${value.toFixed(1)} ms`;

function summary(samples: number[]): { p50: number; p95: number; max: number } {
  const sorted = samples.slice().sort((a, b) => a - b);
  return { p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95), max: sorted[sorted.length - 1] ?? Number.NaN };
}

async function phase(page: Page, name: string, act: () => Promise<void>): Promise<PhaseResult> {
  await page.evaluate(() => window.__timelineBench.start());
  await act();
  // Let the last event's frame be drawn before stopping.
  await page.waitForTimeout(100);
  const { frames, draws } = await page.evaluate(() => {
    window.__timelineBench.stop();
    return { frames: window.__timelineBench.frames, draws: window.__timelineBench.draws };
  });
  return { name, frames, draws };
}

async function visibleSpanS(page: Page): Promise<number> {
  // onViewChange reports once the view has been still for 150 ms.
  await page.waitForTimeout(300);
  const range = await page.evaluate(() => window.__timelineBench.lastRange);
  return range ? (range.endMs - range.startMs) / 1000 : Number.NaN;
}

function spanWords(seconds: number): string {
  if (seconds >= 86_400) return `${(seconds / 86_400).toFixed(1)} days`;
  if (seconds >= 3600) return `${(seconds / 3600).toFixed(1)} h`;
  if (seconds >= 60) return `${(seconds / 60).toFixed(1)} min`;
  return `${seconds.toFixed(1)} s`;
}

async function main(): Promise<void> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'handover-bench-timeline-'));
  const server = await (async () => {
    await bundlePage(scratch);
    return serve(scratch);
  })();
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage({ viewport: VIEWPORT, deviceScaleFactor: PIXEL_RATIO });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(server.url);
    const canvas = page.getByTestId('timeline-canvas');
    await canvas.waitFor();
    const info = await page.evaluate(() => {
      const state: BenchState = window.__timelineBench;
      return { recordings: state.recordings, cameras: state.cameras, days: (state.endMs - state.startMs) / 86_400_000 };
    });
    const box = (await canvas.boundingBox())!;
    const rowY = box.y + 40 + 16;
    const middleX = box.x + box.width * 0.6;
    const startSpanS = await visibleSpanS(page);

    const drag = async (times: number) => {
      for (let i = 0; i < times; i += 1) {
        const direction = i % 2 === 0 ? -1 : 1;
        await page.mouse.move(middleX, rowY + 32);
        await page.mouse.down();
        for (let step = 1; step <= 25; step += 1) await page.mouse.move(middleX + direction * step * 16, rowY + 32);
        await page.mouse.up();
      }
    };
    const wheel = async (deltaY: number) => {
      for (let i = 0; i < WHEEL_NOTCHES; i += 1) {
        await page.mouse.move(middleX + ((i % 7) - 3) * 5, rowY + 64);
        // Playwright divides wheel deltas by the pixel ratio; scaled back, a notch is 100 px at any ratio.
        await page.mouse.wheel(0, deltaY * PIXEL_RATIO);
      }
    };

    /** With --screenshots, what the timeline looked like at each zoom, to check the drawing by eye. */
    const snap = async (name: string) => {
      if (values.screenshots) await page.locator('.timeline').screenshot({ path: path.join(values.screenshots, `timeline-${name}.png`) });
    };
    if (values.screenshots) fs.mkdirSync(values.screenshots, { recursive: true });
    await snap('week');

    const phases: PhaseResult[] = [];
    phases.push(await phase(page, 'pan at week zoom (6 drags of 400 px)', () => drag(6)));
    phases.push(await phase(page, `zoom in with the wheel (${WHEEL_NOTCHES} notches)`, () => wheel(-100)));
    const closestSpanS = await visibleSpanS(page);
    await snap('seconds');
    phases.push(await phase(page, 'pan at seconds zoom (6 drags of 400 px)', () => drag(6)));
    phases.push(await phase(page, `zoom out with the wheel (${WHEEL_NOTCHES} notches)`, () => wheel(100)));
    const widestSpanS = await visibleSpanS(page);
    for (let i = 0; i < 25; i += 1) await page.mouse.wheel(0, -100 * PIXEL_RATIO);
    await page.waitForTimeout(100);
    await snap('hours');

    // The component still does its job after all that: a click moves the playhead, "Jump to" goes to a time.
    await page.mouse.click(box.x + box.width * 0.5, rowY);
    const jumpOk = await (async () => {
      await page.getByTestId('timeline-jump').fill('2026-03-10T12:34:56');
      await page.getByTestId('timeline-jump-go').click();
      const text = await page.getByTestId('timeline-playhead-true').textContent();
      return text?.includes('10 Mar 2026 12:34:56') ?? false;
    })();
    if (errors.length > 0) throw new Error(`The page reported errors: ${errors.join('; ')}`);
    if (!jumpOk) throw new Error('"Jump to" did not move the playhead.');

    const all: PhaseResult = { name: 'all of the above', frames: phases.flatMap((p) => p.frames), draws: phases.flatMap((p) => p.draws) };
    const rows = [...phases, all].map((result) => {
      const frames = summary(result.frames);
      const draws = summary(result.draws.map((d) => d.drawMs));
      const visited = Math.max(0, ...result.draws.map((d) => d.visited));
      const bars = Math.max(0, ...result.draws.map((d) => d.bars));
      return { result, frames, draws, visited, bars };
    });
    const overall = rows[rows.length - 1]!;
    const pass = overall.frames.p95 <= TARGET_P95_MS;
    const date = new Date().toISOString().slice(0, 10);
    const markdown = [
      `Timeline with ${info.recordings.toLocaleString('en-GB')} recordings on ${info.cameras} cameras over ${Math.round(info.days)} days, in headless Chromium ${browser.version()} ` +
        `(software rendering, ${VIEWPORT.width}×${VIEWPORT.height}, pixel ratio ${PIXEL_RATIO}; \`npx tsx scripts/bench/timeline.ts --write-readme\`, ${date}, ${os.cpus().length} cores). ` +
        `Visible span: ${spanWords(startSpanS)} at the start, ${spanWords(closestSpanS)} after zooming in, ${spanWords(widestSpanS)} after zooming out.`,
      '',
      '| interaction | frames | frame time p50 / p95 / max | draws | draw time p50 / p95 / max | most recordings looked at in one draw | most bars in one draw |',
      '| --- | --- | --- | --- | --- | --- | --- |',
      ...rows.map(
        ({ result, frames, draws, visited, bars }) =>
          `| ${result.name} | ${result.frames.length} | ${ms(frames.p50)} / ${ms(frames.p95)} / ${ms(frames.max)} | ${result.draws.length} | ` +
          `${ms(draws.p50)} / ${ms(draws.p95)} / ${ms(draws.max)} | ${visited.toLocaleString('en-GB')} | ${bars.toLocaleString('en-GB')} |`,
      ),
      '',
      `Target: p95 frame time ≤ ${TARGET_P95_MS} ms over all interactions: ${ms(overall.frames.p95)}, ${pass ? 'pass' : 'FAIL'}.`,
    ].join('\n');
    process.stdout.write(`${markdown}\n`);
    if (values['write-readme']) writeReadmeSection({ name: 'timeline', markdown });
    if (!pass) process.exitCode = 1;
  } finally {
    await browser.close();
    await server.close();
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
