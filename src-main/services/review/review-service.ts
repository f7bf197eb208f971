import type { Bookmark, CameraRef, Clip, ReviewState, ReviewTimeline, Still } from '../../../src-shared/domain/review';
import { AppError } from '../errors';

const notYet = () => new AppError('internal', 'Not built yet.');

/** Clips, bookmarks, stills and the case timeline. STUB: to be implemented (issue 4). */
export function createReviewService(_options: object) {
  return {
    timeline: (_input: { caseId: string }): ReviewTimeline => {
      throw notYet();
    },
    state: (_input: { caseId: string }): ReviewState => {
      throw notYet();
    },
    addClips: (_input: { caseId: string; cameras: CameraRef[]; startMs: number; endMs: number; label?: string; note?: string; actor: string }): Clip[] => {
      throw notYet();
    },
    updateClip: (_input: { clipId: string; startMs?: number; endMs?: number; label?: string; note?: string; actor: string }): Clip => {
      throw notYet();
    },
    deleteClip: (_input: { clipId: string; actor: string }): void => {
      throw notYet();
    },
    reorderClips: (_input: { caseId: string; clipIds: string[]; actor: string }): Clip[] => {
      throw notYet();
    },
    addBookmark: (_input: { caseId: string; camera: CameraRef | null; atMs: number; note: string; actor: string }): Bookmark => {
      throw notYet();
    },
    updateBookmark: (_input: { bookmarkId: string; note: string; actor: string }): Bookmark => {
      throw notYet();
    },
    deleteBookmark: (_input: { bookmarkId: string; actor: string }): void => {
      throw notYet();
    },
    takeStill: (_input: { caseId: string; camera: CameraRef; atMs: number; note?: string; actor: string }): Promise<Still> => Promise.reject(notYet()),
    updateStill: (_input: { stillId: string; note: string; actor: string }): Still => {
      throw notYet();
    },
    deleteStill: (_input: { stillId: string; actor: string }): void => {
      throw notYet();
    },
  };
}

export type ReviewService = ReturnType<typeof createReviewService>;
