/**
 * Step 6: the police confirm they received the evidence, and the papers that go with the stick (issue 7): the
 * handover receipt, signed by the producer and the receiving officer, and the producer's witness statement.
 */
import { z } from 'zod';

export const receiptIdSchema = z.uuid({ error: 'That receipt id is not valid.' });

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((text) => (text === '' ? null : text))
    .nullable();

/** The person who took the stick, as their warrant card or email signature gives it. */
export const officerSchema = z
  .object({
    name: z.string().trim().min(1, { error: "Please give the officer's name." }).max(120),
    rank: optionalText(60),
    /** UK collar number, US badge number. */
    badgeNumber: optionalText(40),
    force: z.string().trim().min(1, { error: 'Please give the police force or agency, for example Metropolitan Police.' }).max(120),
    station: optionalText(120),
  })
  .strict();
export type Officer = z.infer<typeof officerSchema>;

export const RECEIPT_METHODS = ['in_person', 'courier', 'dems_upload'] as const;
export type ReceiptMethod = (typeof RECEIPT_METHODS)[number];
export const RECEIPT_METHOD_LABELS: Record<ReceiptMethod, string> = {
  in_person: 'Handed over in person',
  courier: 'Sent by courier or post',
  dems_upload: "Uploaded to the police's evidence system",
};

export const receiptInputSchema = z
  .object({
    officer: officerSchema,
    /** When the officer took the stick or the upload finished, as an instant. */
    receivedAt: z.iso.datetime({ offset: true, error: 'Please give the date and time it was received.' }),
    method: z.enum(RECEIPT_METHODS, { error: 'Please say how the evidence reached the police.' }),
    /** Courier tracking number or the evidence system's upload reference. */
    reference: optionalText(120),
    /** The officer's written confirmation (an email or a note), copied in as text. */
    confirmation: optionalText(4000),
    copyKept: z.boolean(),
  })
  .strict();
export type ReceiptInput = z.infer<typeof receiptInputSchema>;

export const receiptScanSchema = z.object({
  fileName: z.string(),
  bytes: z.number().int(),
  sha256: z.string(),
  addedAt: z.string(),
  /** Same-origin link that shows the photo or scan. */
  url: z.string(),
});
export type ReceiptScan = z.infer<typeof receiptScanSchema>;

export const receiptSummarySchema = z.object({
  id: receiptIdSchema,
  caseId: z.string(),
  bundleId: z.string(),
  officer: z.object({ name: z.string(), rank: z.string().nullable(), badgeNumber: z.string().nullable(), force: z.string(), station: z.string().nullable() }),
  receivedAt: z.string(),
  method: z.enum(RECEIPT_METHODS),
  reference: z.string().nullable(),
  confirmation: z.string().nullable(),
  copyKept: z.boolean(),
  scans: z.array(receiptScanSchema),
  recordedAt: z.string(),
});
export type ReceiptSummary = z.infer<typeof receiptSummarySchema>;

export const JURISDICTIONS = ['uk', 'us', 'generic'] as const;
export type Jurisdiction = (typeof JURISDICTIONS)[number];

/** What the producer adds for the statement that the app cannot know. */
export const statementDetailsSchema = z
  .object({
    jurisdiction: z.enum(JURISDICTIONS),
    /** "Store manager", "Owner". */
    role: z.string().trim().min(1, { error: 'Please say what your role is, for example Store manager.' }).max(120),
    /** Recorder make and model, e.g. "Dahua NVR4108HS". */
    systemMakeModel: optionalText(120),
    systemSerial: optionalText(80),
    /** How the clock was checked, in the producer's words; the app's own record is added beside it. */
    clockCheckNote: optionalText(600),
  })
  .strict();
export type StatementDetails = z.infer<typeof statementDetailsSchema>;

export const PAPER_KINDS = ['receipt', 'statement'] as const;
export type PaperKind = (typeof PAPER_KINDS)[number];

export const paperIdSchema = z.uuid({ error: 'That paper id is not valid.' });

export const paperSummarySchema = z.object({
  id: paperIdSchema,
  bundleId: z.string(),
  kind: z.enum(PAPER_KINDS),
  fileName: z.string(),
  bytes: z.number().int(),
  sha256: z.string(),
  createdAt: z.string(),
  /** Same-origin link that shows the PDF for printing. */
  url: z.string(),
});
export type PaperSummary = z.infer<typeof paperSummarySchema>;

/** A photo or scan of the signed receipt: picked in a main-process dialog, or (bridge and CLI only) a typed path. */
export const scanChoiceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('dialog') }).strict(),
  z.object({ kind: z.literal('typed'), path: z.string().trim().min(1, { error: 'Please choose the photo or scan.' }).max(4096) }).strict(),
]);
export type ScanChoice = z.infer<typeof scanChoiceSchema>;
