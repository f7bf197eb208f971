import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { canonicalJson } from '../../../src-shared/domain/canonical-json';
import type { CustodyEntry, CustodyVerification } from '../../../src-shared/domain/custody';

export const GENESIS_HASH = '0'.repeat(64);

interface CustodyRow {
  seq: number;
  case_id: string | null;
  at: string;
  actor: string;
  action: string;
  details_json: string;
  prev_hash: string;
  hash: string;
}

/** The hash covers every field of the entry and the previous entry's hash, so any edit or removal breaks the chain. */
export function hashCustodyEntry(entry: Omit<CustodyEntry, 'hash'>): string {
  return createHash('sha256').update(canonicalJson(entry)).digest('hex');
}

function rowToEntry(row: CustodyRow): CustodyEntry {
  return {
    seq: row.seq,
    caseId: row.case_id,
    at: row.at,
    actor: row.actor,
    action: row.action,
    details: JSON.parse(row.details_json) as Record<string, unknown>,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

export interface CustodyLog {
  append(options: { caseId: string | null; actor: string; action: string; details?: Record<string, unknown> }): CustodyEntry;
  list(options: { caseId?: string }): CustodyEntry[];
  verify(): CustodyVerification;
}

export function createCustodyLog(options: { db: Database.Database; now?: () => Date }): CustodyLog {
  const { db } = options;
  const now = options.now ?? (() => new Date());
  const lastStmt = db.prepare<[], Pick<CustodyRow, 'seq' | 'hash'>>('SELECT seq, hash FROM custody_log ORDER BY seq DESC LIMIT 1');
  const insertStmt = db.prepare(
    'INSERT INTO custody_log (seq, case_id, at, actor, action, details_json, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const byCaseStmt = db.prepare<[string], CustodyRow>('SELECT * FROM custody_log WHERE case_id = ? ORDER BY seq');
  const allStmt = db.prepare<[], CustodyRow>('SELECT * FROM custody_log ORDER BY seq');

  // IMMEDIATE takes the write lock before reading the chain's tail, so the CLI and the app cannot fork the chain.
  const appendTx = db.transaction((input: { caseId: string | null; actor: string; action: string; details: Record<string, unknown> }) => {
    const last = lastStmt.get();
    const unsigned: Omit<CustodyEntry, 'hash'> = {
      seq: (last?.seq ?? 0) + 1,
      caseId: input.caseId,
      at: now().toISOString(),
      actor: input.actor,
      action: input.action,
      details: JSON.parse(canonicalJson(input.details)) as Record<string, unknown>,
      prevHash: last?.hash ?? GENESIS_HASH,
    };
    const entry: CustodyEntry = { ...unsigned, hash: hashCustodyEntry(unsigned) };
    insertStmt.run(entry.seq, entry.caseId, entry.at, entry.actor, entry.action, canonicalJson(entry.details), entry.prevHash, entry.hash);
    return entry;
  });

  return {
    append: ({ caseId, actor, action, details }) => appendTx.immediate({ caseId, actor, action, details: details ?? {} }),
    list: ({ caseId }) => (caseId ? byCaseStmt.all(caseId) : allStmt.all()).map(rowToEntry),
    verify: () => verifyCustodyChain(allStmt.all().map(rowToEntry)),
  };
}

/** Walks the whole chain from the start; the first broken link is reported. */
export function verifyCustodyChain(entries: readonly CustodyEntry[]): CustodyVerification {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  for (const entry of entries) {
    const fail = (reason: string): CustodyVerification => ({ ok: false, entries: entries.length, firstBadSeq: entry.seq, reason });
    if (entry.seq !== expectedSeq) return fail(`Entry ${expectedSeq} is missing: the log jumps to ${entry.seq}.`);
    if (entry.prevHash !== prevHash) return fail(`Entry ${entry.seq} does not follow on from the entry before it.`);
    const { hash, ...unsigned } = entry;
    if (hashCustodyEntry(unsigned) !== hash) return fail(`Entry ${entry.seq} was changed after it was written.`);
    prevHash = hash;
    expectedSeq += 1;
  }
  return { ok: true, entries: entries.length, firstBadSeq: null, reason: null };
}
