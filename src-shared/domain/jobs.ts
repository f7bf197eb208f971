import { z } from 'zod';

export const JOB_STATES = ['queued', 'running', 'finalizing', 'succeeded', 'failed', 'cancelled'] as const;
export type JobState = (typeof JOB_STATES)[number];
export const jobStateSchema = z.enum(JOB_STATES);

export const TERMINAL_JOB_STATES: readonly JobState[] = ['succeeded', 'failed', 'cancelled'];
export function isTerminalJobState(state: JobState): boolean {
  return TERMINAL_JOB_STATES.includes(state);
}

export const JOB_KINDS = ['system.mediaCheck', 'catalogue.scan', 'catalogue.check', 'catalogue.demo', 'export.run', 'bundle.write'] as const;
export type JobKind = (typeof JOB_KINDS)[number];
export const jobKindSchema = z.enum(JOB_KINDS);

export const jobIdSchema = z.uuid({ error: 'That job id is not valid.' });

export const jobProgressSchema = z.object({
  /** Plain words for what is happening now, e.g. "Making a test video". */
  phase: z.string(),
  /** 0..1 across the whole job, never decreasing. */
  ratio: z.number().min(0).max(1),
  /** Seconds left, or null while there is not enough to estimate from. */
  etaS: z.number().min(0).nullable(),
});
export type JobProgress = z.infer<typeof jobProgressSchema>;

export const jobErrorSchema = z.object({ code: z.string(), message: z.string() });

export const jobSnapshotSchema = z.object({
  id: jobIdSchema,
  kind: jobKindSchema,
  caseId: z.string().nullable(),
  state: jobStateSchema,
  progress: jobProgressSchema,
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  error: jobErrorSchema.nullable(),
  result: z.unknown().nullable(),
});
export type JobSnapshot = z.infer<typeof jobSnapshotSchema>;
