/** All SQL for step 6: receipts, the photos or scans of the signed receipt, and the papers printed for a bundle. */
import type Database from 'better-sqlite3';
import type { Officer, PaperKind, ReceiptMethod } from '../../../src-shared/domain/receipt';

export interface ReceiptRow {
  id: string;
  case_id: string;
  bundle_id: string;
  officer_json: string;
  received_at: string;
  method: ReceiptMethod;
  reference: string | null;
  confirmation: string | null;
  copy_kept: 0 | 1;
  actor: string;
  recorded_at: string;
}

export interface ReceiptScanRow {
  id: string;
  receipt_id: string;
  file_name: string;
  /** Relative to the data folder, '/'-separated. */
  file: string;
  bytes: number;
  sha256: string;
  actor: string;
  added_at: string;
}

export interface PaperRow {
  id: string;
  case_id: string;
  bundle_id: string;
  kind: PaperKind;
  /** Relative to the data folder, '/'-separated. */
  file: string;
  bytes: number;
  sha256: string;
  details_json: string;
  actor: string;
  created_at: string;
}

export function createReceiptStore(db: Database.Database) {
  const insertReceipt = db.prepare<ReceiptRow>(
    `INSERT INTO receipts (id, case_id, bundle_id, officer_json, received_at, method, reference, confirmation, copy_kept, actor, recorded_at)
     VALUES (@id, @case_id, @bundle_id, @officer_json, @received_at, @method, @reference, @confirmation, @copy_kept, @actor, @recorded_at)`,
  );
  const getReceipt = db.prepare<[string], ReceiptRow>('SELECT * FROM receipts WHERE id = ?');
  const receiptsByCase = db.prepare<[string], ReceiptRow>('SELECT * FROM receipts WHERE case_id = ? ORDER BY recorded_at DESC, rowid DESC');
  const latestForBundle = db.prepare<[string], ReceiptRow>('SELECT * FROM receipts WHERE bundle_id = ? ORDER BY recorded_at DESC, rowid DESC LIMIT 1');
  const insertScan = db.prepare<ReceiptScanRow>(
    `INSERT INTO receipt_scans (id, receipt_id, file_name, file, bytes, sha256, actor, added_at)
     VALUES (@id, @receipt_id, @file_name, @file, @bytes, @sha256, @actor, @added_at)`,
  );
  const scansOf = db.prepare<[string], ReceiptScanRow>('SELECT * FROM receipt_scans WHERE receipt_id = ? ORDER BY added_at, rowid');
  const insertPaper = db.prepare<PaperRow>(
    `INSERT INTO papers (id, case_id, bundle_id, kind, file, bytes, sha256, details_json, actor, created_at)
     VALUES (@id, @case_id, @bundle_id, @kind, @file, @bytes, @sha256, @details_json, @actor, @created_at)`,
  );
  const getPaper = db.prepare<[string], PaperRow>('SELECT * FROM papers WHERE id = ?');
  const papersOf = db.prepare<[string], PaperRow>('SELECT * FROM papers WHERE bundle_id = ? ORDER BY created_at DESC, rowid DESC');
  const countPapers = db.prepare<[string, string], { n: number }>('SELECT COUNT(*) AS n FROM papers WHERE bundle_id = ? AND kind = ?');

  return {
    insertReceipt: (row: ReceiptRow) => insertReceipt.run(row),
    receipt: (receiptId: string): ReceiptRow | undefined => getReceipt.get(receiptId),
    receiptsByCase: (caseId: string): ReceiptRow[] => receiptsByCase.all(caseId),
    latestReceiptForBundle: (bundleId: string): ReceiptRow | undefined => latestForBundle.get(bundleId),
    insertScan: (row: ReceiptScanRow) => insertScan.run(row),
    scansOf: (receiptId: string): ReceiptScanRow[] => scansOf.all(receiptId),
    insertPaper: (row: PaperRow) => insertPaper.run(row),
    paper: (paperId: string): PaperRow | undefined => getPaper.get(paperId),
    papersOf: (bundleId: string): PaperRow[] => papersOf.all(bundleId),
    paperCount: (options: { bundleId: string; kind: PaperKind }): number => countPapers.get(options.bundleId, options.kind)?.n ?? 0,
  };
}

export type ReceiptStore = ReturnType<typeof createReceiptStore>;

export function officerOf(row: ReceiptRow): Officer {
  return JSON.parse(row.officer_json) as Officer;
}
