import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { resolveMediaTools, resolveTool, toUnpackedAsarPath } from './binaries';

const exists = (files: string[]) => (candidate: string) => files.includes(candidate);

describe('resolveTool', () => {
  it('uses the environment variable first', () => {
    const resolved = resolveTool({
      tool: 'ffmpeg',
      env: { FFMPEG_BIN: '/opt/ff/ffmpeg', PATH: '/usr/bin' },
      platform: 'linux',
      bundledPath: () => '/app/node_modules/ffmpeg-static/ffmpeg',
      isExecutableFile: exists(['/opt/ff/ffmpeg', '/app/node_modules/ffmpeg-static/ffmpeg', '/usr/bin/ffmpeg']),
    });
    expect(resolved).toEqual({ tool: 'ffmpeg', path: '/opt/ff/ffmpeg', source: 'env' });
  });

  it('reports a wrong environment variable instead of quietly using something else', () => {
    const attempt = () =>
      resolveTool({
        tool: 'ffprobe',
        env: { FFPROBE_PATH: '/nope/ffprobe', PATH: '/usr/bin' },
        platform: 'linux',
        bundledPath: () => null,
        isExecutableFile: exists(['/usr/bin/ffprobe']),
      });
    expect(attempt).toThrow(AppError);
    expect(attempt).toThrow(/FFPROBE_PATH is set to "\/nope\/ffprobe"/);
  });

  it('skips a bundled path that does not exist (ffmpeg-static whose download failed) and falls back to PATH', () => {
    const resolved = resolveTool({
      tool: 'ffmpeg',
      env: { PATH: '/bin:/usr/bin' },
      platform: 'linux',
      bundledPath: () => '/app/node_modules/ffmpeg-static/ffmpeg',
      isExecutableFile: exists(['/usr/bin/ffmpeg']),
    });
    expect(resolved).toEqual({ tool: 'ffmpeg', path: '/usr/bin/ffmpeg', source: 'path' });
  });

  it('runs the unpacked copy inside a packaged app', () => {
    const resolved = resolveTool({
      tool: 'ffprobe',
      env: {},
      platform: 'darwin',
      bundledPath: () => '/Applications/Handover.app/Contents/Resources/app.asar/node_modules/@ffprobe-installer/darwin-x64/ffprobe',
      isExecutableFile: exists(['/Applications/Handover.app/Contents/Resources/app.asar.unpacked/node_modules/@ffprobe-installer/darwin-x64/ffprobe']),
    });
    expect(resolved.source).toBe('bundled');
    expect(resolved.path).toContain('app.asar.unpacked');
  });

  it('finds ffmpeg.exe through PATH and PATHEXT on Windows', () => {
    const resolved = resolveTool({
      tool: 'ffmpeg',
      env: { Path: 'C:\\Windows;C:\\tools\\ffmpeg\\bin', PATHEXT: '.COM;.EXE' },
      platform: 'win32',
      bundledPath: () => {
        throw new Error('Cannot find module ffmpeg-static');
      },
      isExecutableFile: exists(['C:\\tools\\ffmpeg\\bin\\ffmpeg.exe']),
    });
    expect(resolved).toEqual({ tool: 'ffmpeg', path: 'C:\\tools\\ffmpeg\\bin\\ffmpeg.exe', source: 'path' });
  });

  it('names the missing tool and the fix when nothing is found', () => {
    const attempt = () => resolveTool({ tool: 'ffmpeg', env: { PATH: '/usr/bin' }, platform: 'linux', bundledPath: () => null, isExecutableFile: () => false });
    expect(attempt).toThrow(/Handover needs ffmpeg.*set FFMPEG_BIN/);
  });
});

describe('toUnpackedAsarPath', () => {
  it('rewrites only the app.asar folder segment', () => {
    expect(toUnpackedAsarPath('C:\\Program Files\\Handover\\resources\\app.asar\\node_modules\\x\\ffmpeg.exe')).toBe(
      'C:\\Program Files\\Handover\\resources\\app.asar.unpacked\\node_modules\\x\\ffmpeg.exe',
    );
    expect(toUnpackedAsarPath('/home/u/app.asarx/ffmpeg')).toBe('/home/u/app.asarx/ffmpeg');
  });
});

describe('resolveMediaTools on this machine', () => {
  it('finds a real ffmpeg and ffprobe', () => {
    const tools = resolveMediaTools();
    expect(tools.ffmpeg.path).toMatch(/ffmpeg(\.exe)?$/);
    expect(tools.ffprobe.path).toMatch(/ffprobe(\.exe)?$/);
  });
});
