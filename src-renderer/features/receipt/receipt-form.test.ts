import { describe, expect, it } from 'vitest';
import type { BundleSummary } from '../../../src-shared/domain/bundle';
import { describeOfficer, describeReceipt, emptyReceiptForm, handedOverCandidates, localInputAt, receiptInputFrom } from './receipt-form';

const filled = { ...emptyReceiptForm({ now: new Date(2026, 10, 28, 10, 30) }), name: ' Sam Patel ', force: 'Metropolitan Police', rank: 'PC', badgeNumber: '1234' };

describe('receiptInputFrom', () => {
  it('turns the form into a record, blanks into nulls, the local time into an instant', () => {
    const result = receiptInputFrom(filled);
    expect(result).toEqual({
      ok: true,
      input: {
        officer: { name: 'Sam Patel', rank: 'PC', badgeNumber: '1234', force: 'Metropolitan Police', station: null },
        receivedAt: new Date(2026, 10, 28, 10, 30).toISOString(),
        method: 'in_person',
        reference: null,
        confirmation: null,
        copyKept: true,
      },
    });
  });

  it('asks for the officer, the force and a time, in plain words', () => {
    expect(receiptInputFrom({ ...filled, name: '  ' })).toEqual({ ok: false, problem: "Please give the officer's name." });
    expect(receiptInputFrom({ ...filled, force: '' })).toEqual({ ok: false, problem: 'Please give the police force or agency, for example Metropolitan Police.' });
    expect(receiptInputFrom({ ...filled, receivedAt: '' })).toEqual({ ok: false, problem: 'Please give the date and time it was received.' });
  });

  it('needs the tracking number or upload reference when it was not handed over in person', () => {
    expect(receiptInputFrom({ ...filled, method: 'courier' })).toEqual({ ok: false, problem: 'Please give the tracking number, so the delivery can be followed.' });
    expect(receiptInputFrom({ ...filled, method: 'dems_upload' })).toEqual({ ok: false, problem: 'Please give the upload reference the evidence system showed.' });
    expect(receiptInputFrom({ ...filled, method: 'dems_upload', reference: 'DEMS-88412' })).toMatchObject({ ok: true, input: { reference: 'DEMS-88412' } });
  });
});

describe('describing a receipt', () => {
  it('names the officer as a warrant card would', () => {
    expect(describeOfficer({ name: 'Sam Patel', rank: 'PC', badgeNumber: '1234', force: 'Metropolitan Police', station: 'Brixton' })).toBe('PC 1234 Sam Patel, Metropolitan Police (Brixton)');
    expect(describeOfficer({ name: 'Sam Patel', rank: null, badgeNumber: null, force: 'NYPD', station: null })).toBe('Sam Patel, NYPD');
  });

  it('says how, when and to whom', () => {
    const text = describeReceipt({ officer: { name: 'Sam Patel', rank: null, badgeNumber: null, force: 'NYPD', station: null }, receivedAt: new Date(2026, 10, 28, 10, 30).toISOString(), method: 'courier', reference: 'TRK1' });
    expect(text).toMatch(/^Sent by courier or post on 28 Nov 2026, 10:30 to Sam Patel, NYPD \(reference TRK1\)\.$/);
  });

  it('gives the datetime-local value of a moment', () => {
    expect(localInputAt(new Date(2026, 0, 2, 3, 4))).toBe('2026-01-02T03:04');
  });
});

describe('handedOverCandidates', () => {
  it('keeps only written bundles, newest first', () => {
    const bundle = (id: string, state: BundleSummary['state'], finishedAt: string) => ({ id, state, finishedAt, createdAt: finishedAt }) as BundleSummary;
    const list = [bundle('a', 'succeeded', '2026-11-01T10:00:00Z'), bundle('b', 'failed', '2026-11-03T10:00:00Z'), bundle('c', 'succeeded', '2026-11-02T10:00:00Z')];
    expect(handedOverCandidates(list).map((item) => item.id)).toEqual(['c', 'a']);
  });
});
