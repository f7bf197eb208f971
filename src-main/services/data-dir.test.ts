import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { platformDataDir, resolveCliDataDir } from './data-dir';

describe('platformDataDir', () => {
  it('matches Electron userData on each platform', () => {
    expect(platformDataDir({ platform: 'win32', env: { APPDATA: 'C:\\Users\\sam\\AppData\\Roaming' }, homeDir: 'C:\\Users\\sam' })).toBe(
      'C:\\Users\\sam\\AppData\\Roaming\\Handover',
    );
    expect(platformDataDir({ platform: 'darwin', env: {}, homeDir: '/Users/sam' })).toBe('/Users/sam/Library/Application Support/Handover');
    expect(platformDataDir({ platform: 'linux', env: {}, homeDir: '/home/sam' })).toBe('/home/sam/.config/Handover');
    expect(platformDataDir({ platform: 'linux', env: { XDG_CONFIG_HOME: '/xdg' }, homeDir: '/home/sam' })).toBe('/xdg/Handover');
  });

  it('ignores a relative XDG_CONFIG_HOME, as the XDG spec says', () => {
    expect(platformDataDir({ platform: 'linux', env: { XDG_CONFIG_HOME: 'rel' }, homeDir: '/home/sam' })).toBe('/home/sam/.config/Handover');
  });
});

describe('resolveCliDataDir', () => {
  it('prefers the flag, then the environment variable', () => {
    expect(resolveCliDataDir({ flag: '/a', env: { HANDOVER_DATA_DIR: '/b' } })).toBe('/a');
    expect(resolveCliDataDir({ env: { HANDOVER_DATA_DIR: '/b' } })).toBe('/b');
    expect(resolveCliDataDir({ flag: 'rel', env: {} })).toBe(path.resolve('rel'));
  });
});
