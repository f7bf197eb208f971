import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { AppError } from '../errors';

export type ToolName = 'ffmpeg' | 'ffprobe';
export type ToolSource = 'env' | 'bundled' | 'path';

export interface ResolvedTool {
  tool: ToolName;
  path: string;
  source: ToolSource;
  /**
   * Another copy of the same tool (found on the PATH) to run when this one crashes: the bundled ffprobe, a 2023 static
   * build, segfaults on every MPEG-TS file on some Linux machines, while the system's ffprobe reads them.
   */
  crashFallback?: ResolvedTool;
}

export interface ResolveToolOptions {
  tool: ToolName;
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  /** The bundled npm package's idea of the binary's path, or null when the package is missing. */
  bundledPath: () => string | null;
  isExecutableFile?: (candidate: string) => boolean;
}

const ENV_VARS: Record<ToolName, string> = { ffmpeg: 'FFMPEG_BIN', ffprobe: 'FFPROBE_PATH' };
const PACKAGES: Record<ToolName, string> = { ffmpeg: 'ffmpeg-static', ffprobe: '@ffprobe-installer/ffprobe' };

export function defaultIsExecutableFile(candidate: string): boolean {
  try {
    const stat = fs.statSync(candidate);
    if (!stat.isFile()) return false;
    if (process.platform === 'win32') return true;
    fs.accessSync(candidate, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Inside a packaged app the npm packages report paths inside `app.asar`, which the OS cannot execute; electron-builder
 * unpacks the binaries to `app.asar.unpacked` beside it.
 */
export function toUnpackedAsarPath(candidate: string): string {
  return candidate.replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2');
}

function searchPath(options: { name: string; env: NodeJS.ProcessEnv; platform: NodeJS.Platform; isExecutableFile: (p: string) => boolean }): string | null {
  const { env, platform } = options;
  const pathVar = env.PATH ?? env.Path ?? '';
  const delimiter = platform === 'win32' ? ';' : ':';
  const extensions = platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';').filter(Boolean) : [''];
  const pathApi = platform === 'win32' ? path.win32 : path.posix;
  for (const dir of pathVar.split(delimiter)) {
    if (!dir) continue;
    for (const ext of extensions) {
      const candidate = pathApi.join(dir, options.name + ext.toLowerCase());
      if (options.isExecutableFile(candidate)) return candidate;
    }
  }
  return null;
}

function missingToolMessage(tool: ToolName, envVar: string, tried: string[]): string {
  const install = tool === 'ffmpeg' ? 'ffmpeg' : 'ffmpeg (which includes ffprobe)';
  return (
    `Handover needs ${tool} to read and copy video, but it could not be found (looked at: ${tried.join('; ')}). ` +
    `Reinstall Handover, or install ${install} and either put it on the PATH or set ${envVar} to its full path.`
  );
}

/** Order: the environment variable, then the bundled npm package, then PATH. Each candidate must exist on disk. */
export function resolveTool(options: ResolveToolOptions): ResolvedTool {
  const { tool, env, platform } = options;
  const isExecutableFile = options.isExecutableFile ?? defaultIsExecutableFile;
  const envVar = ENV_VARS[tool];
  const tried: string[] = [];

  const fromEnv = env[envVar];
  if (fromEnv) {
    if (isExecutableFile(fromEnv)) return { tool, path: fromEnv, source: 'env' };
    // A wrong explicit setting is a mistake to report, not something to silently work around.
    throw new AppError('missing_tool', `${envVar} is set to "${fromEnv}", but no ${tool} program is there. Fix or unset ${envVar}.`);
  }
  tried.push(`${envVar} (not set)`);

  let bundled: string | null;
  try {
    bundled = options.bundledPath();
  } catch {
    bundled = null;
  }
  if (bundled) {
    const unpacked = toUnpackedAsarPath(bundled);
    if (isExecutableFile(unpacked)) {
      const onPath = searchPath({ name: tool, env, platform, isExecutableFile });
      const crashFallback: ResolvedTool | undefined = onPath && onPath !== unpacked ? { tool, path: onPath, source: 'path' } : undefined;
      return crashFallback ? { tool, path: unpacked, source: 'bundled', crashFallback } : { tool, path: unpacked, source: 'bundled' };
    }
    tried.push(`${PACKAGES[tool]} (${unpacked} does not exist)`);
  } else {
    tried.push(`${PACKAGES[tool]} (not installed)`);
  }

  const onPath = searchPath({ name: tool, env, platform, isExecutableFile });
  if (onPath) return { tool, path: onPath, source: 'path' };
  tried.push('PATH');
  throw new AppError('missing_tool', missingToolMessage(tool, envVar, tried));
}

const requireFromHere = createRequire(__filename);

/** What the npm packages say; they do not check that the file exists, which is why resolveTool does. */
export const bundledToolPaths: Record<ToolName, () => string | null> = {
  ffmpeg: () => {
    const value = requireFromHere('ffmpeg-static') as unknown;
    return typeof value === 'string' ? value : null;
  },
  ffprobe: () => {
    const value = requireFromHere('@ffprobe-installer/ffprobe') as { path?: unknown };
    return typeof value.path === 'string' ? value.path : null;
  },
};

export interface MediaTools {
  ffmpeg: ResolvedTool;
  ffprobe: ResolvedTool;
}

export function resolveMediaTools(options: { env?: NodeJS.ProcessEnv } = {}): MediaTools {
  const env = options.env ?? process.env;
  return {
    ffmpeg: resolveTool({ tool: 'ffmpeg', env, platform: process.platform, bundledPath: bundledToolPaths.ffmpeg }),
    ffprobe: resolveTool({ tool: 'ffprobe', env, platform: process.platform, bundledPath: bundledToolPaths.ffprobe }),
  };
}
