import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../test/helpers/temp-dir';
import { detectLayout } from '../services/catalogue/layouts';
import { isAppError } from '../services/errors';
import { parseRecorderLocalTime } from './demo-nvr-command';
import { runCli } from './main';

const tempDir = useTempDirs('handover-demo-cli-');

function captureIo() {
  const io = { stdout: '', stderr: '', out: (text: string) => void (io.stdout += text), err: (text: string) => void (io.stderr += text) };
  return io;
}

describe('parseRecorderLocalTime', () => {
  it('reads ISO-style and spaced times, with or without seconds', () => {
    const at1400 = { year: 2026, month: 3, day: 14, hour: 14, minute: 0, second: 0 };
    expect(parseRecorderLocalTime('2026-03-14T14:00:00')).toEqual(at1400);
    expect(parseRecorderLocalTime('2026-03-14 14:00')).toEqual(at1400);
    expect(parseRecorderLocalTime(' 2026-03-14T14:02:31 ')).toEqual({ ...at1400, minute: 2, second: 31 });
  });

  it.each([
    ['14:00', /"14:00" is not a date and time Handover can read/],
    ['2026-03-14T14:00:00Z', /Write the recorder's time like 2026-03-14T14:00:00/],
    ['2026-02-30 14:00', /"2026-02-30 14:00" is not a date and time .*on a real calendar day/],
    ['2026-03-14 24:00', /is not a date and time Handover can read/],
  ])('refuses %s in plain words', (text, message) => {
    let thrown: unknown;
    try {
      parseRecorderLocalTime(text);
    } catch (error) {
      thrown = error;
    }
    expect(isAppError(thrown) && thrown.code === 'invalid_input').toBe(true);
    expect((thrown as Error).message).toMatch(message);
  });
});

describe('handover demo-nvr', () => {
  it('writes a tiny set and describes it as JSON, with nothing else on stdout', async () => {
    const dir = path.join(tempDir(), 'demo');
    const io = captureIo();
    const argv = ['demo-nvr', dir, '--layout', 'reolink', '--cameras', '1', '--minutes', '2', '--segment-minutes', '1', '--start', '2026-03-14 14:00', '--timezone', 'Europe/London', '--json'];
    expect(await runCli({ argv, env: process.env, io })).toBe(0);
    const report = JSON.parse(io.stdout) as { dir: string; layout: string; cameras: number; files: { path: string; fullPath: string; camera: string; recorderStart: string; recorderEnd: string }[] };
    expect(report).toMatchObject({ dir, layout: 'reolink-sd', cameras: 1 });
    expect(report.files.map(({ camera, recorderStart, recorderEnd }) => [camera, recorderStart, recorderEnd])).toEqual([
      ['Till', '2026-03-14T14:00:00', '2026-03-14T14:01:00'],
      ['Till', '2026-03-14T14:01:00', '2026-03-14T14:02:00'],
    ]);
    for (const file of report.files) {
      expect(fs.statSync(file.fullPath).size).toBeGreaterThan(0);
      expect(file.fullPath).toBe(path.join(dir, file.path));
      expect(detectLayout(file.path)).toMatchObject({ layout: 'reolink-sd', cameraLabel: 'Till' });
    }
  });

  it('prints a short summary without --json', async () => {
    const io = captureIo();
    const dir = tempDir();
    const argv = ['demo-nvr', dir, '--layout', 'generic', '--cameras', '2', '--minutes', '1', '--start', '2026-03-14T09:30:00', '--timezone', 'UTC'];
    expect(await runCli({ argv, env: process.env, io })).toBe(0);
    expect(io.stdout).toContain(`Wrote 2 demo files to ${dir}`);
    expect(io.stdout).toContain('Recorder clock 2026-03-14 09:30:00 to 2026-03-14 09:31:00 (UTC)');
    expect(io.stdout).toContain('Cameras: 1 Till, 2 Door.');
    expect(io.stderr).toBe('');
  });

  it.each([
    [['demo-nvr', '--layout', 'dahua'], /Say which folder/],
    [['demo-nvr', 'x', 'y', '--layout', 'dahua'], /Give one folder only/],
    [['demo-nvr', 'x'], /Say which recorder to imitate with --layout/],
    [['demo-nvr', 'x', '--layout', 'betamax'], /--layout "betamax" is not a recorder layout/],
    [['demo-nvr', 'x', '--layout', 'dahua', '--cameras', 'four'], /--cameras must be a whole number/],
    [['demo-nvr', 'x', '--layout', 'dahua', '--cameras', '17'], /number of cameras must be a whole number from 1 to 16/],
    [['demo-nvr', 'x', '--layout', 'dahua', '--codec', 'av1'], /--codec must be h264 or hevc/],
    [['demo-nvr', 'x', '--layout', 'dahua', '--start', 'noon'], /"noon" is not a date and time/],
    [['demo-nvr', 'x', '--layout', 'dahua', '--timezone', 'Mars/Olympus'], /"Mars\/Olympus" is not a time zone/],
  ])('refuses %j with exit code 2 and says why', async (argv, message) => {
    const io = captureIo();
    const cwd = tempDir();
    const absolute = argv.map((arg) => (arg === 'x' || arg === 'y' ? path.join(cwd, arg) : arg));
    expect(await runCli({ argv: absolute, env: process.env, io })).toBe(2);
    expect(io.stderr).toMatch(message);
    expect(io.stdout).toBe('');
    expect(fs.readdirSync(cwd)).toEqual([]);
  });

  it('refuses to write over an earlier set, exit code 1', async () => {
    const dir = tempDir();
    const argv = ['demo-nvr', dir, '--layout', 'dahua', '--cameras', '1', '--minutes', '1', '--start', '2026-03-14 14:00', '--timezone', 'UTC'];
    expect(await runCli({ argv, env: process.env, io: captureIo() })).toBe(0);
    const io = captureIo();
    expect(await runCli({ argv, env: process.env, io })).toBe(1);
    expect(io.stderr).toContain('already has files where the demo footage would go');
  });
});
