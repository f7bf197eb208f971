/**
 * For the zip tests: the real tools (7-Zip, sha256sum) run as child processes, and source files made quickly.
 */
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** `sha256sum` of a file: the independent fingerprint the writer's own must equal. */
export async function sha256sum(file: string): Promise<string> {
  const { stdout } = await execFileAsync('sha256sum', ['-b', file]);
  return stdout.slice(0, 64);
}

/** Runs 7z with stdin closed (a missing password must not wait for the keyboard); its exit code and all it printed. */
export function run7z(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('7z', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

/** What 7-Zip prints when anything about an archive is off, short of failing outright. */
export const SEVEN_ZIP_COMPLAINTS = /Headers Error|WARNING|Warnings|Unexpected end|ERROR|Unsupported|There are data after the end/i;

export function writeRandomFile(options: { dir: string; name: string; size: number }): { file: string; bytes: Buffer } {
  const bytes = randomBytes(options.size);
  const file = path.join(options.dir, options.name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, bytes);
  return { file, bytes };
}

export const FIXED_TIME = new Date(2026, 2, 14, 14, 0, 10);
