import path from 'node:path';
import { BrowserWindow, app, dialog, ipcMain, protocol, safeStorage, session, shell } from 'electron';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../../src-shared/contract';
import { createAppCore, type AppCore } from '../app-core';
import { defaultKeyProtector } from '../services/bundle/producer-store';
import type { KeyProtector } from '../services/bundle/signing/producer-key';
import { APP_HOST, APP_ORIGIN, APP_SCHEME, isTrustedFrameUrl, mainWindowOptions } from './window-options';
import { serveAppRequest } from './protocol';

// Thin shell: everything the window can do goes through the router in app-core, which is tested without Electron.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } }]);

let core: AppCore | null = null;
let mainWindow: BrowserWindow | null = null;

function createWindow(): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions({ preloadPath: path.join(__dirname, 'preload.cjs') }));
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  window.webContents.on('will-navigate', (event, url) => {
    if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault();
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(`${APP_ORIGIN}/index.html`);
  return window;
}

async function start(): Promise<void> {
  await app.whenReady();
  const rendererDir = path.join(app.getAppPath(), 'dist', 'renderer');
  // Media (/media/...) is answered by the services' media server once they exist; `stream: true` in the scheme's
  // privileges above is what lets <video> stream and seek through it with range requests.
  protocol.handle(APP_SCHEME, (request) =>
    new URL(request.url).host === APP_HOST
      ? serveAppRequest({ request, rendererDir, media: core?.services.media ?? null })
      : new Response('Not found', { status: 404 }),
  );
  session.defaultSession.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));

  core = createAppCore({
    dataDir: app.getPath('userData'),
    appVersion: app.getVersion(),
    dialogs: {
      pickFolder: async ({ title }) => {
        const options = { title, properties: ['openDirectory' as const] };
        const result = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
        return result.canceled ? null : (result.filePaths[0] ?? null);
      },
      pickFile: async ({ title, filters }) => {
        const options = { title, filters, properties: ['openFile' as const] };
        const result = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
        return result.canceled ? null : (result.filePaths[0] ?? null);
      },
      openFile: async ({ file }) => {
        // shell.openPath answers with an error text rather than throwing.
        const problem = await shell.openPath(file);
        if (problem) throw new Error(problem);
      },
    },
    // The OS keychain guards the signing key where Electron can reach it (DPAPI, Keychain, libsecret/kwallet).
    keyProtector: () => safeStorageProtector(),
    // Unpackaged (`npm start`), node_modules holds a better-sqlite3 built for Node; use the Electron build beside it.
    sqliteNativeBinding: app.isPackaged ? undefined : path.join(app.getAppPath(), 'dist', 'native', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'),
  });
  const router = core.router;
  ipcMain.handle(IPC_INVOKE_CHANNEL, (event, channel: unknown, input: unknown) => {
    const frameUrl = event.senderFrame?.url;
    const trusted = mainWindow !== null && event.sender === mainWindow.webContents && isTrustedFrameUrl(frameUrl);
    return router.handle(String(channel), input, { transport: 'ipc', trusted, description: frameUrl ?? 'unknown frame' });
  });
  core.onEvent((payload) => mainWindow?.webContents.send(IPC_EVENT_CHANNEL, payload));

  mainWindow = createWindow();
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
}

/**
 * Electron's safeStorage when it has a real backend; on Linux without a keyring it would fall back to a fixed
 * "basic_text" key, which protects nothing, so a passphrase is used instead (see producer-store.ts).
 */
function safeStorageProtector(): KeyProtector {
  const weak = process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text';
  if (!safeStorage.isEncryptionAvailable() || weak) {
    const keysDir = path.join(app.getPath('userData'), 'keys');
    return defaultKeyProtector({ keysDir, env: process.env });
  }
  return {
    kind: 'safeStorage',
    protect: (plain) => safeStorage.encryptString(plain.toString('base64')),
    unprotect: (blob) => Buffer.from(safeStorage.decryptString(blob), 'base64'),
  };
}

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-attach-webview', (event) => event.preventDefault());
});
app.on('window-all-closed', () => app.quit());
app.on('will-quit', (event) => {
  if (!core) return;
  event.preventDefault();
  const closing = core;
  core = null;
  void closing.close().finally(() => app.quit());
});

start().catch((error: unknown) => {
  console.error('Handover could not start', error);
  app.exit(1);
});
