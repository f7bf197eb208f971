import { spawn } from 'node:child_process';
import type { Readable } from 'node:stream';
import { AppError } from '../errors';
import type { Logger } from '../logger';
import type { ResolvedTool } from './binaries';
import { formatCommandLine } from './command-line';

export interface StartToolStreamOptions {
  tool: ResolvedTool;
  args: readonly string[];
  logger: Logger;
  /** Stops the process: SIGTERM, then SIGKILL after the grace period. */
  signal: AbortSignal;
  killGraceMs?: number;
}

export interface ToolStream {
  /** The tool's raw stdout (binary); destroying it also stops the process (it gets EPIPE on its next write). */
  stdout: Readable;
  pid: number;
  commandLine: string;
  /** Settles when the process has exited, however it ended; never rejects. */
  exited: Promise<{ exitCode: number | null; signal: NodeJS.Signals | null }>;
}

const STDERR_TAIL_CHARS = 4096;

/** Processes started here and not yet exited, so tests (and shutdown checks) can see that none are left behind. */
const running = new Set<number>();

export function runningToolStreamPids(): number[] {
  return [...running];
}

/**
 * Like runTool, but for a process whose stdout is the product (a video stream): stdout is handed over as a binary
 * stream instead of being collected. Resolves once the process has started, so a missing binary is an error the caller
 * can answer with, not a broken stream. The exact command line is logged, as for every tool run.
 */
export function startToolStream(options: StartToolStreamOptions): Promise<ToolStream> {
  const { tool, args, logger, signal } = options;
  const commandLine = formatCommandLine(tool.path, args);
  const killGraceMs = options.killGraceMs ?? 3000;
  if (signal.aborted) return Promise.reject(new AppError('cancelled', 'Cancelled.'));
  logger.info('running media tool', { tool: tool.tool, commandLine });

  return new Promise<ToolStream>((resolve, reject) => {
    const started = Date.now();
    const child = spawn(tool.path, [...args], { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    let stderrTail = '';
    let killTimer: ReturnType<typeof setTimeout> | null = null;
    const onAbort = () => {
      child.kill('SIGTERM');
      killTimer = setTimeout(() => child.kill('SIGKILL'), killGraceMs);
    };
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderrTail = (stderrTail + chunk).slice(-STDERR_TAIL_CHARS);
    });
    const exited = new Promise<{ exitCode: number | null; signal: NodeJS.Signals | null }>((settle) => {
      child.once('close', (exitCode, exitSignal) => {
        if (child.pid !== undefined) running.delete(child.pid);
        if (killTimer) clearTimeout(killTimer);
        signal.removeEventListener('abort', onAbort);
        const fields = { tool: tool.tool, exitCode, exitSignal, durationMs: Date.now() - started };
        // A stream the viewer stopped watching is the normal end, not a failure worth a warning.
        if (signal.aborted || exitCode === 0) logger.info('media stream ended', fields);
        else logger.warn('media stream failed', { ...fields, stderrTail });
        settle({ exitCode, signal: exitSignal });
      });
    });
    child.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        new AppError('missing_tool', `Could not start ${tool.tool} at ${tool.path} (${error.code ?? error.message}). Reinstall Handover or check ${tool.tool}.`, {
          cause: error,
        }),
      );
    });
    child.once('spawn', () => {
      const pid = child.pid!;
      running.add(pid);
      signal.addEventListener('abort', onAbort, { once: true });
      // The signal may have gone off between spawn() and now.
      if (signal.aborted) onAbort();
      // A reader that goes away early is normal (the viewer closed the player); ffmpeg then stops on EPIPE.
      child.stdout.on('error', () => undefined);
      resolve({ stdout: child.stdout, pid, commandLine, exited });
    });
  });
}
