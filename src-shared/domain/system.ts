import { z } from 'zod';

export const toolStatusSchema = z.discriminatedUnion('found', [
  z.object({
    found: z.literal(true),
    path: z.string(),
    /** Where the path came from: an environment variable, the bundled npm package, or PATH. */
    source: z.enum(['env', 'bundled', 'path']),
    version: z.string(),
  }),
  z.object({ found: z.literal(false), message: z.string() }),
]);
export type ToolStatus = z.infer<typeof toolStatusSchema>;

export const doctorReportSchema = z.object({
  ok: z.boolean(),
  appVersion: z.string(),
  nodeVersion: z.string(),
  sqliteVersion: z.string(),
  dataDir: z.string(),
  ffmpeg: toolStatusSchema,
  ffprobe: toolStatusSchema,
  /** Plain-language problems; empty when ok. */
  problems: z.array(z.string()),
});
export type DoctorReport = z.infer<typeof doctorReportSchema>;

export const mediaCheckResultSchema = z.object({
  codec: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  durationS: z.number(),
  encodeSeconds: z.number(),
});
export type MediaCheckResult = z.infer<typeof mediaCheckResultSchema>;
