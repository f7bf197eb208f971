import path from 'node:path';
import { createAppCore, type AppCore } from '../app-core';
import { readAppVersion } from '../services/app-version';
import { resolveCliDataDir } from '../services/data-dir';
import { createFileLogger } from '../services/logger';

export const APP_ROOT = path.resolve(__dirname, '..', '..');

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

export const processIo: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

/** The CLI calls the same services as the app, through the same router, with a sender that says "cli". */
export function openCliCore(options: { dataDirFlag?: string; env: NodeJS.ProcessEnv }): AppCore {
  const dataDir = resolveCliDataDir({ flag: options.dataDirFlag, env: options.env });
  return createAppCore({ dataDir, appVersion: readAppVersion({ appRoot: APP_ROOT }), env: options.env, logger: createFileLogger({ dataDir }) });
}

export const CLI_SENDER = { transport: 'cli', trusted: true, description: 'cli' } as const;
