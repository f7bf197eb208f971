/**
 * The evidence bundle the police receive (issue 6): its manifest (a versioned format, see docs/bundle-format.md and
 * resources/bundle/manifest.schema.json, which is generated from these schemas), the producer's details, and what
 * the app reports about writing and checking a bundle.
 */
import { z } from 'zod';
import { ejectResultSchema } from './drives';
import { processingStepSchema } from './export';

export const MANIFEST_SCHEMA_VERSION = 1;

export const bundleIdSchema = z.uuid({ error: 'That bundle id is not valid.' });

/** Who hands the footage over: the shop, the person and how to reach them. The initials start exhibit references. */
export const producerProfileSchema = z
  .object({
    organisation: z.string().trim().min(1, { error: 'Please give the name of the shop or business.' }).max(120),
    person: z.string().trim().min(1, { error: 'Please give the name of the person handing over the footage.' }).max(120),
    contact: z.string().trim().min(3, { error: 'Please give a phone number or email address the police can use.' }).max(200),
    initials: z
      .string()
      .trim()
      .regex(/^[A-Z]{1,4}$/, { error: 'Initials are one to four capital letters, for example JS.' }),
  })
  .strict();
export type ProducerProfile = z.infer<typeof producerProfileSchema>;

/** "JS/1", and "JS/1/2" for part 2 of an exhibit split to fit FAT32 sticks. */
export const exhibitIdSchema = z.string().regex(/^[A-Z]{1,4}\/\d+(\/\d+)?$/);

const instantRangeSchema = z.object({ start: z.iso.datetime(), end: z.iso.datetime() });
/** Wall-clock times as the recorder showed them, in its own zone (no offset suffix: that is the point). */
const recorderRangeSchema = z.object({ start: z.string(), end: z.string(), timeZone: z.string() });

export const EXHIBIT_KINDS = ['master', 'working', 'still', 'document'] as const;

export const manifestExhibitSchema = z.object({
  id: exhibitIdSchema,
  /** The id as used in file names: "JS_1". */
  fileRef: z.string(),
  kind: z.enum(EXHIBIT_KINDS),
  description: z.string(),
  /** '/'-separated path inside evidence.zip. */
  file: z.string(),
  size: z.number().int().min(0),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  camera: z.string().nullable(),
  recorderTime: recorderRangeSchema.nullable(),
  trueTime: instantRangeSchema.nullable(),
  /** Recordings (path in the footage folder), or exhibit ids, this was made from. */
  derivedFrom: z.array(z.string()),
  /** For masters: the SHA-256 of the original recording, read as it was copied. */
  sourceSha256: z.string().nullable(),
  method: z.enum(['copy', 'remux', 'reencode', 'generated']),
  processing: z.array(processingStepSchema),
  part: z.object({ index: z.number().int(), count: z.number().int(), of: exhibitIdSchema }).nullable(),
  status: z.enum(['ok', 'incomplete']),
  note: z.string(),
});
export type ManifestExhibit = z.infer<typeof manifestExhibitSchema>;

export const manifestRecorderSchema = z.object({
  label: z.string(),
  makeModel: z.string().nullable(),
  timeZone: z.string(),
  /** Recorder clock minus true time, in seconds: positive when the recorder is fast. */
  clockOffsetS: z.number(),
  /** How the offset was found: read off both clocks, typed in, or not checked (with the reason). */
  clockCheck: z.string(),
  clockNote: z.string().nullable(),
  clockDescription: z.string(),
  cameras: z.array(z.string()),
});

export const bundleManifestSchema = z.object({
  schemaVersion: z.literal(MANIFEST_SCHEMA_VERSION),
  bundleName: z.string(),
  createdAt: z.iso.datetime(),
  software: z.object({ name: z.string(), version: z.string() }),
  case: z.object({
    reference: z.string().nullable(),
    title: z.string(),
    incidentType: z.string(),
    location: z.string().nullable(),
    incidentWindow: instantRangeSchema.nullable(),
  }),
  producer: z.object({
    organisation: z.string(),
    person: z.string(),
    contact: z.string(),
    initials: z.string(),
    certificateFingerprintSha256: z.string(),
    certificateSubject: z.string(),
  }),
  recorders: z.array(manifestRecorderSchema),
  exhibits: z.array(manifestExhibitSchema),
  custodyLog: z.object({
    file: z.string(),
    entries: z.number().int(),
    /** The hash of the last entry, so a log cut short is caught even though the file's own hash is in SHA256SUMS. */
    lastHash: z.string().nullable(),
  }),
});
export type BundleManifest = z.infer<typeof bundleManifestSchema>;

/**
 * Where a bundle goes: a USB stick from the list (by id), a folder chosen in a main-process dialog, or (bridge and
 * CLI only) a typed path.
 */
