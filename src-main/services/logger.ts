import fs from 'node:fs';
import path from 'node:path';

export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

type Level = 'info' | 'warn' | 'error';

function formatLine(level: Level, message: string, fields?: Record<string, unknown>): string {
  return `${JSON.stringify({ at: new Date().toISOString(), level, message, ...fields })}\n`;
}

/** Appends JSON lines to `<dataDir>/logs/handover.log`; logging must never break the app, so write errors are ignored. */
export function createFileLogger(options: { dataDir: string; alsoStderr?: boolean }): Logger {
  const logDir = path.join(options.dataDir, 'logs');
  fs.mkdirSync(logDir, { recursive: true });
  const file = path.join(logDir, 'handover.log');
  const write = (level: Level, message: string, fields?: Record<string, unknown>) => {
    const line = formatLine(level, message, fields);
    try {
      fs.appendFileSync(file, line);
    } catch {
      // A full or read-only disk must not stop the work being logged about.
    }
    if (options.alsoStderr) process.stderr.write(line);
  };
  return {
    info: (message, fields) => write('info', message, fields),
    warn: (message, fields) => write('warn', message, fields),
    error: (message, fields) => write('error', message, fields),
  };
}

/** Keeps lines in memory; for tests that assert what was logged. */
export function createMemoryLogger(): Logger & { lines: { level: Level; message: string; fields?: Record<string, unknown> }[] } {
  const lines: { level: Level; message: string; fields?: Record<string, unknown> }[] = [];
  return {
    lines,
    info: (message, fields) => lines.push({ level: 'info', message, fields }),
    warn: (message, fields) => lines.push({ level: 'warn', message, fields }),
    error: (message, fields) => lines.push({ level: 'error', message, fields }),
  };
}
