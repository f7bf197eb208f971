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
import { exportEstimateSchema, exportIdSchema, exportOptionsSchema, exportSummarySchema } from './domain/export';
import {
  bookmarkIdSchema,
  bookmarkSchema,
  cameraRefSchema,
  clipIdSchema,
  clipLabelSchema,
  clipNoteSchema,
  clipSchema,
  instantMsSchema,
  locateResultSchema,
  reviewStateSchema,
  reviewTimelineSchema,
  stillIdSchema,
  stillSchema,
  thumbnailStripSchema,
} from './domain/review';
import { custodyEntrySchema, custodyVerificationSchema } from './domain/custody';
import {
  bundleIdSchema,
  bundleSummarySchema,
  bundleVerificationSchema,
  destinationChoiceSchema,
  destinationSchema,
  producerProfileSchema,
} from './domain/bundle';
import { driveIdSchema, driveSchema, ejectResultSchema } from './domain/drives';
import {
  PAPER_KINDS,
  paperIdSchema,
  paperSummarySchema,
  receiptIdSchema,
  receiptInputSchema,
  receiptSummarySchema,
  scanChoiceSchema,
  statementDetailsSchema,
} from './domain/receipt';
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
  /** "This recorder keeps about N days": drives the overwrite countdown. */
  'footage.setRetention': {
    input: z
      .object({
        sourceId: sourceIdSchema,
        retentionDays: z.number().int().min(1, { error: 'A recorder keeps footage for at least a day.' }).max(3650, { error: 'Please give the number of days, up to 3,650.' }).nullable(),
      })
      .strict(),
    output: sourceSummarySchema,
  },

  'review.timeline': { input: z.object({ caseId: caseIdSchema }).strict(), output: reviewTimelineSchema },
  'review.locate': { input: z.object({ camera: cameraRefSchema, atMs: instantMsSchema }).strict(), output: locateResultSchema },
  'review.thumbnails': {
    input: z.object({ camera: cameraRefSchema, fromMs: instantMsSchema, toMs: instantMsSchema, count: z.number().int().min(1).max(60) }).strict(),
    output: thumbnailStripSchema,
  },
  'review.state': { input: z.object({ caseId: caseIdSchema }).strict(), output: reviewStateSchema },
  'review.addClips': {
    input: z
      .object({
        caseId: caseIdSchema,
        cameras: z.array(cameraRefSchema).min(1, { error: 'Choose at least one camera for the clip.' }).max(16),
        startMs: instantMsSchema,
        endMs: instantMsSchema,
        label: clipLabelSchema.optional(),
        note: clipNoteSchema.optional(),
      })
      .strict(),
    output: z.array(clipSchema),
  },
  'review.updateClip': {
    input: z
      .object({ clipId: clipIdSchema, startMs: instantMsSchema.optional(), endMs: instantMsSchema.optional(), label: clipLabelSchema.optional(), note: clipNoteSchema.optional() })
      .strict(),
    output: clipSchema,
  },
  'review.deleteClip': { input: z.object({ clipId: clipIdSchema }).strict(), output: z.object({ deleted: z.literal(true) }) },
  'review.reorderClips': { input: z.object({ caseId: caseIdSchema, clipIds: z.array(clipIdSchema).max(10_000) }).strict(), output: z.array(clipSchema) },
  'review.addBookmark': {
    input: z.object({ caseId: caseIdSchema, camera: cameraRefSchema.nullable(), atMs: instantMsSchema, note: clipNoteSchema }).strict(),
    output: bookmarkSchema,
  },
  'review.updateBookmark': { input: z.object({ bookmarkId: bookmarkIdSchema, note: clipNoteSchema }).strict(), output: bookmarkSchema },
  'review.deleteBookmark': { input: z.object({ bookmarkId: bookmarkIdSchema }).strict(), output: z.object({ deleted: z.literal(true) }) },
  'review.takeStill': {
    input: z.object({ caseId: caseIdSchema, camera: cameraRefSchema, atMs: instantMsSchema, note: clipNoteSchema.optional() }).strict(),
    output: stillSchema,
  },
  'review.updateStill': { input: z.object({ stillId: stillIdSchema, note: clipNoteSchema }).strict(), output: stillSchema },
  'review.deleteStill': { input: z.object({ stillId: stillIdSchema }).strict(), output: z.object({ deleted: z.literal(true) }) },

  'export.estimate': { input: z.object({ caseId: caseIdSchema, options: exportOptionsSchema }).strict(), output: exportEstimateSchema },
  'export.start': { input: z.object({ caseId: caseIdSchema, options: exportOptionsSchema }).strict(), output: z.object({ exportId: exportIdSchema, jobId: jobIdSchema }) },
  /** Runs a failed or cancelled export again with the same options, into a fresh folder. */
  'export.restart': { input: z.object({ exportId: exportIdSchema }).strict(), output: z.object({ exportId: exportIdSchema, jobId: jobIdSchema }) },
  'export.list': { input: z.object({ caseId: caseIdSchema }).strict(), output: z.array(exportSummarySchema) },
  'export.get': { input: z.object({ exportId: exportIdSchema }).strict(), output: exportSummarySchema },

  'producer.get': { input: noInput, output: producerProfileSchema.nullable() },
  'producer.set': { input: z.object({ profile: producerProfileSchema }).strict(), output: producerProfileSchema },
  'bundle.chooseDestination': {
    input: z.object({ caseId: caseIdSchema, exportId: exportIdSchema, destination: destinationChoiceSchema }).strict(),
    output: destinationSchema.nullable(),
  },
  'bundle.refreshDestination': { input: z.object({ destinationId: z.uuid() }).strict(), output: destinationSchema },
  'bundle.removeStalePartial': { input: z.object({ destinationId: z.uuid() }).strict(), output: destinationSchema },
  'bundle.suggestPassword': { input: noInput, output: z.object({ password: z.string(), bits: z.number() }) },
  'bundle.checkPassword': {
    input: z.object({ password: z.string().max(1024), caseId: caseIdSchema.optional() }).strict(),
    output: z.object({ ok: z.boolean(), guessesLog10: z.number(), feedback: z.string(), score: z.number() }),
  },
  'bundle.start': {
    input: z
      .object({
        caseId: caseIdSchema,
        exportId: exportIdSchema,
        destinationId: z.uuid(),
        password: z.string().min(1, { error: 'Please set the password for the evidence.' }).max(1024),
        /** Eject the stick once the evidence is written and checked (only for a stick chosen from the list). */
        eject: z.boolean().optional(),
      })
      .strict(),
    output: z.object({ bundleId: bundleIdSchema, jobId: jobIdSchema }),
  },
  /** Ejects the stick a bundle was written to, e.g. after a program that had it open was closed. */
  'bundle.eject': { input: z.object({ bundleId: bundleIdSchema }).strict(), output: ejectResultSchema },
  'bundle.list': { input: z.object({ caseId: caseIdSchema }).strict(), output: z.array(bundleSummarySchema) },
  'bundle.get': { input: z.object({ bundleId: bundleIdSchema }).strict(), output: bundleSummarySchema },
  'bundle.verify': {
    input: z.object({ bundleId: bundleIdSchema, password: z.string().max(1024).nullable() }).strict(),
    output: bundleVerificationSchema,
  },
  /** Removable drives the OS lists; only those with `offered` can be chosen. */
  'drives.list': { input: noInput, output: z.array(driveSchema) },
  'drives.eject': { input: z.object({ driveId: driveIdSchema }).strict(), output: ejectResultSchema },

  'paper.make': {
    input: z.object({ bundleId: bundleIdSchema, kind: z.enum(PAPER_KINDS), details: statementDetailsSchema.nullable() }).strict(),
    output: paperSummarySchema,
  },
  'paper.list': { input: z.object({ bundleId: bundleIdSchema }).strict(), output: z.array(paperSummarySchema) },
  /** In the app, opens the PDF in the computer's PDF reader; in a browser the page opens the link itself. */
  'paper.open': { input: z.object({ paperId: paperIdSchema }).strict(), output: z.object({ opened: z.boolean(), url: z.string() }) },

  'receipt.record': { input: z.object({ caseId: caseIdSchema, bundleId: bundleIdSchema, receipt: receiptInputSchema }).strict(), output: receiptSummarySchema },
  'receipt.addScan': { input: z.object({ receiptId: receiptIdSchema, source: scanChoiceSchema }).strict(), output: receiptSummarySchema.nullable() },
  'receipt.list': { input: z.object({ caseId: caseIdSchema }).strict(), output: z.array(receiptSummarySchema) },

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
  'wrong_password',
  'weak_password',
  'no_space',
  'write_protected',
  'drive_gone',
  'io_failed',
  'verify_failed',
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
