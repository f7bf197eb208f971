import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../test/helpers/temp-dir';
import { reviewStateSchema, reviewTimelineSchema, type CameraRef } from '../../../src-shared/domain/review';
import { AppError } from '../errors';
import { resolveMediaTools } from '../media/binaries';
import { addCaseWithFootage, FOOTAGE_START_MS as T0, makeDemoFootage, MINUTE_MS, setupReviewCase, type ReviewCase } from './review-test-setup';
import type { ReviewChange } from './review-service';

const tempDir = useTempDirs('handover-review-');
let footageDir = '';
let footageFiles: string[] = [];

beforeAll(async () => {
  footageDir = fs.mkdtempSync(path.join(os.tmpdir(), 'handover-review-footage-'));
  footageFiles = await makeDemoFootage({ dir: footageDir, tools: resolveMediaTools() });
}, 60_000);
afterAll(() => fs.rmSync(footageDir, { recursive: true, force: true }));

async function setup(): Promise<ReviewCase & { till: CameraRef; door: CameraRef; changes: ReviewChange[] }> {
  const reviewCase = await setupReviewCase({ dataDir: tempDir(), footageDir });
  const changes: ReviewChange[] = [];
  reviewCase.review.onChange((event) => changes.push(event));
  return { ...reviewCase, till: { sourceId: reviewCase.sourceId, cameraKey: 'ch01' }, door: { sourceId: reviewCase.sourceId, cameraKey: 'ch02' }, changes };
}

