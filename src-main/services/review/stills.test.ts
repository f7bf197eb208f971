import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failureOf } from '../../../test/helpers/failure-of';
import { useTempDirs } from '../../../test/helpers/temp-dir';
import { stillSchema, type CameraRef } from '../../../src-shared/domain/review';
import { STILL_SWS_FLAGS } from '../../../src-shared/ffmpeg-args/still';
import { AppError } from '../errors';
import { resolveMediaTools, type MediaTools } from '../media/binaries';
import type { CustodyLog } from '../custody/custody-log';
import { createReviewService, type ReviewChange, type ReviewServiceOptions } from './review-service';
import { fakeMediaServer, FOOTAGE_START_MS as T0, makeDemoFootage, MINUTE_MS, setupReviewCase, type ReviewCase } from './review-test-setup';

const tempDir = useTempDirs('handover-stills-');
const tools = resolveMediaTools();
let footageDir = '';
/** Till's two one-minute files, in time order. */
let tillFiles: string[] = [];

beforeAll(async () => {
  footageDir = fs.mkdtempSync(path.join(os.tmpdir(), 'handover-stills-footage-'));
  const files = await makeDemoFootage({ dir: footageDir, tools });
  tillFiles = files.filter((file) => file.includes(`${path.sep}001${path.sep}`)).sort();
}, 60_000);
afterAll(() => fs.rmSync(footageDir, { recursive: true, force: true }));

async function setup(
  options: { overrides?: Partial<ReviewServiceOptions>; footage?: string } = {},
): Promise<ReviewCase & { till: CameraRef; changes: ReviewChange[]; stillsDir: string }> {
  const dataDir = tempDir();
  const reviewCase = await setupReviewCase({ dataDir, footageDir: options.footage ?? footageDir, overrides: options.overrides });
  const changes: ReviewChange[] = [];
  reviewCase.review.onChange((event) => changes.push(event));
  const stillsDir = path.join(dataDir, 'cases', reviewCase.caseId, 'stills');
  return { ...reviewCase, till: { sourceId: reviewCase.sourceId, cameraKey: 'ch01' }, changes, stillsDir };
}

/** Raw RGB of one frame as ffmpeg decodes it: the first frame at or after `atS` (an exact frame time here). */
function referenceFrame(file: string, atS: number): Buffer {
  const args = ['-v', 'error', '-i', file, '-ss', atS.toFixed(6), '-frames:v', '1', '-sws_flags', STILL_SWS_FLAGS, '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1'];
  return execFileSync(tools.ffmpeg.path, args, { maxBuffer: 64 * 1024 * 1024 });
}

/** Raw RGB of a PNG (lossless, so exactly the pixels saved). */
function pngPixels(file: string): Buffer {
  return execFileSync(tools.ffmpeg.path, ['-v', 'error', '-i', file, '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1'], { maxBuffer: 64 * 1024 * 1024 });
}

