/** Step 5's pure logic: which export goes on the stick, the "who is handing over" form, and what still blocks writing. */
import { initialsFromName, type BundleSummary, type Destination, type ProducerProfile } from '../../../src-shared/domain/bundle';
import type { ExportSummary } from '../../../src-shared/domain/export';
import { formatDateTime } from '../../format';
import { formatBytes } from '../review/review-format';

/** The newest export that finished, by when it was started; null when none has. */
export function newestFinishedExport<T extends Pick<ExportSummary, 'state' | 'createdAt'>>(exports: readonly T[]): T | null {
  const finished = exports.filter((item) => item.state === 'succeeded');
  return [...finished].sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0] ?? null;
}

/** True when an export newer than the finished one is still running, so the person knows which one is used. */
export function newerExportRunning(exports: readonly Pick<ExportSummary, 'state' | 'createdAt'>[], finished: { createdAt: string } | null): boolean {
  return exports.some((item) => item.state === 'running' && (finished === null || item.createdAt > finished.createdAt));
}

/** "The export made on 20 Mar 2026, 10:01: 3 files, 86.0 MB in all." */
export function describeExport(summary: Pick<ExportSummary, 'createdAt' | 'finishedAt' | 'outputs' | 'totalBytes'>): string {
  const files = summary.outputs.length;
  const bytes = summary.totalBytes > 0 ? summary.totalBytes : summary.outputs.reduce((sum, output) => sum + output.size, 0);
  return `The export made on ${formatDateTime(summary.finishedAt ?? summary.createdAt)}: ${files} file${files === 1 ? '' : 's'}, ${formatBytes(bytes)} in all.`;
}

export interface ProducerForm {
  organisation: string;
  person: string;
  contact: string;
  initials: string;
  /** Once the person types their own initials, changing the name no longer changes them. */
  initialsTouched: boolean;
}

export function producerFormFrom(profile: ProducerProfile | null): ProducerForm {
  if (!profile) return { organisation: '', person: '', contact: '', initials: '', initialsTouched: false };
  const suggested = initialsFromName(profile.person);
  return { ...profile, initialsTouched: profile.initials !== suggested };
}

/** Changing the name suggests initials from it ("Jane Smith" → "JS") until the person types their own. */
export function withPerson(form: ProducerForm, person: string): ProducerForm {
  if (form.initialsTouched) return { ...form, person };
  return { ...form, person, initials: person.trim() === '' ? '' : initialsFromName(person) };
}

/** Initials as typed, made into what is allowed: capital letters only, at most four. */
export function cleanInitials(text: string): string {
  return text
    .toUpperCase()
    .replace(/[^A-Z]/g, '')
    .slice(0, 4);
}

export function withInitials(form: ProducerForm, typed: string): ProducerForm {
  const initials = cleanInitials(typed);
  return { ...form, initials, initialsTouched: initials !== '' };
}

export function toProfile(form: ProducerForm): ProducerProfile {
  return { organisation: form.organisation.trim(), person: form.person.trim(), contact: form.contact.trim(), initials: form.initials.trim() };
}

/** "Jane Smith, Corner Shop Ltd · 07700 900123 · initials JS" */
export function describeProducer(profile: ProducerProfile): string {
  return `${profile.person}, ${profile.organisation} · ${profile.contact} · initials ${profile.initials}`;
}

/** Every check of the USB stick passed, so writing may start. */
export function destinationReady(destination: Pick<Destination, 'ok' | 'checks'> | null): boolean {
  return destination !== null && destination.ok && destination.checks.every((check) => check.ok);
}

/** What still has to be done before "Write to USB stick" can be pressed, in plain words; empty when nothing. */
export function writeBlockers(options: {
  hasProducer: boolean;
  editingProducer: boolean;
  hasExport: boolean;
  destination: Pick<Destination, 'ok' | 'checks'> | null;
  password: 'ready' | 'loading' | 'checking' | 'weak' | 'empty';
  confirmed: boolean;
}): string[] {
  const blockers: string[] = [];
  if (!options.hasProducer || options.editingProducer) blockers.push('Fill in and save who is handing over the footage.');
  if (!options.hasExport) blockers.push('Export the footage first (step 2).');
  if (options.destination === null) blockers.push('Choose the USB stick.');
  else if (!destinationReady(options.destination)) blockers.push('Sort out the problems with the USB stick marked ✗, then press “Check again”.');
  if (options.password === 'loading') blockers.push('Wait a moment while a password is made.');
  else if (options.password === 'empty') blockers.push('Type your own password, or use the suggested words.');
  else if (options.password === 'checking') blockers.push('Wait a moment while your password is checked.');
  else if (options.password === 'weak') blockers.push('Make your password stronger, or use the suggested words.');
  if (!options.confirmed) blockers.push('Tick the box to say you have written down or printed the password.');
  return blockers;
}

export const BUNDLE_STATE_WORDS: Record<BundleSummary['state'], string> = {
  running: 'Being written now',
  succeeded: 'Written and checked',
  failed: 'Not written',
  cancelled: 'Stopped before it finished',
};

/** The message for a failed or stopped write: the job's own words when known (they are already plain). */
export function failureMessage(options: { state: 'failed' | 'cancelled'; jobError: string | null; bundleError: string | null }): string {
  const known = options.jobError ?? options.bundleError;
  if (known) return known;
  return options.state === 'cancelled'
    ? 'Writing was stopped. Nothing usable was left on the USB stick.'
    : 'Writing stopped before it finished. Nothing on the USB stick is usable.';
}

/** Newest first, by when each bundle was started. */
export function bundlesNewestFirst<T extends Pick<BundleSummary, 'createdAt'>>(bundles: readonly T[]): T[] {
  return [...bundles].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}
