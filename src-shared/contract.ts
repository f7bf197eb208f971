import { z } from 'zod';
import {
  caseDetailSchema,
  caseIdSchema,
  caseReferenceSchema,
  caseSummarySchema,
  caseTitleSchema,
  incidentTypeSchema,
  stepIdSchema,
  stepStateSchema,
} from './domain/cases';
import {
  DEMO_LAYOUTS,
  catalogueOverviewSchema,
  localDateTimeTextSchema,
  sourceIdSchema,
  sourceSummarySchema,
  timeZoneSchema,
} from './domain/catalogue';
import { custodyEntrySchema, custodyVerificationSchema } from './domain/custody';
import { jobIdSchema, jobSnapshotSchema } from './domain/jobs';
import { doctorReportSchema } from './domain/system';

const noInput = z.object({}).strict();

/**
 * The one map of every request the renderer (or a test) can make: channel `domain.verb` → zod input and output.
 * The router, the preload client and the bridge client are all derived from this object.
 */
export const contract = {
  'app.info': {
    input: noInput,
    output: z.object({ name: z.string(), version: z.string(), transport: z.enum(['ipc', 'bridge', 'cli']) }),
  },
  'system.doctor': { input: noInput, output: doctorReportSchema },
  'system.startMediaCheck': { input: noInput, output: z.object({ jobId: jobIdSchema }) },

  'cases.list': { input: noInput, output: z.array(caseSummarySchema) },
  'cases.get': { input: z.object({ caseId: caseIdSchema }).strict(), output: caseDetailSchema },
  'cases.create': {
    input: z
      .object({
        reference: caseReferenceSchema.optional(),
        title: caseTitleSchema,
        incidentType: incidentTypeSchema,
      })
      .strict(),
    output: caseDetailSchema,
  },
  'cases.update': {
    input: z
      .object({
        caseId: caseIdSchema,
        reference: caseReferenceSchema.optional(),
        title: caseTitleSchema.optional(),
        incidentType: incidentTypeSchema.optional(),
      })
      .strict(),
    output: caseDetailSchema,
  },
  'cases.setStepState': {
    input: z.object({ caseId: caseIdSchema, step: stepIdSchema, state: stepStateSchema }).strict(),
    output: caseDetailSchema,
  },

  'footage.listSources': { input: z.object({ caseId: caseIdSchema }).strict(), output: z.array(sourceSummarySchema) },
  'footage.addFolder': {
    input: z
      .object({
        caseId: caseIdSchema,
        // In the app the folder comes from a main-process dialog; only the browser bridge and the CLI may type a path.
        folder: z.discriminatedUnion('kind', [
          z.object({ kind: z.literal('dialog') }).strict(),
          z.object({ kind: z.literal('typed'), path: z.string().trim().min(1, { error: 'Please type the folder the recorder saved to.' }).max(4096) }).strict(),
        ]),
        timeZone: timeZoneSchema.optional(),
      })
      .strict(),
    output: z.object({ source: sourceSummarySchema, jobId: jobIdSchema }).nullable(),
  },
  'footage.addDemo': {
    input: z.object({ caseId: caseIdSchema, layout: z.enum(DEMO_LAYOUTS), codec: z.enum(['h264', 'hevc']).optional() }).strict(),
    output: z.object({ jobId: jobIdSchema }),
  },
  'footage.rescan': { input: z.object({ sourceId: sourceIdSchema }).strict(), output: z.object({ jobId: jobIdSchema }) },
  'footage.setClock': {
    input: z
      .object({
        sourceId: sourceIdSchema,
        timeZone: timeZoneSchema,
        answer: z.discriminatedUnion('kind', [
          // "What time did the recorder's clock show? What time was it really?", read at the same moment.
          z.object({ kind: z.literal('readings'), recorderShows: localDateTimeTextSchema, actualTime: localDateTimeTextSchema }).strict(),
          z.object({ kind: z.literal('offset'), clockOffsetS: z.number().finite() }).strict(),
          z.object({ kind: z.literal('skip'), reason: z.string().trim().min(3, { error: 'Please say why the clock was not checked.' }).max(500) }).strict(),
        ]),
      })
      .strict(),
    output: sourceSummarySchema,
  },
  'footage.overview': { input: z.object({ sourceId: sourceIdSchema }).strict(), output: catalogueOverviewSchema },

  'custody.list': { input: z.object({ caseId: caseIdSchema }).strict(), output: z.array(custodyEntrySchema) },
  'custody.verify': { input: noInput, output: custodyVerificationSchema },

  'jobs.list': { input: noInput, output: z.array(jobSnapshotSchema) },
  'jobs.get': { input: z.object({ jobId: jobIdSchema }).strict(), output: jobSnapshotSchema },
  'jobs.cancel': { input: z.object({ jobId: jobIdSchema }).strict(), output: jobSnapshotSchema },
} as const satisfies Record<`${string}.${string}`, { input: z.ZodType; output: z.ZodType }>;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type InputOf<C extends Channel> = z.input<Contract[C]['input']>;
export type ParsedInputOf<C extends Channel> = z.output<Contract[C]['input']>;
export type OutputOf<C extends Channel> = z.output<Contract[C]['output']>;

export const CHANNELS = Object.keys(contract) as Channel[];
export function isChannel(value: string): value is Channel {
  return Object.prototype.hasOwnProperty.call(contract, value);
}

/** Events pushed from main to the renderer on one channel. */
export const appEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('job.update'), job: jobSnapshotSchema }),
]);
export type AppEvent = z.infer<typeof appEventSchema>;

export const ERROR_CODES = [
  'invalid_input',
  'unknown_channel',
  'forbidden_sender',
  'not_found',
  'conflict',
  'missing_tool',
  'media_failed',
  'cancelled',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiErrorBody {
  code: ErrorCode;
  message: string;
}
export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiErrorBody };

/** Names of the Electron IPC channels; the bridge uses HTTP paths instead. */
export const IPC_INVOKE_CHANNEL = 'handover:invoke';
export const IPC_EVENT_CHANNEL = 'handover:event';
