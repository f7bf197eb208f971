import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { formatLocalDateTime } from '../../src-shared/domain/local-time';
import { STILL_SWS_FLAGS } from '../../src-shared/ffmpeg-args/still';
import { wallClockAt } from '../../src-shared/domain/time';
import { generateDemoFootage } from '../../src-main/services/catalogue/demo-nvr';
import { systemTimeZone } from '../../src-main/services/catalogue/catalogue-service';
import { createMemoryLogger } from '../../src-main/services/logger';
import { resolveMediaTools } from '../../src-main/services/media/binaries';
import { openE2eSession, type E2eSession } from './browser';
import { addDahuaDemoFootage, createCase } from './ui-steps';

let session: E2eSession | null = null;
afterEach(async () => {
  await session?.close();
  session = null;
});

const FFMPEG = resolveMediaTools().ffmpeg.path;

/** A wall-clock reading for the timeline's "Jump to" field (a datetime-local input), in the recorder's zone. */
function jumpText(instantMs: number, timeZone: string): string {
  return formatLocalDateTime(wallClockAt({ instantMs, timeZone })).replace(' ', 'T');
}

async function jumpTo(page: Page, instantMs: number, timeZone: string): Promise<void> {
  await page.getByTestId('timeline-jump').fill(jumpText(instantMs, timeZone));
  await page.getByTestId('timeline-jump-go').click();
}

/** Waits until the video of the camera shown first has a frame to show (readyState ≥ 2: HAVE_CURRENT_DATA). */
async function waitForFrame(page: Page, timeoutMs = 20_000): Promise<void> {
  await page.waitForFunction(() => {
    const video = document.querySelector<HTMLVideoElement>('[data-testid="camera-video"]');
    return video !== null && video.readyState >= 2;
  }, undefined, { timeout: timeoutMs });
}

/** Decoded RGB pixels of one image or video frame, through ffmpeg. */
function rgbPixels(options: { input: string; seekS?: number }): Buffer {
  const seek = options.seekS === undefined ? [] : ['-ss', options.seekS.toFixed(3)];
  // The still's own YUV-to-RGB conversion, so only a different frame (not rounding) can make the pixels differ.
  const args = ['-v', 'error', '-i', options.input, ...seek, '-frames:v', '1', '-sws_flags', STILL_SWS_FLAGS, '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1'];
  return execFileSync(FFMPEG, args, { maxBuffer: 64 * 1024 * 1024 });
}

function meanAbsoluteDifference(a: Buffer, b: Buffer): number {
  expect(a.length).toBe(b.length);
  let total = 0;
  for (let i = 0; i < a.length; i += 1) total += Math.abs(a[i]! - b[i]!);
  return total / a.length;
}

