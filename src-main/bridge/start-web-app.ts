import path from 'node:path';
import { createAppCore, type AppCore } from '../app-core';
import { readAppVersion } from '../services/app-version';
import type { DriveSource } from '../services/drives/drive-source';
import type { Logger } from '../services/logger';
import { startBridge, type BridgeServer } from './server';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const DEFAULT_RENDERER_DIR = path.join(REPO_ROOT, 'dist', 'renderer');

export interface WebApp {
  core: AppCore;
  bridge: BridgeServer;
  close(): Promise<void>;
}

/** The whole app minus Electron: services and router behind the loopback bridge, serving the built renderer. */
export async function startWebApp(options: {
  dataDir: string;
  rendererDir?: string;
  port?: number;
  env?: NodeJS.ProcessEnv;
  logger?: Logger;
  /** Tests: USB sticks that are folders on this machine. */
  driveSource?: DriveSource;
}): Promise<WebApp> {
  const core = createAppCore({
    dataDir: options.dataDir,
    appVersion: readAppVersion({ appRoot: REPO_ROOT }),
    env: options.env,
    logger: options.logger,
    driveSource: options.driveSource,
  });
  try {
    const bridge = await startBridge({ router: core.router, media: core.services.media, logger: core.services.logger, rendererDir: options.rendererDir ?? DEFAULT_RENDERER_DIR, port: options.port });
    const stopEvents = core.onEvent((event) => bridge.broadcast(event));
    return {
      core,
      bridge,
      close: async () => {
        stopEvents();
        await bridge.close();
        await core.close();
      },
    };
  } catch (error) {
    await core.close();
    throw error;
  }
}
