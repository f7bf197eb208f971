import type { ReviewState, ReviewTimeline, TimelineCamera } from '../../../src-shared/domain/review';
import type { CameraTimeline } from '../catalogue/camera-timelines';
import { createBookmarkOperations } from './bookmarks';
import { createClipOperations } from './clips';
import type { ReviewChange, ReviewContext, ReviewServiceOptions } from './review-context';
import { createReviewStore } from './review-store';
import { timelineBounds, toTimelineCamera } from './review-timeline';
import { createStillOperations } from './stills';

export type { ReviewChange, ReviewChangeKind, ReviewServiceOptions } from './review-context';

/**
 * Step 1's marks on the footage: clips (what to export), bookmarks and stills, and the case's timeline. Every change is
 * written with its custody entry in one transaction, then announced to `onChange` listeners (screen refresh, and the
 * evidence bundle, which must know its clips are out of date).
 */
export function createReviewService(options: ReviewServiceOptions) {
  const listeners = new Set<(event: ReviewChange) => void>();
  const ctx: ReviewContext = {
    ...options,
    now: options.now ?? (() => new Date()),
    store: createReviewStore(options.db),
    changed: (event) => {
      for (const listener of listeners) {
        try {
          listener(event);
        } catch (error) {
          // The change is committed; a failing listener must not make it look as if it was not.
          options.logger.error('review change listener failed', { ...event, error: String(error) });
        }
      }
    },
  };
  const clips = createClipOperations(ctx);
  const bookmarks = createBookmarkOperations(ctx);
  const stills = createStillOperations(ctx);

  function timeline(input: { caseId: string }): ReviewTimeline {
    ctx.cases.get({ caseId: input.caseId });
    const sources = ctx.catalogue.listSources({ caseId: input.caseId });
    const cameras: TimelineCamera[] = [];
    const all: CameraTimeline[] = [];
    for (const source of sources) {
      for (const camera of ctx.catalogue.cameraTimelines({ sourceId: source.id })) {
        all.push(camera);
        cameras.push(toTimelineCamera({ sourceId: source.id, timeline: camera }));
      }
    }
    return { sources, cameras, ...timelineBounds(all) };
  }

  function state(input: { caseId: string }): ReviewState {
    ctx.cases.get({ caseId: input.caseId });
    return { clips: clips.list(input.caseId), bookmarks: bookmarks.list(input.caseId), stills: stills.list(input.caseId) };
  }

  return {
    timeline,
    state,
    addClips: clips.addClips,
    updateClip: clips.updateClip,
    deleteClip: clips.deleteClip,
    reorderClips: clips.reorderClips,
    addBookmark: bookmarks.addBookmark,
    updateBookmark: bookmarks.updateBookmark,
    deleteBookmark: bookmarks.deleteBookmark,
    takeStill: stills.takeStill,
    updateStill: stills.updateStill,
    deleteStill: stills.deleteStill,
    /** Called after each committed change; returns the function that stops it. */
    onChange(listener: (event: ReviewChange) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export type ReviewService = ReturnType<typeof createReviewService>;