describe('step 1: review footage through the real UI', () => {
  it('jumps to a time, marks a clip on two cameras with a note, takes a still, and keeps them after a reload', async () => {
    session = await openE2eSession();
    const { page, app } = session;
    await page.goto(app.bridge.openUrl);
    await createCase(page, 'Theft at till 2');
    await addDahuaDemoFootage(page);
    await page.getByTestId('timeline-canvas').waitFor();

    const caseId = app.core.services.cases.list()[0]!.id;
    const timeline = app.core.services.review.timeline({ caseId });
    const source = timeline.sources[0]!;
    const [till, door] = timeline.cameras;
    expect(till && door).toBeTruthy();
    const timeZone = source.timeZone;

    // Jump to 2 min 30 s into the footage: the playhead reads that true time, and the H.264 file plays directly.
    const inMs = timeline.startMs! + 150_000;
    await jumpTo(page, inMs, timeZone);
    await page.getByTestId('timeline-playhead-true').filter({ hasText: jumpText(inMs, timeZone).slice(11) }).waitFor();
    await waitForFrame(page);

    // The strip of pictures under the timeline is made by ffmpeg on first sight and kept on disk.
    await page.waitForFunction(() =>
      [...document.querySelectorAll<HTMLImageElement>('[data-testid="thumbnail-image"]')].some((image) => image.complete && image.naturalWidth > 0),
    );
    expect(fs.readdirSync(path.join(session.dataDir, 'cache', 'thumbnails')).length).toBeGreaterThan(0);

    await page.getByTestId('mark-in').click();
    const outMs = inMs + 20_000;
    await jumpTo(page, outMs, timeZone);
    await page.getByTestId('mark-out').click();
    await page.getByTestId(`also-on-${door!.label}`).check();
    await page.getByTestId('save-clip').click();
    await page.getByTestId('clip-item').nth(1).waitFor();

    const note = 'male in red jacket enters at the till';
    await page.getByTestId('clip-note').first().fill(note);
    await page.getByTestId('clip-note').first().blur();
    await expect.poll(() => app.core.services.review.state({ caseId }).clips[0]?.note, { timeout: 10_000 }).toBe(note);

    // A still at the playhead (the clip's end), taken by ffmpeg from the recording, not from the player.
    await page.getByTestId('take-still').click();
    await page.getByTestId('still-item').waitFor();

    await page.reload();
    await page.getByTestId('clip-item').nth(1).waitFor();
    expect(await page.getByTestId('clip-note').first().inputValue()).toBe(note);
    await page.getByTestId('still-item').waitFor();
    await page.waitForFunction(() => {
      const image = document.querySelector<HTMLImageElement>('[data-testid="still-image"]');
      return image !== null && image.complete && image.naturalWidth > 0;
    });

    const state = app.core.services.review.state({ caseId });
    expect(state.clips.map((clip) => [clip.cameraLabel, clip.startMs, clip.endMs])).toEqual([
      [till!.label, inMs, outMs],
      [door!.label, inMs, outMs],
    ]);
    expect(state.clips[0]!.groupId).toBe(state.clips[1]!.groupId);
    const [still] = state.stills;
    expect(still).toMatchObject({ atMs: outMs, cameraLabel: till!.label });

    // The still's pixels are the recording's frame at the same true time; the burnt-in clock makes a wrong time show.
    const stillFile = path.join(session.dataDir, 'cases', caseId, 'stills', `${still!.id}.png`);
    expect(fs.existsSync(stillFile)).toBe(true);
    const found = app.core.services.catalogue.findRecording({ sourceId: source.id, cameraKey: till!.cameraKey, atMs: outMs });
    if (!found.found) throw new Error('no recording at the still time');
    const offsetS = (outMs - found.row.true_start_ms!) / 1000;
    const stillPixels = rgbPixels({ input: stillFile });
    expect(meanAbsoluteDifference(stillPixels, rgbPixels({ input: found.absPath, seekS: offsetS }))).toBeLessThan(0.5);
    expect(meanAbsoluteDifference(stillPixels, rgbPixels({ input: found.absPath, seekS: offsetS + 2 }))).toBeGreaterThan(1);

    const actions = app.core.services.custody.list({ caseId }).map((entry) => entry.action);
    expect(actions.filter((action) => action.startsWith('review.'))).toEqual(expect.arrayContaining(['review.clipAdded', 'review.stillTaken']));
    expect(app.core.services.custody.verify()).toMatchObject({ ok: true });
    expect(session.pageErrors).toEqual([]);
  }, 180_000);

  it('plays an HEVC recorder through the converting proxy', async () => {
    session = await openE2eSession();
    const { page, app } = session;
    const folder = path.join(session.dataDir, '..', 'hevc-recorder');
    const timeZone = systemTimeZone();
    await generateDemoFootage({
      dir: folder,
      layout: 'dahua-sd',
      cameras: 1,
      minutes: 2,
      segmentMinutes: 1,
      start: { year: 2026, month: 3, day: 14, hour: 14, minute: 0, second: 0 },
      timeZone,
      codec: 'hevc',
      tools: resolveMediaTools(),
      logger: createMemoryLogger(),
    });
    await page.goto(app.bridge.openUrl);
    await createCase(page, 'Break-in at the back door');
    await page.getByLabel('Folder on this computer').fill(folder);
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByTestId('timeline-canvas').waitFor({ timeout: 60_000 });
    await waitForFrame(page, 30_000);
    await page.getByText('converted as it plays').waitFor();
    expect(session.pageErrors).toEqual([]);
  }, 120_000);
});
