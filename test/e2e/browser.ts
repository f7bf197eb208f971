import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startWebApp, type WebApp } from '../../src-main/bridge/start-web-app';
import type { DriveSource } from '../../src-main/services/drives/drive-source';
import { createMemoryLogger } from '../../src-main/services/logger';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface E2eSession {
  app: WebApp;
  browser: BrowserContext;
  page: Page;
  dataDir: string;
  /** Page errors and console errors seen so far; a test should end with none. */
  pageErrors: string[];
  close(): Promise<void>;
}

/**
 * The real renderer (built by `npm run build:renderer`) in Debian's Chromium, talking to the real services and SQLite
 * through the loopback bridge. Playwright's own browser download cannot work here, so Chromium comes from apt.
 */
export async function openE2eSession(options: { driveSource?: DriveSource } = {}): Promise<E2eSession> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'handover-e2e-'));
  const dataDir = path.join(scratch, 'data');
  const app = await startWebApp({ dataDir, logger: createMemoryLogger(), driveSource: options.driveSource });
  let browser: BrowserContext;
  try {
    browser = await chromium.launchPersistentContext(path.join(scratch, 'profile'), {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
      viewport: { width: 1280, height: 860 },
    });
  } catch (error) {
    await app.close();
    throw error;
  }
  const page = browser.pages()[0] ?? (await browser.newPage());
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  const context = browser;
  return {
    app,
    browser: context,
    page,
    dataDir,
    pageErrors,
    close: async () => {
      await context.close();
      await app.close();
      fs.rmSync(scratch, { recursive: true, force: true });
    },
  };
}

export type { Browser };
