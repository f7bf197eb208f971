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

/** What only the Electron shell can do; absent behind the bridge and in the CLI. */
export interface Dialogs {
  /** A main-process folder picker; null when the person cancels. */
  pickFolder(options: { title: string }): Promise<string | null>;
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
  const bundles = createBundleService({
    db,
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
