import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../test/helpers/temp-dir';
import { runCli } from './main';

const tempDir = useTempDirs();

function captureIo() {
  const io = { stdout: '', stderr: '', out: (text: string) => void (io.stdout += text), err: (text: string) => void (io.stderr += text) };
  return io;
}

describe('handover CLI', () => {
  it('doctor prints the versions and data folder and exits 0 here', async () => {
    const io = captureIo();
    const dataDir = tempDir();
    const code = await runCli({ argv: ['doctor', '--data-dir', dataDir], env: process.env, io });
    expect(code).toBe(0);
    expect(io.stdout).toMatch(/^Handover\s+\d+\.\d+\.\d+/m);
    expect(io.stdout).toMatch(/^SQLite\s+3\.\d+/m);
    expect(io.stdout).toMatch(/^ffmpeg\s+\S+/m);
    expect(io.stdout).toMatch(/^ffprobe\s+\S+/m);
    expect(io.stdout).toContain(dataDir);
  });

  it('doctor --json gives a machine-readable report', async () => {
    const io = captureIo();
    const dataDir = tempDir();
    expect(await runCli({ argv: ['doctor', '--json'], env: { ...process.env, HANDOVER_DATA_DIR: dataDir }, io })).toBe(0);
    expect(JSON.parse(io.stdout)).toMatchObject({ ok: true, dataDir, ffmpeg: { found: true }, ffprobe: { found: true } });
  });

  it('doctor exits 1 and names the fix when ffmpeg is missing', async () => {
    const io = captureIo();
    const code = await runCli({ argv: ['doctor', '--data-dir', tempDir()], env: { ...process.env, FFMPEG_BIN: '/missing/ffmpeg' }, io });
    expect(code).toBe(1);
    expect(io.stdout).toContain('FFMPEG_BIN is set to "/missing/ffmpeg"');
  });

  it('explains unknown commands and options', async () => {
    const io = captureIo();
    expect(await runCli({ argv: ['launch'], env: process.env, io })).toBe(2);
    expect(io.stderr).toContain('Unknown command "launch"');
    expect(await runCli({ argv: ['doctor', '--bogus'], env: process.env, io })).toBe(2);
    expect(await runCli({ argv: ['--help'], env: process.env, io })).toBe(0);
    expect(await runCli({ argv: ['doctor', '--help'], env: process.env, io })).toBe(0);
    expect(await runCli({ argv: [], env: process.env, io })).toBe(0);
  });

  it('works through npm run with no build step', () => {
    const root = path.resolve(__dirname, '../..');
    const dataDir = tempDir();
    const result = spawnSync('npm', ['run', '--silent', 'handover', '--', 'doctor', '--json', '--data-dir', dataDir], { cwd: root, encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: true, dataDir });
    expect(execFileSync('ls', [dataDir], { encoding: 'utf8' })).toContain('handover.sqlite3');
  });
});
