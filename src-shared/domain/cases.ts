import { z } from 'zod';

/** The eight steps of a handover, in the order a shop owner normally does them. */
export const STEP_IDS = ['review', 'export', 'legal', 'notify', 'usb', 'receipt', 'backup', 'outcome'] as const;
export type StepId = (typeof STEP_IDS)[number];
export const stepIdSchema = z.enum(STEP_IDS);

export const STEP_STATES = ['not_started', 'in_progress', 'done'] as const;
export type StepState = (typeof STEP_STATES)[number];
export const stepStateSchema = z.enum(STEP_STATES);

export const INCIDENT_TYPES = [
  'theft',
  'burglary',
  'robbery',
  'criminal_damage',
  'assault',
  'antisocial_behaviour',
  'fraud',
  'vehicle',
  'other',
] as const;
export type IncidentType = (typeof INCIDENT_TYPES)[number];
export const incidentTypeSchema = z.enum(INCIDENT_TYPES, {
  error: 'Please choose what kind of incident this was.',
});

export const caseIdSchema = z.uuid({ error: 'That case id is not valid.' });

/** Police/crime references vary by force (e.g. "44/12345/26", "CAD 1234"); keep them as typed, trimmed. */
export const caseReferenceSchema = z
  .string()
  .trim()
  .max(64, { error: 'The crime reference can be at most 64 characters.' })
  .regex(/^[\p{L}\p{N} /\-_.:#()]*$/u, {
    error: 'The crime reference can use letters, numbers, spaces and / - _ . : # ( ) only.',
  });

export const caseTitleSchema = z
  .string()
  .trim()
  .min(1, { error: 'Please give the case a short title, for example "Theft at till 2".' })
  .max(200, { error: 'The title can be at most 200 characters.' });

export const caseStepSchema = z.object({
  id: stepIdSchema,
  state: stepStateSchema,
  updatedAt: z.string().nullable(),
});
export type CaseStep = z.infer<typeof caseStepSchema>;

export const caseSummarySchema = z.object({
  id: caseIdSchema,
  reference: z.string().nullable(),
  title: z.string(),
  incidentType: incidentTypeSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
  stepsDone: z.number().int().min(0).max(STEP_IDS.length),
});
export type CaseSummary = z.infer<typeof caseSummarySchema>;

export const caseDetailSchema = caseSummarySchema.extend({
  steps: z.array(caseStepSchema).length(STEP_IDS.length),
});
export type CaseDetail = z.infer<typeof caseDetailSchema>;

/** Counts finished steps; the checklist's overall progress is derived, never stored. */
export function countDoneSteps(steps: readonly Pick<CaseStep, 'state'>[]): number {
  return steps.filter((step) => step.state === 'done').length;
}
