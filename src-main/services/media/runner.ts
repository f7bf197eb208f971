import { spawn } from 'node:child_process';
import { AppError } from '../errors';
import type { Logger } from '../logger';
import type { ResolvedTool } from './binaries';
import { formatCommandLine } from './command-line';
import { createProgressReader, type FfmpegProgress } from './progress';

export interface RunToolOptions {
  tool: ResolvedTool;
  args: readonly string[];
  logger: Logger;
  signal?: AbortSignal;
  /** When set, stdout is read as `-progress pipe:1` output; the args must ask ffmpeg for it. */
  onProgress?: (progress: FfmpegProgress) => void;
  /** Collect stdout (e.g. ffprobe's JSON); ignored when onProgress is set. */
  captureStdout?: boolean;
  maxStdoutBytes?: number;
  /** How long to wait after SIGTERM before SIGKILL. */
  killGraceMs?: number;
  cwd?: string;
}

export interface RunToolResult {
  commandLine: string;
  stdout: string;
  stderrTail: string;
  durationMs: number;
}

export class ToolFailedError extends AppError {
  readonly exitCode: number | null;
  readonly stderrTail: string;
  readonly commandLine: string;
  constructor(options: { tool: string; exitCode: number | null; signal: string | null; stderrTail: string; commandLine: string }) {
    const lastLine = options.stderrTail.trim().split('\n').at(-1) ?? '';
    const how = options.signal ? `was stopped by ${options.signal}` : `stopped with error code ${options.exitCode}`;
    super('media_failed', `${options.tool} ${how}${lastLine ? `: ${lastLine}` : '.'}`);
    this.exitCode = options.exitCode;
    this.stderrTail = options.stderrTail;
    this.commandLine = options.commandLine;
  }
}

const STDERR_TAIL_BYTES = 8192;
/** Signals that mean the program itself broke (not that it was stopped). */
const CRASH_SIGNALS = new Set(['SIGSEGV', 'SIGBUS', 'SIGILL', 'SIGFPE', 'SIGABRT']);

/** Keeps only the last `limit` characters, so a chatty ffmpeg cannot fill memory. */
function appendTail(tail: string, chunk: string, limit: number): string {
  const joined = tail + chunk;
  return joined.length > limit ? joined.slice(joined.length - limit) : joined;
}

/**
 * Runs ffmpeg or ffprobe with an argument array (never a shell), logs the exact command line, and cancels on abort:
 * SIGTERM first, SIGKILL if it has not exited after the grace period.
 */
export function runTool(options: RunToolOptions): Promise<RunToolResult> {
  const { tool, args, logger, signal } = options;
  const commandLine = formatCommandLine(tool.path, args);
  const killGraceMs = options.killGraceMs ?? 3000;
  const maxStdoutBytes = options.maxStdoutBytes ?? 64 * 1024 * 1024;
  const started = Date.now();

  if (signal?.aborted) return Promise.reject(new AppError('cancelled', 'Cancelled.'));
  logger.info('running media tool', { tool: tool.tool, commandLine });

  return new Promise<RunToolResult>((resolve, reject) => {
    const child = spawn(tool.path, [...args], { cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    let stdout = '';
    let stdoutBytes = 0;
    let stderrTail = '';
    let killTimer: ReturnType<typeof setTimeout> | null = null;
    let settled = false;
    const progressReader = options.onProgress ? createProgressReader(options.onProgress) : null;

    const onAbort = () => {
      child.kill('SIGTERM');
      killTimer = setTimeout(() => child.kill('SIGKILL'), killGraceMs);
    };
    signal?.addEventListener('abort', onAbort, { once: true });

    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      if (progressReader) return progressReader.push(chunk);
      if (!options.captureStdout) return;
      stdoutBytes += Buffer.byteLength(chunk);
      if (stdoutBytes > maxStdoutBytes) {
        child.kill('SIGKILL');
        return;
      }
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderrTail = appendTail(stderrTail, chunk, STDERR_TAIL_BYTES);
    });

    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      if (killTimer) clearTimeout(killTimer);
      signal?.removeEventListener('abort', onAbort);
      outcome();
    };

    child.on('error', (error: NodeJS.ErrnoException) => {
      settle(() =>
        reject(
          new AppError('missing_tool', `Could not start ${tool.tool} at ${tool.path} (${error.code ?? error.message}). Reinstall Handover or check ${tool.tool}.`, {
            cause: error,
          }),
        ),
      );
    });
    child.on('close', (exitCode, exitSignal) => {
      const durationMs = Date.now() - started;
      settle(() => {
        if (signal?.aborted) {
          logger.info('media tool cancelled', { tool: tool.tool, durationMs });
          reject(new AppError('cancelled', 'Cancelled.'));
        } else if (stdoutBytes > maxStdoutBytes) {
          reject(new AppError('media_failed', `${tool.tool} printed more than ${maxStdoutBytes} bytes; stopped it.`));
        } else if (exitCode !== 0 && exitSignal !== null && CRASH_SIGNALS.has(exitSignal) && tool.crashFallback) {
          // A crash is the program's fault, not the file's: the same request goes to the other copy of the tool.
          logger.warn('media tool crashed; trying its other copy', { tool: tool.tool, path: tool.path, exitSignal, fallback: tool.crashFallback.path });
          resolve(runTool({ ...options, tool: tool.crashFallback }));
        } else if (exitCode !== 0) {
          logger.warn('media tool failed', { tool: tool.tool, exitCode, exitSignal, stderrTail });
          reject(new ToolFailedError({ tool: tool.tool, exitCode, signal: exitSignal, stderrTail, commandLine }));
        } else {
          resolve({ commandLine, stdout, stderrTail, durationMs });
        }
      });
    });
  });
}

/** First line of `-version`, e.g. "ffmpeg version 5.1.8-0+deb12u1 Copyright (c) ...". */
export async function readToolVersion(options: { tool: ResolvedTool; logger: Logger }): Promise<string> {
  const { stdout } = await runTool({ tool: options.tool, args: ['-hide_banner', '-version'], logger: options.logger, captureStdout: true });
  const firstLine = stdout.split('\n')[0] ?? '';
  const match = /version\s+(\S+)/.exec(firstLine);
  return match?.[1] ?? firstLine.trim();
}
