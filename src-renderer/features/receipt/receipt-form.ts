/** Step 6's pure logic: the "who received it" form, turned into what the service records, and how a record reads. */
import type { BundleSummary } from '../../../src-shared/domain/bundle';
import { RECEIPT_METHOD_LABELS, type ReceiptInput, type ReceiptMethod, type ReceiptSummary } from '../../../src-shared/domain/receipt';
import { formatDateTime } from '../../format';

export interface ReceiptForm {
  name: string;
  rank: string;
  badgeNumber: string;
  force: string;
  station: string;
  /** A `datetime-local` value, read in the computer's own time zone. */
  receivedAt: string;
  method: ReceiptMethod;
  reference: string;
  confirmation: string;
  copyKept: boolean;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** A `datetime-local` value for this computer's clock at `date`, to the minute. */
export function localInputAt(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export function emptyReceiptForm(options: { now: Date }): ReceiptForm {
  return { name: '', rank: '', badgeNumber: '', force: '', station: '', receivedAt: localInputAt(options.now), method: 'in_person', reference: '', confirmation: '', copyKept: true };
}

/** What the form says, ready to send; or the first thing to fix, in plain words. */
export function receiptInputFrom(form: ReceiptForm): { ok: true; input: ReceiptInput } | { ok: false; problem: string } {
  if (form.name.trim() === '') return { ok: false, problem: "Please give the officer's name." };
  if (form.force.trim() === '') return { ok: false, problem: 'Please give the police force or agency, for example Metropolitan Police.' };
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(form.receivedAt.trim());
  const received = match ? new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]), Number(match[4]), Number(match[5]), Number(match[6] ?? 0)) : null;
  if (!received || Number.isNaN(received.getTime())) return { ok: false, problem: 'Please give the date and time it was received.' };
  if (form.method !== 'in_person' && form.reference.trim() === '') {
    return { ok: false, problem: form.method === 'courier' ? 'Please give the tracking number, so the delivery can be followed.' : 'Please give the upload reference the evidence system showed.' };
  }
  const text = (value: string) => (value.trim() === '' ? null : value.trim());
  return {
    ok: true,
    input: {
      officer: { name: form.name.trim(), rank: text(form.rank), badgeNumber: text(form.badgeNumber), force: form.force.trim(), station: text(form.station) },
      receivedAt: received.toISOString(),
      method: form.method,
      reference: text(form.reference),
      confirmation: text(form.confirmation),
      copyKept: form.copyKept,
    },
  };
}

/** "PC 1234 Sam Patel, Metropolitan Police (Brixton)". */
export function describeOfficer(officer: ReceiptSummary['officer']): string {
  const who = [officer.rank, officer.badgeNumber, officer.name].filter((part): part is string => !!part).join(' ');
  return `${who}, ${officer.force}${officer.station ? ` (${officer.station})` : ''}`;
}

/** "Handed over in person on 28 Nov 2026, 10:30 to PC 1234 Sam Patel, Metropolitan Police." */
export function describeReceipt(receipt: Pick<ReceiptSummary, 'officer' | 'receivedAt' | 'method' | 'reference'>): string {
  const how = RECEIPT_METHOD_LABELS[receipt.method];
  const reference = receipt.reference ? ` (reference ${receipt.reference})` : '';
  return `${how} on ${formatDateTime(receipt.receivedAt)} to ${describeOfficer(receipt.officer)}${reference}.`;
}

/** The bundles that can have been handed over: written and checked, newest first. */
export function handedOverCandidates(bundles: readonly BundleSummary[]): BundleSummary[] {
  return bundles.filter((bundle) => bundle.state === 'succeeded').sort((a, b) => (b.finishedAt ?? b.createdAt).localeCompare(a.finishedAt ?? a.createdAt));
}