function sha256(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** Everything in the case's stills folder, hidden temporary files included. */
function filesIn(dir: string): string[] {
  return fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [];
}

describe('stills', () => {
  it('saves the frame on screen at the instant as a full-size PNG, hashed, with its frame times, and logs it', async () => {
    const { core, review, caseId, sourceId, till, changes, stillsDir } = await setup();
    core.services.catalogue.setClock({ sourceId, timeZone: 'Europe/London', answer: { kind: 'offset', clockOffsetS: 192, check: 'entered' }, actor: 'user' });
    const fileStartMs = T0 - 192_000;
    // 10.5 s into the first file: 5 fps, so the frame from 10.4 s is on screen (ffmpeg's -ss alone would give 10.6 s).
    const still = await review.takeStill({ caseId, camera: till, atMs: fileStartMs + 10_500, note: ' Face visible ', actor: 'user' });

    expect(still).toMatchObject({
      caseId,
      camera: till,
      atMs: fileStartMs + 10_500,
      frameMs: fileStartMs + 10_400,
      recorderFrameMs: T0 + 10_400,
      width: 320,
      height: 240,
      note: 'Face visible',
      url: `/media/test-${still.id}.png`,
    });
    const png = path.join(stillsDir, `${still.id}.png`);
    expect(filesIn(stillsDir)).toEqual([`${still.id}.png`]);
    expect(still.sha256).toBe(sha256(png));
    expect(still.bytes).toBe(fs.statSync(png).size);

    const pixels = pngPixels(png);
    expect(pixels.length).toBe(320 * 240 * 3);
    expect(pixels.equals(referenceFrame(tillFiles[0]!, 10.4))).toBe(true);
    // The demo clock and pattern move every frame, so the neighbours differ: this is the one frame, not a near one.
    expect(pixels.equals(referenceFrame(tillFiles[0]!, 10.6))).toBe(false);
    expect(pixels.equals(referenceFrame(tillFiles[0]!, 10.2))).toBe(false);

    expect(review.state({ caseId }).stills).toEqual([still]);
    expect(stillSchema.parse(still)).toEqual(still);
    const entry = core.services.custody.list({ caseId }).at(-1)!;
    expect(entry.action).toBe('review.stillTaken');
    expect(entry.details).toMatchObject({
      stillId: still.id,
      sha256: still.sha256,
      frameMs: still.frameMs,
      recorderFrameMs: still.recorderFrameMs,
      offsetInRecordingS: 10.4,
      file: `cases/${caseId}/stills/${still.id}.png`,
    });
    expect(String(entry.details.recording)).toMatch(/14\.00\.00-14\.01\.00/);
    expect(changes).toEqual([{ caseId, kind: 'still' }]);
    expect(core.services.custody.verify().ok).toBe(true);
    await core.close();
  });

  it('takes the next file’s first frame at the boundary between two files', async () => {
    const { core, review, caseId, till, stillsDir } = await setup();
    const still = await review.takeStill({ caseId, camera: till, atMs: T0 + MINUTE_MS, actor: 'user' });
    expect(still.frameMs).toBe(T0 + MINUTE_MS);
    expect(pngPixels(path.join(stillsDir, `${still.id}.png`)).equals(referenceFrame(tillFiles[1]!, 0))).toBe(true);
    await core.close();
  });

  it('says in plain words when there is no recording at that time, and saves nothing', async () => {
    const { core, review, caseId, till, stillsDir } = await setup();
    const after = await failureOf(review.takeStill({ caseId, camera: till, atMs: T0 + 5 * MINUTE_MS, actor: 'user' }));
    expect(after.code).toBe('not_found');
    expect(after.message).toMatch(/^There is no recording on .+ at 14:05:00 on 14 March 2026\.$/);
    const before = await failureOf(review.takeStill({ caseId, camera: till, atMs: T0 - MINUTE_MS, actor: 'user' }));
    expect(before.message).toMatch(/ at 13:59:00 on 14 March 2026\. The next recording starts at 14:00:00 on 14 March 2026\.$/);
    expect(filesIn(stillsDir)).toEqual([]);
    expect(review.state({ caseId }).stills).toEqual([]);
    await core.close();
  });

  it('refuses a time past the end of a file that is shorter than its name says, rather than show an older frame', async () => {
    const shortDir = tempDir();
    fs.cpSync(footageDir, shortDir, { recursive: true });
    const second = path.join(shortDir, path.relative(footageDir, tillFiles[1]!));
    // Only the first 10 s of 14:01-14:02 were written, as when a recorder loses power.
    execFileSync(tools.ffmpeg.path, ['-v', 'error', '-i', tillFiles[1]!, '-t', '10', '-c', 'copy', '-y', `${second}.mp4`]);
    fs.renameSync(`${second}.mp4`, second);
    const { core, review, caseId, till, stillsDir } = await setup({ footage: shortDir });
    const error = await failureOf(review.takeStill({ caseId, camera: till, atMs: T0 + MINUTE_MS + 30_000, actor: 'user' }));
    expect(error.code).toBe('not_found');
    expect(error.message).toMatch(/^The recording on .+ has no picture at 14:01:30 on 14 March 2026\. The file may be shorter than its name says/);
    expect(filesIn(stillsDir)).toEqual([]);
    // Within what was written, stills work as usual.
    expect((await review.takeStill({ caseId, camera: till, atMs: T0 + MINUTE_MS + 5000, actor: 'user' })).frameMs).toBe(T0 + MINUTE_MS + 5000);
    await core.close();
  });

  it('updates the note, and deletes the still and its file while the log keeps its hash', async () => {
    const { core, review, caseId, till, stillsDir, changes } = await setup();
    const still = await review.takeStill({ caseId, camera: till, atMs: T0 + 3000, actor: 'user' });
    expect(review.updateStill({ stillId: still.id, note: ' Number plate ', actor: 'user' })).toMatchObject({ id: still.id, note: 'Number plate', sha256: still.sha256 });
    review.deleteStill({ stillId: still.id, actor: 'user' });
    expect(filesIn(stillsDir)).toEqual([]);
    expect(review.state({ caseId }).stills).toEqual([]);
    expect(() => review.deleteStill({ stillId: still.id, actor: 'user' })).toThrow(AppError);

    const entries = core.services.custody.list({ caseId }).filter((entry) => entry.action.startsWith('review.'));
    expect(entries.map((entry) => entry.action)).toEqual(['review.stillTaken', 'review.stillUpdated', 'review.stillDeleted']);
    expect(entries[1]!.details.changes).toEqual({ note: { from: '', to: 'Number plate' } });
    expect(entries[2]!.details).toMatchObject({ stillId: still.id, sha256: still.sha256, note: 'Number plate' });
    expect(changes.map((change) => change.kind)).toEqual(['still', 'still', 'still']);
    expect(core.services.custody.verify().ok).toBe(true);
    await core.close();
  });

  it.skipIf(process.platform === 'win32')('leaves no file and no record when ffmpeg fails part way through', async () => {
    // Writes some bytes where the PNG should go, then fails, as ffmpeg does on a damaged file.
    const fake = path.join(tempDir(), 'ffmpeg');
    fs.writeFileSync(fake, '#!/bin/sh\nfor last; do :; done\nprintf "half a picture" > "$last"\necho "Invalid data found when processing input" >&2\nexit 1\n', { mode: 0o755 });
    const mediaTools = (): MediaTools => ({ ...tools, ffmpeg: { tool: 'ffmpeg', path: fake, source: 'env' } });
    const { core, review, caseId, till, stillsDir } = await setup({ overrides: { mediaTools } });
    const error = await failureOf(review.takeStill({ caseId, camera: till, atMs: T0 + 3000, actor: 'user' }));
    expect(error).toMatchObject({ code: 'media_failed' });
    expect(error.message).toMatch(/Invalid data found when processing input/);
    expect(filesIn(stillsDir)).toEqual([]);
    expect(review.state({ caseId }).stills).toEqual([]);
    expect(core.services.custody.list({ caseId }).some((entry) => entry.action === 'review.stillTaken')).toBe(false);
    await core.close();
  });

  it('leaves no file when ffmpeg cannot be started, or when the still cannot be recorded', async () => {
    const missing = (): MediaTools => ({ ...tools, ffmpeg: { tool: 'ffmpeg', path: path.join(tempDir(), 'no-ffmpeg-here'), source: 'env' } });
    const first = await setup({ overrides: { mediaTools: missing } });
    expect((await failureOf(first.review.takeStill({ caseId: first.caseId, camera: first.till, atMs: T0 + 3000, actor: 'user' }))).code).toBe('missing_tool');
    expect(filesIn(first.stillsDir)).toEqual([]);
    await first.core.close();

    // The PNG is made, then saving the record fails (a full disk, say): the PNG must not stay as an unexplained file.
    const second = await setup();
    const { custody } = second.core.services;
    const failingCustody: CustodyLog = {
      ...custody,
      append: () => {
        throw new Error('database or disk is full');
      },
    };
    const review = createReviewService({ ...second.core.services, media: fakeMediaServer(), custody: failingCustody });
    await expect(review.takeStill({ caseId: second.caseId, camera: second.till, atMs: T0 + 3000, actor: 'user' })).rejects.toThrow('database or disk is full');
    expect(filesIn(second.stillsDir)).toEqual([]);
    expect(review.state({ caseId: second.caseId }).stills).toEqual([]);
    expect(custody.verify().ok).toBe(true);
    await second.core.close();
  });
});
