import { z } from 'zod';

export const FILE_STATUSES = ['ok', 'partial', 'empty', 'unreadable', 'unknown'] as const;
export type FileStatus = (typeof FILE_STATUSES)[number];
export const TIME_SOURCES = ['name', 'container', 'mtime'] as const;
export type TimeSource = (typeof TIME_SOURCES)[number];
export const CLOCK_CHECKS = ['unanswered', 'measured', 'entered', 'skipped'] as const;
export type ClockCheck = (typeof CLOCK_CHECKS)[number];

export const DEMO_LAYOUTS = ['dahua', 'dahua-usb', 'hikvision-usb', 'reolink', 'frigate', 'generic'] as const;
export type DemoLayout = (typeof DEMO_LAYOUTS)[number];

export const sourceIdSchema = z.uuid({ error: 'That footage folder id is not valid.' });

export const timeZoneSchema = z
  .string()
  .min(1)
  .max(64)
  .refine((zone) => {
    try {
      new Intl.DateTimeFormat('en-GB', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  }, { error: 'That time zone is not known. Choose one from the list, for example Europe/London.' });

/** "2026-03-14T14:02:31" or "2026-03-14T14:02": a wall-clock reading with no zone. */
export const localDateTimeTextSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?$/, { error: 'Please give a date and time, for example 2026-03-14 14:02:31.' });

export const sourceSummarySchema = z.object({
  id: sourceIdSchema,
  caseId: z.string().nullable(),
  rootPath: z.string(),
  label: z.string(),
  timeZone: z.string(),
  clockOffsetS: z.number(),
  clockCheck: z.enum(CLOCK_CHECKS),
  clockNote: z.string().nullable(),
  /** Plain words, e.g. "The recorder's clock is 3 min 12 s fast." */
  clockDescription: z.string(),
  retentionDays: z.number().int().nullable(),
  createdAt: z.string(),
  lastScanAt: z.string().nullable(),
  fileCount: z.number().int(),
  problemCount: z.number().int(),
});
export type SourceSummary = z.infer<typeof sourceSummarySchema>;

const spanSchema = z.object({ startMs: z.number(), endMs: z.number() });

export const cameraOverviewSchema = z.object({
  key: z.string(),
  label: z.string(),
  layout: z.string(),
  segments: z.number().int(),
  startMs: z.number().nullable(),
  endMs: z.number().nullable(),
  coveredMs: z.number(),
  gaps: z.array(spanSchema),
  overlaps: z.array(spanSchema),
  duplicates: z.number().int(),
  motionEvents: z.number().int(),
  alarmEvents: z.number().int(),
});
export type CameraOverview = z.infer<typeof cameraOverviewSchema>;

export const problemFileSchema = z.object({
  path: z.string(),
  status: z.enum(FILE_STATUSES),
  reason: z.string(),
});
export type ProblemFile = z.infer<typeof problemFileSchema>;

export const catalogueOverviewSchema = z.object({
  source: sourceSummarySchema,
  cameras: z.array(cameraOverviewSchema),
  problems: z.array(problemFileSchema),
  skipped: z.array(z.object({ path: z.string(), reason: z.string() })),
});
export type CatalogueOverview = z.infer<typeof catalogueOverviewSchema>;

export const scanSummarySchema = z.object({
  sourceId: sourceIdSchema,
  files: z.number().int(),
  added: z.number().int(),
  changed: z.number().int(),
  unchanged: z.number().int(),
  removed: z.number().int(),
  skipped: z.number().int(),
  /**
   * The background check the scan started (sizes, empty files, opening files whose names lack a time), or null when
   * every file was checked already. Follow it to know when statuses such as empty or unreadable are final.
   */
  checkJobId: z.string().nullable(),
});
export type ScanSummary = z.infer<typeof scanSummarySchema>;

export const checkSummarySchema = z.object({
  sourceId: sourceIdSchema,
  /** Files stat'ed. */
  checked: z.number().int(),
  /** Files opened with ffprobe because their names lack a time. */
  probed: z.number().int(),
});
export type CheckSummary = z.infer<typeof checkSummarySchema>;
