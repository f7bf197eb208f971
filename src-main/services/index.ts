import type Database from 'better-sqlite3';
import { createCasesService, type CasesService } from './cases/cases-service';
import { createCustodyLog, type CustodyLog } from './custody/custody-log';
import { openDatabase } from './db/connection';
import { createJobManager, type JobManager } from './jobs/job-manager';
import { createFileLogger, type Logger } from './logger';
import { resolveMediaTools, type MediaTools } from './media/binaries';

export interface Services {
  dataDir: string;
  appVersion: string;
  env: NodeJS.ProcessEnv;
  db: Database.Database;
  logger: Logger;
  custody: CustodyLog;
  cases: CasesService;
  jobs: JobManager;
  /** Resolved on first use, so a missing ffmpeg only fails the actions that need it, with a message that says why. */
  mediaTools(): MediaTools;
  close(): Promise<void>;
}

/** Everything behind the router; the Electron main process, the bridge and the CLI each build one of these. */
export function createServices(options: { dataDir: string; appVersion: string; env?: NodeJS.ProcessEnv; logger?: Logger }): Services {
  const env = options.env ?? process.env;
  const logger = options.logger ?? createFileLogger({ dataDir: options.dataDir });
  const db = openDatabase({ dataDir: options.dataDir });
  const custody = createCustodyLog({ db });
  const cases = createCasesService({ db, custody });
  const jobs = createJobManager({ db, dataDir: options.dataDir, logger });
  let tools: MediaTools | null = null;
  let closed = false;
  logger.info('services started', { dataDir: options.dataDir, appVersion: options.appVersion });
  return {
    dataDir: options.dataDir,
    appVersion: options.appVersion,
    env,
    db,
    logger,
    custody,
    cases,
    jobs,
    mediaTools: () => (tools ??= resolveMediaTools({ env })),
    close: async () => {
      if (closed) return;
      closed = true;
      await jobs.shutdown();
      db.close();
    },
  };
}
