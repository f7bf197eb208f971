import type { CameraRef, LocateResult, ThumbnailStrip } from '../../../src-shared/domain/review';
import { AppError } from '../errors';

/** Finds a camera's footage at a true instant and plans how the player gets it. STUB: to be implemented (issue 4). */
export function createPlaybackService(_options: object) {
  return {
    locate: (_input: { camera: CameraRef; atMs: number }): Promise<LocateResult> => Promise.reject(new AppError('internal', 'Not built yet.')),
    thumbnails: (_input: { camera: CameraRef; fromMs: number; toMs: number; count: number }): Promise<ThumbnailStrip> =>
      Promise.reject(new AppError('internal', 'Not built yet.')),
  };
}

export type PlaybackService = ReturnType<typeof createPlaybackService>;
