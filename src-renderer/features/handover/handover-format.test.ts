import { describe, expect, it } from 'vitest';
import {
  bundlesNewestFirst,
  cleanInitials,
  describeExport,
  describeProducer,
  destinationReady,
  failureMessage,
  newerExportRunning,
  newestFinishedExport,
  producerFormFrom,
  toProfile,
  withInitials,
  withPerson,
  writeBlockers,
} from './handover-format';

const output = (size: number) => ({ size });

describe('which export goes on the stick', () => {
  const exports = [
    { id: 'a', state: 'succeeded' as const, createdAt: '2026-03-14T10:00:00Z' },
    { id: 'b', state: 'succeeded' as const, createdAt: '2026-03-14T12:00:00Z' },
    { id: 'c', state: 'failed' as const, createdAt: '2026-03-14T13:00:00Z' },
    { id: 'd', state: 'cancelled' as const, createdAt: '2026-03-14T14:00:00Z' },
  ];

  it('uses the newest one that finished', () => {
    expect(newestFinishedExport(exports)?.id).toBe('b');
    expect(newestFinishedExport(exports.filter((item) => item.state !== 'succeeded'))).toBeNull();
    expect(newestFinishedExport([])).toBeNull();
  });

  it('notices a newer export still being made', () => {
    const finished = exports[1]!;
    expect(newerExportRunning(exports, finished)).toBe(false);
    const running = { id: 'e', state: 'running' as const, createdAt: '2026-03-14T15:00:00Z' };
    expect(newerExportRunning([...exports, running], finished)).toBe(true);
    expect(newerExportRunning([{ state: 'running', createdAt: '2026-03-14T09:00:00Z' }], finished)).toBe(false);
    expect(newerExportRunning([{ state: 'running', createdAt: '2026-03-14T09:00:00Z' }], null)).toBe(true);
  });

  it('names it in one line: when, how many files, how big', () => {
    const text = describeExport({ createdAt: '2026-03-20T10:00:00Z', finishedAt: '2026-03-20T10:01:00Z', outputs: [output(80_000_000), output(6_000_000)] as never, totalBytes: 86_000_000 });
    expect(text).toMatch(/^The export made on \d{1,2} Mar 2026, \d\d:\d\d: 2 files, 86\.0 MB in all\.$/);
    // An export that did not total its bytes still gives a size, from its files.
    expect(describeExport({ createdAt: '2026-03-20T10:00:00Z', finishedAt: null, outputs: [output(2_000)] as never, totalBytes: 0 })).toMatch(/: 1 file, 2\.0 kB in all\.$/);
  });
});

describe('who is handing over', () => {
  it('suggests initials from the name until the person types their own', () => {
    let form = producerFormFrom(null);
    form = withPerson(form, 'Jane Smith');
    expect(form.initials).toBe('JS');
    form = withPerson(form, 'Jane Ann Smith');
    expect(form.initials).toBe('JAS');
    form = withPerson(form, '');
    expect(form.initials).toBe('');
    form = withInitials(withPerson(form, 'Jane Smith'), 'jx');
    expect(form).toMatchObject({ initials: 'JX', initialsTouched: true });
    expect(withPerson(form, 'Ali Khan').initials).toBe('JX');
    // Clearing the initials lets the name suggest them again.
    expect(withPerson(withInitials(form, ''), 'Ali Khan').initials).toBe('AK');
  });

  it('only allows one to four capital letters in the initials', () => {
    expect(cleanInitials('j.s.')).toBe('JS');
    expect(cleanInitials('abcdef')).toBe('ABCD');
    expect(cleanInitials('1 2')).toBe('');
  });

  it('starts from the saved details, keeping initials that differ from the name', () => {
    const profile = { organisation: 'Corner Shop Ltd', person: 'Jane Smith', contact: '07700 900123', initials: 'JAS' };
    expect(producerFormFrom(profile)).toEqual({ ...profile, initialsTouched: true });
    expect(producerFormFrom({ ...profile, initials: 'JS' }).initialsTouched).toBe(false);
    expect(toProfile({ organisation: ' Corner Shop Ltd ', person: 'Jane Smith ', contact: ' 07700 900123', initials: 'JS', initialsTouched: false })).toEqual({
      organisation: 'Corner Shop Ltd',
      person: 'Jane Smith',
      contact: '07700 900123',
      initials: 'JS',
    });
    expect(describeProducer(profile)).toBe('Jane Smith, Corner Shop Ltd · 07700 900123 · initials JAS');
  });
});

describe('what blocks writing', () => {
  const passing = { ok: true, checks: [{ id: 'exists', ok: true, message: 'The folder is there.' }] };
  const ready = { hasProducer: true, editingProducer: false, hasExport: true, destination: passing, password: 'ready' as const, confirmed: true };

  it('lets writing start only when every check passed, the password is ready and the box is ticked', () => {
    expect(writeBlockers(ready)).toEqual([]);
    expect(destinationReady(passing)).toBe(true);
    expect(destinationReady({ ok: true, checks: [{ id: 'names', ok: false, message: '' }] })).toBe(false);
    expect(destinationReady({ ok: false, checks: [] })).toBe(false);
    expect(destinationReady(null)).toBe(false);
  });

  it('says in words what is still missing', () => {
    expect(writeBlockers({ ...ready, hasProducer: false })).toEqual(['Fill in and save who is handing over the footage.']);
    expect(writeBlockers({ ...ready, editingProducer: true })).toHaveLength(1);
    expect(writeBlockers({ ...ready, hasExport: false })).toEqual(['Export the footage first (step 2).']);
    expect(writeBlockers({ ...ready, destination: null })).toEqual(['Choose the USB stick.']);
    expect(writeBlockers({ ...ready, destination: { ok: false, checks: [{ id: 'exists', ok: false, message: 'x' }] } })[0]).toContain('marked ✗');
    expect(writeBlockers({ ...ready, password: 'weak' })[0]).toContain('stronger');
    expect(writeBlockers({ ...ready, password: 'checking' })[0]).toContain('checked');
    expect(writeBlockers({ ...ready, password: 'loading' })[0]).toContain('password is made');
    expect(writeBlockers({ ...ready, password: 'empty' })[0]).toContain('Type your own password');
    expect(writeBlockers({ ...ready, confirmed: false })).toEqual(['Tick the box to say you have written down or printed the password.']);
    expect(writeBlockers({ ...ready, hasProducer: false, destination: null, confirmed: false })).toHaveLength(3);
  });
});

describe('how a write ended', () => {
  it('uses the job\u2019s own plain words, else the stored error, else a general sentence', () => {
    const removed = 'The USB stick was removed while writing. Nothing on it is usable. Plug it back in and press Try again.';
    expect(failureMessage({ state: 'failed', jobError: removed, bundleError: 'other' })).toBe(removed);
    expect(failureMessage({ state: 'failed', jobError: null, bundleError: 'stored' })).toBe('stored');
    expect(failureMessage({ state: 'failed', jobError: null, bundleError: null })).toContain('Nothing on the USB stick is usable');
    expect(failureMessage({ state: 'cancelled', jobError: null, bundleError: null })).toContain('stopped');
  });

  it('lists bundles newest first', () => {
    expect(bundlesNewestFirst([{ createdAt: '2026-03-14T10:00:00Z', id: 'a' }, { createdAt: '2026-03-14T12:00:00Z', id: 'b' }]).map((item) => item.id)).toEqual(['b', 'a']);
  });
});
