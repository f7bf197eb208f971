import os from 'node:os';
import path from 'node:path';

export const APP_DIR_NAME = 'Handover';

/**
 * The same folder Electron's `app.getPath('userData')` gives for productName "Handover", so the CLI and the app
 * share one database unless told otherwise.
 */
export function platformDataDir(options: { platform: NodeJS.Platform; env: NodeJS.ProcessEnv; homeDir: string }): string {
  const { platform, env, homeDir } = options;
  if (platform === 'win32') return path.win32.join(env.APPDATA ?? path.win32.join(homeDir, 'AppData', 'Roaming'), APP_DIR_NAME);
  if (platform === 'darwin') return path.posix.join(homeDir, 'Library', 'Application Support', APP_DIR_NAME);
  const configHome = env.XDG_CONFIG_HOME && path.isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : path.join(homeDir, '.config');
  return path.join(configHome, APP_DIR_NAME);
}

/** CLI order: `--data-dir`, then HANDOVER_DATA_DIR, then the platform's app-data folder. */
export function resolveCliDataDir(options: { flag?: string; env: NodeJS.ProcessEnv }): string {
  if (options.flag) return path.resolve(options.flag);
  if (options.env.HANDOVER_DATA_DIR) return path.resolve(options.env.HANDOVER_DATA_DIR);
  return platformDataDir({ platform: process.platform, env: options.env, homeDir: os.homedir() });
}
