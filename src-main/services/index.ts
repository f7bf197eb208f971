import type Database from 'better-sqlite3';
import path from 'node:path';
import { createBundleService, type BundleService } from './bundle/bundle-service';
import { createProducerStore, defaultKeyProtector, type ProducerStore } from './bundle/producer-store';
import type { KeyProtector } from './bundle/signing/producer-key';
import { createCasesService, type CasesService } from './cases/cases-service';
import { createCatalogueService, type CatalogueService } from './catalogue/catalogue-service';
import { createCustodyLog, type CustodyLog } from './custody/custody-log';
import { openDatabase } from './db/connection';
import { createExportService, type ExportService } from './export/export-service';
import { createJobManager, type JobManager } from './jobs/job-manager';
import { createFileLogger, type Logger } from './logger';
import { resolveMediaTools, type MediaTools } from './media/binaries';
import { createMediaServer, type MediaServer } from './playback/media-server';
import { createPlaybackService, type PlaybackService } from './playback/playback-service';
import { createReviewService, type ReviewService } from './review/review-service';
import { createDrivesService, type DrivesService } from './drives/drives-service';
import type { DriveSource } from './drives/drive-source';
import { createPaperService, type PaperService } from './receipt/paper-service';
import { createReceiptService, type ReceiptService } from './receipt/receipt-service';

/** What only the Electron shell can do; absent behind the bridge and in the CLI. */
export interface Dialogs {
  /** A main-process folder picker; null when the person cancels. */
  pickFolder(options: { title: string }): Promise<string | null>;
  /** A main-process file picker; null when the person cancels. */
  pickFile(options: { title: string; filters: { name: string; extensions: string[] }[] }): Promise<string | null>;
  /** Opens a file in the program the computer uses for it (a PDF reader, to print). */
  openFile(options: { file: string }): Promise<void>;
}

export interface Services {
  dialogs: Dialogs | null;
  dataDir: string;
  appVersion: string;
  env: NodeJS.ProcessEnv;
  db: Database.Database;
  logger: Logger;
  custody: CustodyLog;
  cases: CasesService;
  jobs: JobManager;
  catalogue: CatalogueService;
  /** Same-origin /media/... URLs for video and images; the bridge and the app:// protocol both answer through it. */
  media: MediaServer;
  playback: PlaybackService;
  review: ReviewService;
  exports: ExportService;
  producer: ProducerStore;
  bundles: BundleService;
  /** Removable drives as the OS lists them, and ejecting them. */
  drives: DrivesService;
  receipts: ReceiptService;
  papers: PaperService;
  /** Resolved on first use, so a missing ffmpeg only fails the actions that need it, with a message that says why. */
  mediaTools(): MediaTools;
  close(): Promise<void>;
}

/** Everything behind the router; the Electron main process, the bridge and the CLI each build one of these. */
export interface CreateServicesOptions {
  dataDir: string;
  appVersion: string;
  env?: NodeJS.ProcessEnv;
  logger?: Logger;
  dialogs?: Dialogs;
  /** better-sqlite3 built for Electron, when running unpackaged (see scripts/prepare-electron-native.mjs). */
  sqliteNativeBinding?: string;
  /** How the signing key is kept at rest: Electron's safeStorage in the app; a passphrase elsewhere (see producer-store.ts). */
  keyProtector?: () => KeyProtector;
  /** Where the list of USB sticks comes from; the OS's own tools by default (tests pass a stand-in). */
  driveSource?: DriveSource;
}

export function createServices(options: CreateServicesOptions): Services {
  const env = options.env ?? process.env;
  const logger = options.logger ?? createFileLogger({ dataDir: options.dataDir });
  const db = openDatabase({ dataDir: options.dataDir, nativeBinding: options.sqliteNativeBinding });
  const custody = createCustodyLog({ db });
  const cases = createCasesService({ db, custody });
  const jobs = createJobManager({ db, dataDir: options.dataDir, logger });
  let tools: MediaTools | null = null;
  const mediaTools = () => (tools ??= resolveMediaTools({ env }));
  const catalogue = createCatalogueService({ db, dataDir: options.dataDir, jobs, custody, mediaTools, logger });
  catalogue.resumeInterruptedChecks();
  const media = createMediaServer({ logger });
  const playback = createPlaybackService({ catalogue, media, mediaTools, dataDir: options.dataDir, logger });
  const review = createReviewService({ db, custody, cases, catalogue, media, mediaTools, dataDir: options.dataDir, logger });
  const exports = createExportService({ db, custody, cases, catalogue, review, jobs, mediaTools, dataDir: options.dataDir, logger });
  const keysDir = path.join(options.dataDir, 'keys');
  const producer = createProducerStore({ db, custody, keysDir, protector: options.keyProtector ?? (() => defaultKeyProtector({ keysDir, env })) });
  const drives = createDrivesService({ source: options.driveSource, logger });
  const bundles = createBundleService({
    db,
    drives,
    custody,
    cases,
    catalogue,
    review,
    exports,
    jobs,
    producer,
    dialogs: options.dialogs ?? null,
    dataDir: options.dataDir,
    appVersion: options.appVersion,
    logger,
  });
  const dialogs = options.dialogs ?? null;
  const receipts = createReceiptService({ db, custody, cases, bundles, media, dialogs, dataDir: options.dataDir });
  const papers = createPaperService({ db, custody, bundles, receipts, media, dialogs, dataDir: options.dataDir, appVersion: options.appVersion, logger });
  let closed = false;
  logger.info('services started', { dataDir: options.dataDir, appVersion: options.appVersion });
  return {
    dialogs: options.dialogs ?? null,
    dataDir: options.dataDir,
    appVersion: options.appVersion,
    env,
    db,
    logger,
    custody,
    cases,
    jobs,
    catalogue,
    media,
    playback,
    review,
    exports,
    producer,
    bundles,
    drives,
    receipts,
    papers,
    mediaTools,
    close: async () => {
      if (closed) return;
      closed = true;
      media.close();
      await jobs.shutdown();
      db.close();
    },
  };
}
