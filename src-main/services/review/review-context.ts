import path from 'node:path';
import type Database from 'better-sqlite3';
import type { CameraRef } from '../../../src-shared/domain/review';
import { trueToRecorderMs, wallClockAt } from '../../../src-shared/domain/time';
import type { CasesService } from '../cases/cases-service';
import type { CatalogueService } from '../catalogue/catalogue-service';
import type { SourceRow } from '../catalogue/catalogue-store';
import type { CameraTimeline } from '../catalogue/camera-timelines';
import type { CustodyLog } from '../custody/custody-log';
import { AppError } from '../errors';
import type { Logger } from '../logger';
import type { MediaTools } from '../media/binaries';
import type { MediaServer } from '../playback/media-server';
import type { ReviewStore } from './review-store';

export interface ReviewServiceOptions {
  db: Database.Database;
  custody: CustodyLog;
  cases: CasesService;
  catalogue: CatalogueService;
  /** Only `urlForFile` is used, for the stills' URLs. */
  media: MediaServer;
  mediaTools: () => MediaTools;
  dataDir: string;
  logger: Logger;
  now?: () => Date;
}

export type ReviewChangeKind = 'clip' | 'bookmark' | 'still';
export interface ReviewChange {
  caseId: string;
  kind: ReviewChangeKind;
}

/** What the clip, bookmark and still modules share. */
export interface ReviewContext extends Required<ReviewServiceOptions> {
  store: ReviewStore;
  /** Tells listeners, after the change is committed. */
  changed(event: ReviewChange): void;
}

/** The camera's recorder clock reading at a true instant. */
export function recorderMs(options: { source: Pick<SourceRow, 'clock_offset_s'>; trueMs: number }): number {
  return trueToRecorderMs({ trueInstantMs: options.trueMs, clockOffsetS: options.source.clock_offset_s });
}

/**
 * The source and timeline of a camera, checking that the camera belongs to this case: ids come from the screen, and
 * a clip of another case's footage must never slip into this case's evidence.
 */
export function resolveCamera(options: { ctx: ReviewContext; caseId: string; camera: CameraRef }): { source: SourceRow; timeline: CameraTimeline } {
  const { ctx, caseId, camera } = options;
  const source = ctx.catalogue.store.getSource(camera.sourceId);
  if (!source || source.case_id !== caseId) throw new AppError('not_found', 'That footage folder is not part of this case.');
  const timeline = ctx.catalogue.cameraTimelines({ sourceId: source.id }).find((candidate) => candidate.cameraKey === camera.cameraKey);
  if (!timeline) throw new AppError('not_found', 'That camera has no recordings in this footage folder.');
  return { source, timeline };
}

/** One source read per call however many rows name it; sources of a case cannot disappear (rows reference them). */
export function sourceLookup(ctx: ReviewContext): (sourceId: string) => SourceRow {
  const seen = new Map<string, SourceRow>();
  return (sourceId) => {
    let source = seen.get(sourceId);
    if (!source) {
      source = ctx.catalogue.getSource(sourceId);
      seen.set(sourceId, source);
    }
    return source;
  };
}

/** The camera's current timeline, or null once a rescan has found none of its files. */
export function currentTimeline(options: { ctx: ReviewContext; sourceId: string; cameraKey: string }): CameraTimeline | null {
  return options.ctx.catalogue.cameraTimelines({ sourceId: options.sourceId }).find((timeline) => timeline.cameraKey === options.cameraKey) ?? null;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "14:02:31 on 14 March 2026", in the footage's time zone: how the person reads times on the screen. */
export function describeInstant(options: { instantMs: number; timeZone: string }): string {
  const wall = wallClockAt(options);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(wall.hour)}:${p(wall.minute)}:${p(wall.second)} on ${wall.day} ${MONTHS[wall.month - 1]} ${wall.year}`;
}

/** Where a still's PNG lives; kept out of the database so a moved data folder still finds it. */
export function stillPath(options: { dataDir: string; caseId: string; stillId: string }): string {
  return path.join(options.dataDir, 'cases', options.caseId, 'stills', `${options.stillId}.png`);
}

/** A clip or still note or label as stored: trimmed, as the contract trims them, so direct callers get the same. */
export function tidyText(text: string | undefined): string {
  return (text ?? '').trim();
}
