/**
 * The papers for a written bundle: the handover receipt (two copies, one for each side) and the producer's witness
 * statement, as PDFs kept in the data folder by their SHA-256 and shown for printing. A receipt printed after step 6
 * is filled in from what was recorded there; before, it has blank lines for pen.
 */
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import type { PaperKind, PaperSummary, StatementDetails } from '../../../src-shared/domain/receipt';
import type { BundleService } from '../bundle/bundle-service';
import { systemTimeZone } from '../catalogue/catalogue-service';
import type { CustodyLog } from '../custody/custody-log';
import { AppError } from '../errors';
import type { Dialogs } from '../index';
import type { Logger } from '../logger';
import { renderReceiptPdf } from '../paperwork/receipt-pdf';
import { renderStatementPdf } from '../paperwork/statement-pdf';
import type { MediaServer } from '../playback/media-server';
import type { ReceiptService } from './receipt-service';
import { createReceiptStore, type PaperRow } from './receipt-store';

export interface PaperServiceOptions {
  db: Database.Database;
  custody: CustodyLog;
  bundles: Pick<BundleService, 'get' | 'manifestOf'>;
  receipts: Pick<ReceiptService, 'latestForBundle'>;
  media: MediaServer;
  dialogs: Dialogs | null;
  dataDir: string;
  appVersion: string;
  logger: Logger;
  now?: () => Date;
}

const FILE_LABEL: Record<PaperKind, string> = { receipt: 'handover-receipt', statement: 'producer-statement' };

export function createPaperService(options: PaperServiceOptions) {
  const { db, custody, dataDir } = options;
  const now = options.now ?? (() => new Date());
  const store = createReceiptStore(db);

  const absolute = (row: PaperRow) => path.join(dataDir, ...row.file.split('/'));
  const summaryOf = (row: PaperRow): PaperSummary => ({
    id: row.id,
    bundleId: row.bundle_id,
    kind: row.kind,
    fileName: path.basename(row.file),
    bytes: row.bytes,
    sha256: row.sha256,
    createdAt: row.created_at,
    url: options.media.urlForFile({ absPath: absolute(row), contentType: 'application/pdf' }),
  });

  async function render(input: { bundleId: string; kind: PaperKind; details: StatementDetails | null }): Promise<Uint8Array> {
    const bundle = options.bundles.get({ bundleId: input.bundleId });
    const manifest = options.bundles.manifestOf({ bundleId: input.bundleId });
    if (bundle.state !== 'succeeded' || !manifest || bundle.zipSha256 === null || bundle.zipBytes === null) {
      throw new AppError('conflict', 'Papers can only be printed for evidence that was written and checked. Write the USB stick first.');
    }
    const common = {
      manifest,
      bundleName: bundle.bundleName,
      zip: { name: 'evidence.zip', bytes: bundle.zipBytes, sha256: bundle.zipSha256 },
      generatedAt: now(),
      timeZone: systemTimeZone(),
      appVersion: options.appVersion,
    };
    if (input.kind === 'statement') {
      if (!input.details) throw new AppError('invalid_input', 'Please fill in your role and the recorder details for the statement.');
      return renderStatementPdf({ ...common, details: input.details });
    }
    const receipt = options.receipts.latestForBundle({ bundleId: input.bundleId });
    return renderReceiptPdf({
      ...common,
      stick: bundle.drive,
      handedOverAt: receipt ? new Date(receipt.receivedAt) : null,
      copyKept: receipt ? receipt.copyKept : null,
      officer: receipt ? receipt.officer : null,
    });
  }

  async function make(input: { bundleId: string; kind: PaperKind; details: StatementDetails | null; actor: string }): Promise<PaperSummary> {
    const bundle = options.bundles.get({ bundleId: input.bundleId });
    const pdf = await render(input);
    const folder = `cases/${bundle.caseId}/papers`;
    const number = store.paperCount({ bundleId: input.bundleId, kind: input.kind }) + 1;
    const fileName = `${bundle.bundleName}_${FILE_LABEL[input.kind]}${number > 1 ? `_${number}` : ''}.pdf`;
    const target = path.join(dataDir, ...folder.split('/'), fileName);
    await fs.promises.mkdir(path.dirname(target), { recursive: true });
    // 'wx': a printed paper is a record, never replaced; each reprint is a new file.
    await fs.promises.writeFile(target, pdf, { flag: 'wx' });
    const row: PaperRow = {
      id: randomUUID(),
      case_id: bundle.caseId,
      bundle_id: input.bundleId,
      kind: input.kind,
      file: `${folder}/${fileName}`,
      bytes: pdf.byteLength,
      sha256: createHash('sha256').update(pdf).digest('hex'),
      details_json: JSON.stringify(input.details ?? {}),
      actor: input.actor,
      created_at: now().toISOString(),
    };
    db.transaction(() => {
      store.insertPaper(row);
      custody.append({
        caseId: bundle.caseId,
        actor: input.actor,
        action: 'paper.made',
        details: { paperId: row.id, bundleId: input.bundleId, kind: input.kind, fileName, bytes: row.bytes, sha256: row.sha256 },
      });
    }).immediate();
    return summaryOf(row);
  }

  return {
    make,
    list: (input: { bundleId: string }): PaperSummary[] => {
      options.bundles.get({ bundleId: input.bundleId });
      return store.papersOf(input.bundleId).map(summaryOf);
    },
    /** In the app: opens the PDF in the computer's PDF reader, to print. Elsewhere the page follows the link itself. */
    open: async (input: { paperId: string }): Promise<{ opened: boolean; url: string }> => {
      const row = store.paper(input.paperId);
      if (!row) throw new AppError('not_found', 'That paper could not be found.');
      if (!options.dialogs) return { opened: false, url: summaryOf(row).url };
      try {
        await options.dialogs.openFile({ file: absolute(row) });
      } catch (error) {
        options.logger.warn('papers: could not open a PDF', { paperId: row.id, error: String(error) });
        throw new AppError('io_failed', 'The computer has no program to show PDF files. Install a PDF reader, such as the free Adobe Acrobat Reader, then try again.');
      }
      return { opened: true, url: summaryOf(row).url };
    },
  };
}

export type PaperService = ReturnType<typeof createPaperService>;
