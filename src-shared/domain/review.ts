import { z } from 'zod';
import { caseIdSchema } from './cases';
import { sourceIdSchema, sourceSummarySchema } from './catalogue';

/** Step 1's objects: clips, bookmarks and stills, and what the timeline and player need. All times are true time, ms. */

export const clipIdSchema = z.uuid({ error: 'That clip id is not valid.' });
export const bookmarkIdSchema = z.uuid({ error: 'That bookmark id is not valid.' });
export const stillIdSchema = z.uuid({ error: 'That still id is not valid.' });

/** A camera is named by its footage folder and its key within it (e.g. "ch01"): never by a path. */
export const cameraRefSchema = z.object({ sourceId: sourceIdSchema, cameraKey: z.string().min(1).max(200) }).strict();
export type CameraRef = z.infer<typeof cameraRefSchema>;

/** Instants as ms since the epoch, within a sane range (1990 to 2100), so a typo cannot ask for year 50,000. */
export const instantMsSchema = z
  .number()
  .int({ error: 'A time must be a whole number of milliseconds.' })
  .min(631_152_000_000, { error: 'That time is before 1990.' })
  .max(4_102_444_800_000, { error: 'That time is after 2100.' });

export const clipNoteSchema = z.string().trim().max(2000, { error: 'Please keep a note under 2,000 characters.' });
export const clipLabelSchema = z.string().trim().max(120, { error: 'Please keep a label under 120 characters.' });

/** Event kinds on the timeline, coded as numbers in `TimelineCamera.segments`. */
export const SEGMENT_KINDS = ['regular', 'motion', 'alarm', 'problem'] as const;
export type SegmentKind = (typeof SEGMENT_KINDS)[number];

export const timelineCameraSchema = z.object({
  sourceId: sourceIdSchema,
  cameraKey: z.string(),
  label: z.string(),
  /**
   * Recordings in true time, sorted by start, flattened as [startMs, endMs, kind, ...] where kind indexes SEGMENT_KINDS:
   * 100,000 recordings as objects would cost far more to send and to draw.
   */
  segments: z.array(z.number()),
});
export type TimelineCamera = z.infer<typeof timelineCameraSchema>;

export const reviewTimelineSchema = z.object({
  sources: z.array(sourceSummarySchema),
  cameras: z.array(timelineCameraSchema),
  /** The first start and last end over every camera; null when there is no footage yet. */
  startMs: z.number().nullable(),
  endMs: z.number().nullable(),
});
export type ReviewTimeline = z.infer<typeof reviewTimelineSchema>;

export const PLAYBACK_MODES = ['direct', 'proxy'] as const;
export type PlaybackMode = (typeof PLAYBACK_MODES)[number];

/** Where a camera's footage at one instant is, and how the player gets it. */
export const playbackPlanSchema = z.object({
  camera: cameraRefSchema,
  cameraLabel: z.string(),
  /** True and recorder times of the recording that covers the asked instant. */
  recordingStartMs: z.number(),
  recordingEndMs: z.number(),
  recorderStartMs: z.number(),
  /**
   * 'direct' streams the file itself (H.264 in MP4/MKV) with range requests; 'proxy' streams an on-the-fly H.264
   * fragmented MP4 (HEVC, DAV, MPEG-PS, odd containers), which starts at `mediaZeroMs` and cannot seek by itself.
   */
  mode: z.enum(PLAYBACK_MODES),
  /** A same-origin URL for the video element; an unguessable, short-lived token is its only authority. */
  url: z.string(),
  /** The true instant shown at the element's currentTime 0. */
  mediaZeroMs: z.number(),
  /** Where to put currentTime, in seconds, to show the asked instant. */
  startAtS: z.number(),
  videoCodec: z.string().nullable(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  frameRate: z.number().nullable(),
  /** Why the proxy is used, in plain words, e.g. "This camera records in HEVC, which this computer cannot play directly." */
  note: z.string(),
});
export type PlaybackPlan = z.infer<typeof playbackPlanSchema>;

export const locateResultSchema = z.discriminatedUnion('found', [
  z.object({ found: z.literal(true), plan: playbackPlanSchema }),
  z.object({
    found: z.literal(false),
    /** Plain words, e.g. "No recording on Till at 14:02:31." */
    message: z.string(),
    /** The next recording's start on this camera after the asked instant, to offer "Jump to the next recording". */
    nextStartMs: z.number().nullable(),
  }),
]);
export type LocateResult = z.infer<typeof locateResultSchema>;

export const clipSchema = z.object({
  id: clipIdSchema,
  caseId: caseIdSchema,
  /** 1-based place in the case's clip list. */
  position: z.number().int(),
  camera: cameraRefSchema,
  cameraLabel: z.string(),
  /** Clips marked on several cameras at once share a group. */
  groupId: z.string(),
  startMs: z.number(),
  endMs: z.number(),
  /** The same instants on the recorder's clock, as it showed them. */
  recorderStartMs: z.number(),
  recorderEndMs: z.number(),
  label: z.string(),
  note: z.string(),
  durationS: z.number(),
  /** From the sizes of the recordings it overlaps; null until their sizes are known. */
  estimatedBytes: z.number().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Clip = z.infer<typeof clipSchema>;

export const bookmarkSchema = z.object({
  id: bookmarkIdSchema,
  caseId: caseIdSchema,
  camera: cameraRefSchema.nullable(),
  cameraLabel: z.string().nullable(),
  atMs: z.number(),
  recorderAtMs: z.number().nullable(),
  note: z.string(),
  createdAt: z.string(),
});
export type Bookmark = z.infer<typeof bookmarkSchema>;

export const stillSchema = z.object({
  id: stillIdSchema,
  caseId: caseIdSchema,
  camera: cameraRefSchema,
  cameraLabel: z.string(),
  /** The instant asked for, and the source frame's own true and recorder times. */
  atMs: z.number(),
  frameMs: z.number(),
  recorderFrameMs: z.number(),
  width: z.number().int(),
  height: z.number().int(),
  bytes: z.number().int(),
  sha256: z.string(),
  note: z.string(),
  /** A same-origin URL that shows the PNG. */
  url: z.string(),
  createdAt: z.string(),
});
export type Still = z.infer<typeof stillSchema>;

export const reviewStateSchema = z.object({
  clips: z.array(clipSchema),
  bookmarks: z.array(bookmarkSchema),
  stills: z.array(stillSchema),
});
export type ReviewState = z.infer<typeof reviewStateSchema>;

export const thumbnailStripSchema = z.object({
  frames: z.array(z.object({ atMs: z.number(), url: z.string().nullable() })),
});
export type ThumbnailStrip = z.infer<typeof thumbnailStripSchema>;
