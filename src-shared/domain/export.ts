import { z } from 'zod';
import { caseIdSchema } from './cases';

/**
 * Step 2, export: byte-for-byte masters of the original recordings, police-playable working copies (H.264 MP4) of each
 * clip, and the stills, every file hashed. Masters are never processed; options apply to working copies only.
 */

export const exportIdSchema = z.uuid({ error: 'That export id is not valid.' });

export const EXPORT_PRESETS = ['original', 'balanced', 'small'] as const;
export type ExportPreset = (typeof EXPORT_PRESETS)[number];

export const MASTER_MODES = ['original-files', 'trimmed'] as const;
export type MasterMode = (typeof MASTER_MODES)[number];

/** Working-copy enhancements; each is off (null/false) unless asked for, and each is recorded as a processing step. */
export const enhancementSchema = z
  .object({
    /** -1..1, 0 = unchanged (ffmpeg eq brightness). */
    brightness: z.number().min(-1).max(1).default(0),
    /** 0..3, 1 = unchanged (eq contrast). */
    contrast: z.number().min(0).max(3).default(1),
    /** 0.1..10, 1 = unchanged (eq gamma). */
    gamma: z.number().min(0.1).max(10).default(1),
    /** 0..2, 0 = off (unsharp luma amount). */
    sharpen: z.number().min(0).max(2).default(0),
    /** 0..10, 0 = off (hqdn3d luma spatial strength). */
    denoise: z.number().min(0).max(10).default(0),
    deinterlace: z.boolean().default(false),
  })
  .strict();
export type Enhancement = z.infer<typeof enhancementSchema>;

export const exportOptionsSchema = z
  .object({
    preset: z.enum(EXPORT_PRESETS).default('original'),
    masters: z.enum(MASTER_MODES).default('original-files'),
    /** Burn true time, case reference and camera into the working copies. */
    caption: z.boolean().default(false),
    enhancement: enhancementSchema.nullable().default(null),
  })
  .strict();
export type ExportOptions = z.infer<typeof exportOptionsSchema>;

export const EXPORT_ITEM_KINDS = ['master', 'working', 'still'] as const;
export type ExportItemKind = (typeof EXPORT_ITEM_KINDS)[number];

/** One thing the export will write, with what it will cost. */
export const exportEstimateItemSchema = z.object({
  kind: z.enum(EXPORT_ITEM_KINDS),
  /** e.g. "Till, 14:01:50 to 14:03:20" or the recording's file name. */
  description: z.string(),
  /** 'copy' (bytes as they are), 'remux' (H.264 repackaged, no re-encoding) or 'reencode'. */
  method: z.enum(['copy', 'remux', 'reencode']),
  /** Plain words on why a re-encode is needed, e.g. "The camera records in HEVC, which not every police PC plays." */
  reason: z.string(),
  estimatedBytes: z.number().nullable(),
  estimatedSeconds: z.number(),
});
export type ExportEstimateItem = z.infer<typeof exportEstimateItemSchema>;

export const exportEstimateSchema = z.object({
  items: z.array(exportEstimateItemSchema),
  totalBytes: z.number().nullable(),
  estimatedSeconds: z.number(),
  /** The encoder working copies will use when re-encoding, e.g. "libx264" or "h264_nvenc". */
  encoder: z.string(),
  /** Plain-words warnings, e.g. "There are no clips yet." */
  warnings: z.array(z.string()),
});
export type ExportEstimate = z.infer<typeof exportEstimateSchema>;

/** A processing step, as the police need it to repeat the work: what, with which tool, exactly how. */
export const processingStepSchema = z.object({
  description: z.string(),
  tool: z.string(),
  toolVersion: z.string(),
  commandLine: z.string(),
  parameters: z.record(z.string(), z.unknown()),
});
export type ProcessingStep = z.infer<typeof processingStepSchema>;

export const exportOutputSchema = z.object({
  kind: z.enum(EXPORT_ITEM_KINDS),
  /** '/'-separated, relative to the export folder, e.g. "masters/Till/14.00.00-14.05.00[R][0@0][0].dav". */
  path: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  /** For byte-for-byte masters: the source file's hash, read as it was copied (equal to `sha256`). */
  sourceSha256: z.string().nullable(),
  /** Relative path of the recording in its footage folder (masters), or the clip/still id it was made from. */
  derivedFrom: z.array(z.string()),
  cameraLabel: z.string().nullable(),
  clipId: z.string().nullable(),
  /** True times the file covers, where known: for working copies from ffprobe of the output itself. */
  startMs: z.number().nullable(),
  endMs: z.number().nullable(),
  /** Part n of m when a file was split to fit FAT32 sticks (1-based); null when whole. */
  part: z.object({ index: z.number().int(), count: z.number().int() }).nullable(),
  method: z.enum(['copy', 'remux', 'reencode']),
  processing: z.array(processingStepSchema),
  /** 'incomplete' when the source was damaged or cut short; `note` says what that means. */
  status: z.enum(['ok', 'incomplete']),
  note: z.string(),
});
export type ExportOutput = z.infer<typeof exportOutputSchema>;

export const exportSummarySchema = z.object({
  id: exportIdSchema,
  caseId: caseIdSchema,
  jobId: z.string(),
  state: z.enum(['running', 'succeeded', 'failed', 'cancelled']),
  options: exportOptionsSchema,
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  outputs: z.array(exportOutputSchema),
  totalBytes: z.number(),
});
export type ExportSummary = z.infer<typeof exportSummarySchema>;
