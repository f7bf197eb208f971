import { describe, expect, it } from 'vitest';
import { isTrustedFrameUrl, mainWindowOptions } from './window-options';

describe('mainWindowOptions', () => {
  it('isolates the renderer from Node and Electron', () => {
    const prefs = mainWindowOptions({ preloadPath: '/app/preload.cjs' }).webPreferences;
    expect(prefs).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      allowRunningInsecureContent: false,
    });
  });
});

describe('isTrustedFrameUrl', () => {
  it('accepts only the app:// origin', () => {
    expect(isTrustedFrameUrl('app://handover/index.html')).toBe(true);
    expect(isTrustedFrameUrl('app://handover/#/case/1')).toBe(true);
    expect(isTrustedFrameUrl('app://evil/index.html')).toBe(false);
    expect(isTrustedFrameUrl('https://handover/index.html')).toBe(false);
    expect(isTrustedFrameUrl('file:///index.html')).toBe(false);
    expect(isTrustedFrameUrl('not a url')).toBe(false);
    expect(isTrustedFrameUrl(undefined)).toBe(false);
  });
});
