import { z } from 'zod';

export const custodyEntrySchema = z.object({
  seq: z.number().int().positive(),
  caseId: z.string().nullable(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  details: z.record(z.string(), z.unknown()),
  prevHash: z.string(),
  hash: z.string(),
});
export type CustodyEntry = z.infer<typeof custodyEntrySchema>;

export const custodyVerificationSchema = z.object({
  ok: z.boolean(),
  entries: z.number().int(),
  /** The first entry whose stored hash or link does not match, with a plain reason. */
  firstBadSeq: z.number().int().nullable(),
  reason: z.string().nullable(),
});
export type CustodyVerification = z.infer<typeof custodyVerificationSchema>;
