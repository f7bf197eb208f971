import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../test/helpers/temp-dir';
import { openDatabase } from '../db/connection';
import { GENESIS_HASH, createCustodyLog, verifyCustodyChain } from './custody-log';

const tempDir = useTempDirs();

function setup() {
  const db = openDatabase({ dataDir: tempDir() });
  let tick = Date.UTC(2026, 2, 14, 14, 0, 0);
  const custody = createCustodyLog({ db, now: () => new Date((tick += 1000)) });
  return { db, custody };
}

describe('custody log', () => {
  it('chains each entry to the one before it', () => {
    const { db, custody } = setup();
    const first = custody.append({ caseId: null, actor: 'user', action: 'folder.added', details: { folder: 'DVR' } });
    const second = custody.append({ caseId: null, actor: 'user', action: 'clip.marked', details: { b: 2, a: 1 } });
    expect(first.seq).toBe(1);
    expect(first.prevHash).toBe(GENESIS_HASH);
    expect(second.prevHash).toBe(first.hash);
    expect(second.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(custody.verify()).toEqual({ ok: true, entries: 2, firstBadSeq: null, reason: null });
    db.close();
  });

  it('refuses UPDATE and DELETE at the database level', () => {
    const { db, custody } = setup();
    custody.append({ caseId: null, actor: 'user', action: 'case.created' });
    expect(() => db.prepare("UPDATE custody_log SET actor = 'someone else'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM custody_log').run()).toThrow(/append-only/);
    db.close();
  });

  it('detects an edited, removed or reordered entry and names it', () => {
    const { db, custody } = setup();
    for (const action of ['a', 'b', 'c']) custody.append({ caseId: null, actor: 'user', action });
    const entries = custody.list({});
    const edited = entries.map((entry) => (entry.seq === 2 ? { ...entry, details: { sneaky: true } } : entry));
    expect(verifyCustodyChain(edited)).toMatchObject({ ok: false, firstBadSeq: 2, reason: 'Entry 2 was changed after it was written.' });
    expect(verifyCustodyChain([entries[0]!, entries[2]!])).toMatchObject({ ok: false, firstBadSeq: 3 });
    const relinked = entries.map((entry) => (entry.seq === 3 ? { ...entry, prevHash: entries[0]!.hash } : entry));
    expect(verifyCustodyChain(relinked)).toMatchObject({ ok: false, firstBadSeq: 3, reason: 'Entry 3 does not follow on from the entry before it.' });
    db.close();
  });

  it('lists entries for one case only', () => {
    const { db, custody } = setup();
    db.prepare("INSERT INTO cases (id, title, incident_type, created_at, updated_at) VALUES ('c1', 't', 'theft', 'x', 'x')").run();
    custody.append({ caseId: 'c1', actor: 'user', action: 'case.created' });
    custody.append({ caseId: null, actor: 'user', action: 'app.started' });
    expect(custody.list({ caseId: 'c1' }).map((entry) => entry.action)).toEqual(['case.created']);
    db.close();
  });
});