/** The AppError a call fails with; anything else fails the test. */
function failureOf(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

function actions(reviewCase: ReviewCase): string[] {
  return reviewCase.core.services.custody.list({ caseId: reviewCase.caseId }).map((entry) => entry.action).filter((action) => action.startsWith('review.'));
}

describe('review timeline', () => {
  it('gives every camera of the case as flat [start, end, kind] segments, with the sources and overall span', async () => {
    const { core, review, caseId, sourceId } = await setup();
    const timeline = review.timeline({ caseId });
    expect(timeline.sources.map((source) => source.id)).toEqual([sourceId]);
    expect(timeline.cameras.map((camera) => [camera.sourceId, camera.cameraKey])).toEqual([
      [sourceId, 'ch01'],
      [sourceId, 'ch02'],
    ]);
    for (const camera of timeline.cameras) {
      expect(camera.segments).toEqual([T0, T0 + MINUTE_MS, 0, T0 + MINUTE_MS, T0 + 2 * MINUTE_MS, 0]);
    }
    expect(timeline).toMatchObject({ startMs: T0, endMs: T0 + 2 * MINUTE_MS });
    // What the router checks every answer against.
    expect(reviewTimelineSchema.parse(timeline)).toEqual(timeline);

    // A new clock answer moves every true time.
    core.services.catalogue.setClock({ sourceId, timeZone: 'Europe/London', answer: { kind: 'offset', clockOffsetS: 30, check: 'entered' }, actor: 'user' });
    expect(review.timeline({ caseId })).toMatchObject({ startMs: T0 - 30_000, endMs: T0 + 2 * MINUTE_MS - 30_000 });
    await core.close();
  });

  it('is empty for a case with no footage, and refuses an unknown case', async () => {
    const { core, review } = await setup();
    const empty = core.services.cases.create({ title: 'Nothing yet', incidentType: 'other', actor: 'user' });
    expect(review.timeline({ caseId: empty.id })).toEqual({ sources: [], cameras: [], startMs: null, endMs: null });
    expect(failureOf(() => review.timeline({ caseId: '6b0f3f0e-0000-4000-8000-000000000000' })).code).toBe('not_found');
    await core.close();
  });
});

describe('clips', () => {
  it('marks one clip per camera with a shared group, appended in order, with recorder times from the clock offset', async () => {
    const reviewCase = await setup();
    const { core, review, caseId, sourceId, till, door } = reviewCase;
    // The recorder's clock runs 3 min 12 s fast.
    core.services.catalogue.setClock({ sourceId, timeZone: 'Europe/London', answer: { kind: 'offset', clockOffsetS: 192, check: 'entered' }, actor: 'user' });
    const first = review.addClips({ caseId, cameras: [till], startMs: T0, endMs: T0 + 10_000, label: 'Arrives', actor: 'user' });
    const pair = review.addClips({ caseId, cameras: [till, door, till], startMs: T0 + 20_000, endMs: T0 + 50_000, label: '  Takes the cash  ', note: ' From the till ', actor: 'user' });

    expect(first[0]).toMatchObject({ position: 1, cameraLabel: expect.any(String) as string });
    expect(pair.map((clip) => clip.position)).toEqual([2, 3]);
    expect(pair.map((clip) => clip.camera)).toEqual([till, door]);
    expect(new Set(pair.map((clip) => clip.groupId)).size).toBe(1);
    expect(pair[0]!.groupId).not.toBe(first[0]!.groupId);
    expect(pair[0]).toMatchObject({
      caseId,
      startMs: T0 + 20_000,
      endMs: T0 + 50_000,
      recorderStartMs: T0 + 20_000 + 192_000,
      recorderEndMs: T0 + 50_000 + 192_000,
      durationS: 30,
      label: 'Takes the cash',
      note: 'From the till',
    });
    const state = review.state({ caseId });
    expect(state.clips).toEqual([...first, ...pair]);
    expect(reviewStateSchema.parse(state)).toEqual(state);
    expect(actions(reviewCase)).toEqual(['review.clipAdded', 'review.clipAdded', 'review.clipAdded']);
    expect(reviewCase.changes).toEqual([
      { caseId, kind: 'clip' },
      { caseId, kind: 'clip' },
    ]);
    const logged = core.services.custody.list({ caseId }).at(-1)!;
    expect(logged.details).toMatchObject({ clipId: pair[1]!.id, cameraKey: 'ch02', recorderStartMs: T0 + 212_000, clockOffsetS: 192 });
    await core.close();
  });

  it('estimates the size from the recordings it overlaps, once their sizes are known', async () => {
    const { core, review, caseId, till } = await setup();
    // Half of the first minute's file and half of the second's.
    const [clip] = review.addClips({ caseId, cameras: [till], startMs: T0 + 30_000, endMs: T0 + 90_000, actor: 'user' });
    const ch01Files = footageFiles.filter((file) => file.includes(`${path.sep}001${path.sep}`)).sort();
    const expected = Math.round(ch01Files.reduce((total, file) => total + fs.statSync(file).size / 2, 0));
    expect(expected).toBeGreaterThan(0);
    expect(clip!.estimatedBytes).toBe(expected);
    // Past the end of the footage there is nothing to export.
    expect(review.addClips({ caseId, cameras: [till], startMs: T0 + 3 * MINUTE_MS, endMs: T0 + 4 * MINUTE_MS, actor: 'user' })[0]!.estimatedBytes).toBe(0);
    await core.close();
  });

  it('refuses a clip that does not end after it starts, a day-long one, and cameras that are not the case’s', async () => {
    const { core, review, caseId, till } = await setup();
    expect(failureOf(() => review.addClips({ caseId, cameras: [till], startMs: T0, endMs: T0, actor: 'user' }))).toMatchObject({
      code: 'invalid_input',
      message: 'The clip must end after it starts.',
    });
    expect(failureOf(() => review.addClips({ caseId, cameras: [till], startMs: T0 + 1, endMs: T0, actor: 'user' })).code).toBe('invalid_input');
    expect(failureOf(() => review.addClips({ caseId, cameras: [till], startMs: T0, endMs: T0 + 25 * 3_600_000, actor: 'user' })).message).toMatch(/24 hours/);
    expect(failureOf(() => review.addClips({ caseId, cameras: [{ ...till, cameraKey: 'ch09' }], startMs: T0, endMs: T0 + 1000, actor: 'user' })).code).toBe('not_found');

    // The same footage folder added to another case is that case's, not this one's.
    const other = await addCaseWithFootage({ core, footageDir, title: 'Another case' });
    const error = failureOf(() => review.addClips({ caseId, cameras: [{ sourceId: other.sourceId, cameraKey: 'ch01' }], startMs: T0, endMs: T0 + 1000, actor: 'user' }));
    expect(error).toMatchObject({ code: 'not_found', message: 'That footage folder is not part of this case.' });

    const [clip] = review.addClips({ caseId, cameras: [till], startMs: T0, endMs: T0 + 1000, actor: 'user' });
    expect(failureOf(() => review.updateClip({ clipId: clip!.id, endMs: T0 - 1, actor: 'user' })).message).toBe('The clip must end after it starts.');
    // Nothing half-done: only the one good clip, and nothing logged for the refusals.
    expect(review.state({ caseId }).clips).toHaveLength(1);
    expect(review.state({ caseId: other.caseId }).clips).toHaveLength(0);
    await core.close();
  });

  it('updates, reorders and deletes, keeping positions 1..n and logging each change', async () => {
    const reviewCase = await setup();
    const { core, review, caseId, till, door } = reviewCase;
    const [a, b, c] = [
      ...review.addClips({ caseId, cameras: [till, door], startMs: T0, endMs: T0 + 5000, actor: 'user' }),
      ...review.addClips({ caseId, cameras: [door], startMs: T0 + 70_000, endMs: T0 + 80_000, actor: 'user' }),
    ];

    const updated = review.updateClip({ clipId: a!.id, startMs: T0 + 1000, label: ' Enters ', actor: 'user' });
    expect(updated).toMatchObject({ startMs: T0 + 1000, endMs: T0 + 5000, label: 'Enters', durationS: 4, position: 1 });
    // An update that changes nothing is not logged.
    review.updateClip({ clipId: a!.id, label: 'Enters', actor: 'user' });
    const updateEntry = core.services.custody.list({ caseId }).at(-1)!;
    expect(updateEntry.action).toBe('review.clipUpdated');
    expect(updateEntry.details.changes).toEqual({ startMs: { from: T0, to: T0 + 1000 }, label: { from: '', to: 'Enters' } });

    const reordered = review.reorderClips({ caseId, clipIds: [c!.id, a!.id, b!.id], actor: 'user' });
    expect(reordered.map((clip) => [clip.id, clip.position])).toEqual([
      [c!.id, 1],
      [a!.id, 2],
      [b!.id, 3],
    ]);
    const stale = 'The list of clips has changed since it was shown. Please look at the list again and reorder it once more.';
    expect(failureOf(() => review.reorderClips({ caseId, clipIds: [c!.id, a!.id], actor: 'user' })).message).toBe(stale);
    expect(failureOf(() => review.reorderClips({ caseId, clipIds: [c!.id, a!.id, a!.id], actor: 'user' })).message).toBe(stale);
    expect(failureOf(() => review.reorderClips({ caseId, clipIds: [c!.id, a!.id, caseId], actor: 'user' })).code).toBe('invalid_input');

    review.deleteClip({ clipId: a!.id, actor: 'user' });
    expect(review.state({ caseId }).clips.map((clip) => [clip.id, clip.position])).toEqual([
      [c!.id, 1],
      [b!.id, 2],
    ]);
    expect(failureOf(() => review.deleteClip({ clipId: a!.id, actor: 'user' })).code).toBe('not_found');
    expect(actions(reviewCase)).toEqual(['review.clipAdded', 'review.clipAdded', 'review.clipAdded', 'review.clipUpdated', 'review.clipsReordered', 'review.clipDeleted']);
    expect(core.services.custody.verify().ok).toBe(true);
    await core.close();
  });
});

describe('bookmarks', () => {
  it('adds, updates and deletes bookmarks with or without a camera, sorted by time, each logged', async () => {
    const reviewCase = await setup();
    const { core, review, caseId, sourceId, till } = reviewCase;
    core.services.catalogue.setClock({ sourceId, timeZone: 'Europe/London', answer: { kind: 'offset', clockOffsetS: -45.5, check: 'entered' }, actor: 'user' });
    const later = review.addBookmark({ caseId, camera: till, atMs: T0 + 30_000, note: ' Hand in the till ', actor: 'user' });
    const earlier = review.addBookmark({ caseId, camera: null, atMs: T0 + 10_000, note: 'Door bell rang', actor: 'user' });
    expect(later).toMatchObject({ camera: till, atMs: T0 + 30_000, recorderAtMs: T0 + 30_000 - 45_500, note: 'Hand in the till' });
    expect(later.cameraLabel).toEqual(expect.any(String));
    expect(earlier).toMatchObject({ camera: null, cameraLabel: null, recorderAtMs: null });
    const state = review.state({ caseId });
    expect(state.bookmarks.map((bookmark) => bookmark.id)).toEqual([earlier.id, later.id]);
    expect(reviewStateSchema.parse(state)).toEqual(state);

    expect(review.updateBookmark({ bookmarkId: later.id, note: 'Takes notes from the till', actor: 'user' }).note).toBe('Takes notes from the till');
    review.deleteBookmark({ bookmarkId: earlier.id, actor: 'user' });
    expect(review.state({ caseId }).bookmarks.map((bookmark) => bookmark.note)).toEqual(['Takes notes from the till']);
    expect(failureOf(() => review.updateBookmark({ bookmarkId: earlier.id, note: 'x', actor: 'user' })).code).toBe('not_found');
    expect(failureOf(() => review.addBookmark({ caseId, camera: { ...till, cameraKey: 'nope' }, atMs: T0, note: '', actor: 'user' })).code).toBe('not_found');

    expect(actions(reviewCase)).toEqual(['review.bookmarkAdded', 'review.bookmarkAdded', 'review.bookmarkUpdated', 'review.bookmarkDeleted']);
    expect(reviewCase.changes.map((change) => change.kind)).toEqual(['bookmark', 'bookmark', 'bookmark', 'bookmark']);
    expect(core.services.custody.verify().ok).toBe(true);
    await core.close();
  });
});
