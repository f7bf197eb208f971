import type Database from 'better-sqlite3';
import type { DoctorReport, ToolStatus } from '../../../src-shared/domain/system';
import { isAppError } from '../errors';
import type { Logger } from '../logger';
import { resolveTool, bundledToolPaths, type ToolName } from '../media/binaries';
import { readToolVersion } from '../media/runner';

async function checkTool(options: { tool: ToolName; env: NodeJS.ProcessEnv; logger: Logger }): Promise<ToolStatus> {
  try {
    const resolved = resolveTool({ tool: options.tool, env: options.env, platform: process.platform, bundledPath: bundledToolPaths[options.tool] });
    const version = await readToolVersion({ tool: resolved, logger: options.logger });
    return { found: true, path: resolved.path, source: resolved.source, version };
  } catch (error) {
    return { found: false, message: isAppError(error) ? error.message : `Could not run ${options.tool}: ${String(error)}` };
  }
}

/** What `handover doctor` and the "Check this computer" panel show. */
export async function runDoctor(options: {
  db: Database.Database;
  dataDir: string;
  appVersion: string;
  env: NodeJS.ProcessEnv;
  logger: Logger;
}): Promise<DoctorReport> {
  const [ffmpeg, ffprobe] = await Promise.all([
    checkTool({ tool: 'ffmpeg', env: options.env, logger: options.logger }),
    checkTool({ tool: 'ffprobe', env: options.env, logger: options.logger }),
  ]);
  const sqliteVersion = options.db.prepare('SELECT sqlite_version()').pluck().get() as string;
  const problems: string[] = [];
  if (!ffmpeg.found) problems.push(ffmpeg.message);
  if (!ffprobe.found) problems.push(ffprobe.message);
  return {
    ok: problems.length === 0,
    appVersion: options.appVersion,
    nodeVersion: process.versions.node,
    sqliteVersion,
    dataDir: options.dataDir,
    ffmpeg,
    ffprobe,
    problems,
  };
}