export const destinationChoiceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('drive'), driveId: z.string().min(1).max(200) }).strict(),
  z.object({ kind: z.literal('dialog') }).strict(),
  z.object({ kind: z.literal('typed'), path: z.string().trim().min(1, { error: 'Please choose where to write the evidence.' }).max(4096) }).strict(),
]);

export type DestinationChoice = z.infer<typeof destinationChoiceSchema>;

export const preflightCheckSchema = z.object({ id: z.string(), ok: z.boolean(), message: z.string() });
export const destinationSchema = z.object({
  destinationId: z.string(),
  /** Shown to the person, e.g. "/media/shop/KINGSTON"; the renderer never sends it back. */
  displayPath: z.string(),
  bundleName: z.string(),
  ok: z.boolean(),
  checks: z.array(preflightCheckSchema),
  filesystem: z.string().nullable(),
  freeBytes: z.number().nullable(),
  neededBytes: z.number(),
  /** An unfinished copy from a failed write is in the way; `bundle.removeStalePartial` deletes it. */
  stalePartial: z.boolean(),
});
export type Destination = z.infer<typeof destinationSchema>;

/** The USB stick a bundle was written onto, as the OS described it then: it goes on the handover receipt. */
export const bundleDriveSchema = z.object({
  label: z.string().nullable(),
  model: z.string().nullable(),
  serial: z.string().nullable(),
  sizeBytes: z.number().nullable(),
  filesystem: z.string().nullable(),
});
export type BundleDrive = z.infer<typeof bundleDriveSchema>;

export const BUNDLE_STATES = ['running', 'succeeded', 'failed', 'cancelled'] as const;
export const bundleSummarySchema = z.object({
  id: bundleIdSchema,
  caseId: z.string(),
  exportId: z.string(),
  jobId: z.string(),
  state: z.enum(BUNDLE_STATES),
  bundleName: z.string(),
  destination: z.string().nullable(),
  zipSha256: z.string().nullable(),
  zipBytes: z.number().nullable(),
  certificateFingerprint: z.string().nullable(),
  exhibits: z.array(z.object({ id: z.string(), kind: z.enum(EXHIBIT_KINDS), file: z.string(), size: z.number(), sha256: z.string() })),
  verifyMethod: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  error: z.string().nullable(),
  /** Null when the bundle went to a folder that was not a listed USB stick. */
  drive: bundleDriveSchema.nullable(),
  /** What happened when the stick was last ejected; null when that was not asked for. */
  eject: ejectResultSchema.nullable(),
});
export type BundleSummary = z.infer<typeof bundleSummarySchema>;

export const bundleCheckSchema = z.object({
  id: z.string(),
  ok: z.boolean(),
  /** The file inside or beside the zip the check is about, when it is about one. */
  file: z.string().nullable(),
  message: z.string(),
});
export type BundleCheck = z.infer<typeof bundleCheckSchema>;

export const bundleVerificationSchema = z.object({
  ok: z.boolean(),
  bundleDir: z.string(),
  /** False without the password: only the zip's fingerprint and layout were checked. */
  contentsChecked: z.boolean(),
  checks: z.array(bundleCheckSchema),
  failing: z.array(z.string()),
});
export type BundleVerification = z.infer<typeof bundleVerificationSchema>;

/** Letters for exhibit references from a name: "Jane Smith" → "JS", "Ali" → "A"; at most four. */
export function initialsFromName(name: string): string {
  const letters = name
    .normalize('NFKD')
    .replace(/[^\p{L}\s'-]/gu, ' ')
    .split(/[\s-]+/)
    .filter((word) => word.length > 0)
    .map((word) => word.replace(/[^A-Za-z]/g, '').charAt(0).toUpperCase())
    .filter((letter) => letter !== '');
  return letters.slice(0, 4).join('') || 'X';
}

/** "44/12345/26" → "44-12345-26": the bundle folder's name must be safe on FAT, exFAT, NTFS and the rest. */
export function fileSafeReference(reference: string | null): string {
  const safe = (reference ?? '')
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
  return safe.slice(0, 40) || 'NO-REF';
}

/** HANDOVER_<ref>_<YYYYMMDD-HHMM>, the minute in the zone the person works in. */
export function bundleFolderName(options: { reference: string | null; localYmdHm: { year: number; month: number; day: number; hour: number; minute: number } }): string {
  const { year, month, day, hour, minute } = options.localYmdHm;
  const p = (n: number) => String(n).padStart(2, '0');
  return `HANDOVER_${fileSafeReference(options.reference)}_${year}${p(month)}${p(day)}-${p(hour)}${p(minute)}`;
}
