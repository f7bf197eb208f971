/**
 * Step 6: the police received the evidence. Who took it, when and how is recorded, with photos or scans of the signed
 * receipt kept beside it by their SHA-256; each of these adds a custody entry. The first record finishes step 6.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import type { ReceiptInput, ReceiptSummary, ScanChoice } from '../../../src-shared/domain/receipt';
import type { BundleService } from '../bundle/bundle-service';
import type { CasesService } from '../cases/cases-service';
import type { CustodyLog } from '../custody/custody-log';
import { AppError } from '../errors';
import { copyWithHash } from '../export/hashed-copy';
import type { Dialogs } from '../index';
import type { MediaServer } from '../playback/media-server';
import { createReceiptStore, officerOf, type ReceiptRow } from './receipt-store';
import { checkScanFile, contentTypeOfExtension } from './scan-file';

export interface ReceiptServiceOptions {
  db: Database.Database;
  custody: CustodyLog;
  cases: CasesService;
  bundles: Pick<BundleService, 'get'>;
  media: MediaServer;
  dialogs: Dialogs | null;
  dataDir: string;
  now?: () => Date;
}

// Never split: a scan is at most 50 MB.
const NO_SPLIT = Number.MAX_SAFE_INTEGER;

export function createReceiptService(options: ReceiptServiceOptions) {
  const { db, custody, cases, dataDir } = options;
  const now = options.now ?? (() => new Date());
  const store = createReceiptStore(db);

  function summaryOf(row: ReceiptRow): ReceiptSummary {
    return {
      id: row.id,
      caseId: row.case_id,
      bundleId: row.bundle_id,
      officer: officerOf(row),
      receivedAt: row.received_at,
      method: row.method,
      reference: row.reference,
      confirmation: row.confirmation,
      copyKept: row.copy_kept === 1,
      recordedAt: row.recorded_at,
      scans: store.scansOf(row.id).map((scan) => {
        const absPath = path.join(dataDir, ...scan.file.split('/'));
        return {
          fileName: scan.file_name,
          bytes: scan.bytes,
          sha256: scan.sha256,
          addedAt: scan.added_at,
          url: options.media.urlForFile({ absPath, contentType: contentTypeOfExtension(path.extname(absPath).slice(1)) }),
        };
      }),
    };
  }

  function requireReceipt(receiptId: string): ReceiptRow {
    const row = store.receipt(receiptId);
    if (!row) throw new AppError('not_found', 'That receipt record could not be found.');
    return row;
  }

  function record(input: { caseId: string; bundleId: string; receipt: ReceiptInput; actor: string }): ReceiptSummary {
    cases.get({ caseId: input.caseId });
    const bundle = options.bundles.get({ bundleId: input.bundleId });
    if (bundle.caseId !== input.caseId) throw new AppError('invalid_input', 'That evidence bundle belongs to another case.');
    if (bundle.state !== 'succeeded') throw new AppError('conflict', 'That evidence bundle was not written and checked, so it cannot have been handed over. Choose the one that was.');
    const receivedAt = new Date(input.receipt.receivedAt);
    if (receivedAt.getTime() < Date.parse(bundle.finishedAt ?? bundle.createdAt) - 60_000) {
      throw new AppError('invalid_input', 'The time it was received is before the USB stick was written. Check the date and time.');
    }
    if (receivedAt.getTime() > now().getTime() + 5 * 60_000) throw new AppError('invalid_input', 'The time it was received is in the future. Check the date and time.');
    const { receipt } = input;
    const row: ReceiptRow = {
      id: randomUUID(),
      case_id: input.caseId,
      bundle_id: input.bundleId,
      officer_json: JSON.stringify(receipt.officer),
      received_at: receivedAt.toISOString(),
      method: receipt.method,
      reference: receipt.reference,
      confirmation: receipt.confirmation,
      copy_kept: receipt.copyKept ? 1 : 0,
      actor: input.actor,
      recorded_at: now().toISOString(),
    };
    db.transaction(() => {
      store.insertReceipt(row);
      custody.append({
        caseId: input.caseId,
        actor: input.actor,
        action: 'receipt.recorded',
        details: {
          receiptId: row.id,
          bundleId: input.bundleId,
          bundleName: bundle.bundleName,
          zipSha256: bundle.zipSha256,
          officer: receipt.officer,
          receivedAt: row.received_at,
          method: receipt.method,
          reference: receipt.reference,
          confirmation: receipt.confirmation,
          copyKept: receipt.copyKept,
        },
      });
    }).immediate();
    cases.setStepState({ caseId: input.caseId, step: 'receipt', state: 'done', actor: input.actor });
    return summaryOf(row);
  }

  async function addScan(input: { receiptId: string; source: ScanChoice; actor: string }): Promise<ReceiptSummary | null> {
    const receipt = requireReceipt(input.receiptId);
    let chosen: string | null;
    if (input.source.kind === 'dialog') {
      if (!options.dialogs) throw new AppError('invalid_input', 'Choosing a file needs the desktop app. Type where the file is instead.');
      chosen = await options.dialogs.pickFile({
        title: 'Choose the photo or scan of the signed receipt',
        filters: [{ name: 'Photos and scans', extensions: ['jpg', 'jpeg', 'png', 'heic', 'webp', 'tif', 'tiff', 'pdf'] }],
      });
      if (chosen === null) return null;
    } else {
      chosen = path.resolve(input.source.path);
    }
    const { kind } = await checkScanFile({ file: chosen });
    const scanId = randomUUID();
    const folder = `cases/${receipt.case_id}/receipts/${receipt.id}`;
    const storedName = `${scanId}.${kind.extension}`;
    const target = path.join(dataDir, ...folder.split('/'), storedName);
    await fs.promises.mkdir(path.dirname(target), { recursive: true });
    const copied = await copyWithHash({ from: chosen, to: target, splitBytes: NO_SPLIT, signal: new AbortController().signal });
    const whole = { size: copied.size, sha256: copied.sha256 };
    const fileName = path.basename(chosen);
    db.transaction(() => {
      store.insertScan({
        id: scanId,
        receipt_id: receipt.id,
        file_name: fileName,
        file: `${folder}/${storedName}`,
        bytes: whole.size,
        sha256: whole.sha256,
        actor: input.actor,
        added_at: now().toISOString(),
      });
      custody.append({
        caseId: receipt.case_id,
        actor: input.actor,
        action: 'receipt.scanAdded',
        details: { receiptId: receipt.id, fileName, bytes: whole.size, sha256: whole.sha256 },
      });
    }).immediate();
    return summaryOf(receipt);
  }

  return {
    record,
    addScan,
    list: (input: { caseId: string }): ReceiptSummary[] => {
      cases.get({ caseId: input.caseId });
      return store.receiptsByCase(input.caseId).map(summaryOf);
    },
    /** The latest record for a bundle, which a reprinted receipt is filled in from. */
    latestForBundle: (input: { bundleId: string }): ReceiptSummary | null => {
      const row = store.latestReceiptForBundle(input.bundleId);
      return row ? summaryOf(row) : null;
    },
  };
}

export type ReceiptService = ReturnType<typeof createReceiptService>;
