import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { configure, Uint8ArrayReader, Uint8ArrayWriter, ZipReader, ZipWriter } from '@zip.js/zip.js';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderOpenEvidencePage } from '../../src-main/services/bundle/opener/open-evidence-page';
import { installMemoryDirectoryPicker, readMemoryFolder } from '../helpers/memory-directory-picker';

/**
 * OPEN-EVIDENCE.html, opened from file:// in headless Chromium against real AES-256 ZIP64 zips written by zip.js:
 * the good bundle passes; a wrong password is explained; a flipped byte inside a file and a wrong line in SHA256SUMS
 * both fail, naming the file; and "Check and save" writes files whose bytes match, through a fake folder picker.
 */

// Not imported from ./browser: that module starts the whole web app, which this page has no need of.
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PASSWORD = 'purple Otter 7 lantern!';
const BUNDLE_NAME = 'HANDOVER_44-12345-26_20260114-0930';
const CERTIFICATE_FINGERPRINT = '3A:7F:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:01:23:45:67:89:AB:CD:EF:10:32:54:76:98:BA';

configure({ useWebWorkers: false });

function sha256(data: Uint8Array): string {
  return crypto.createHash('sha256').update(data).digest('hex');
}

/** The files of a bundle, in zip order, SHA256SUMS included. `wrongSumFor` lists a wrong fingerprint for that file. */
function bundleFiles(options: { wrongSumFor?: string } = {}): Map<string, Buffer> {
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), crypto.randomBytes(40_000)]);
  const media = new Map<string, Buffer>([
    ['masters/a.bin', crypto.randomBytes(3 * 1024 * 1024 + 17)],
    ['working-copies/b.mp4', crypto.randomBytes(700_000)],
    ['stills/c.png', png],
    ['documents/statement.txt', Buffer.from('Statement of the person producing the exhibits.\r\n')],
  ]);
  const exhibits = [
    { id: 'JS/1', kind: 'master', file: 'masters/a.bin', camera: 'Till 2', startedAt: '2026-01-10T14:02:00Z' },
    { id: 'JS/2', kind: 'working-copy', file: 'working-copies/b.mp4', derivedFrom: 'JS/1' },
    { id: 'JS/3', kind: 'still', file: 'stills/c.png', frameAt: '2026-01-10T14:03:12.400Z' },
  ].map((exhibit) => {
    const data = media.get(exhibit.file)!;
    return { ...exhibit, size: data.length, sha256: sha256(data) };
  });
  const manifest = { schemaVersion: 1, caseReference: '44/12345/26', producer: { organisation: 'Corner Shop Ltd' }, exhibits, notes: ['extra fields are fine'] };
  const files = new Map<string, Buffer>([
    ['manifest.json', Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`)],
    ['manifest.json.p7s', crypto.randomBytes(1800)],
    ['producer-certificate.pem', Buffer.from('-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----\n')],
  ]);
  const custodyLog = Buffer.from(
    [{ seq: 1, action: 'case.created' }, { seq: 2, action: 'bundle.written' }].map((line) => JSON.stringify(line)).join('\n') + '\n',
  );
  const listed = new Map([...files, ...media, ['custody-log.jsonl', custodyLog]]);
  const sums = [...listed]
    .map(([name, data]) => `${name === options.wrongSumFor ? sha256(Buffer.from('something else')) : sha256(data)}  ${name}\n`)
    .join('');
  // SHA256SUMS sits after the signature files, as in a real bundle; every other file follows it.
  return new Map([...files, ['SHA256SUMS', Buffer.from(sums)], ...media, ['custody-log.jsonl', custodyLog]]);
}

async function writeEvidenceZip(files: Map<string, Buffer>): Promise<Buffer> {
  const writer = new ZipWriter(new Uint8ArrayWriter(), { password: PASSWORD, encryptionStrength: 3, zip64: true, level: 0, useWebWorkers: false });
  for (const [name, data] of files) await writer.add(name, new Uint8ArrayReader(new Uint8Array(data)));
  return Buffer.from(await writer.close());
}

interface Bundle {
  dir: string;
  zipPath: string;
  pageUrl: string;
  zipSha256: string;
  files: Map<string, Buffer>;
}

async function writeBundle(parent: string, files: Map<string, Buffer>): Promise<Bundle> {
  const dir = path.join(parent, BUNDLE_NAME);
  fs.mkdirSync(dir, { recursive: true });
  const zip = await writeEvidenceZip(files);
  const zipSha256 = sha256(zip);
  const zipPath = path.join(dir, 'evidence.zip');
  fs.writeFileSync(zipPath, zip);
  fs.writeFileSync(path.join(dir, 'evidence.zip.sha256'), `${zipSha256}  evidence.zip\n`);
  fs.writeFileSync(path.join(dir, 'READ-ME-FIRST.txt'), 'Open OPEN-EVIDENCE.html.\n');
  const html = renderOpenEvidencePage({
    zipSha256,
    bundleName: BUNDLE_NAME,
    caseReference: '44/12345/26',
    producerOrganisation: 'Corner Shop Ltd',
    certificateFingerprint: CERTIFICATE_FINGERPRINT,
  });
  const htmlPath = path.join(dir, 'OPEN-EVIDENCE.html');
  fs.writeFileSync(htmlPath, html);
  return { dir, zipPath, pageUrl: pathToFileURL(htmlPath).href, zipSha256, files };
}

/** A copy of the zip with one byte flipped in the middle of an entry's (encrypted) data. */
async function flipByteInEntry(zipPath: string, entryName: string, outPath: string): Promise<void> {
  const zip = fs.readFileSync(zipPath);
  const reader = new ZipReader(new Uint8ArrayReader(new Uint8Array(zip)));
  const entry = (await reader.getEntries()).find((candidate) => candidate.filename === entryName);
  await reader.close();
  if (entry === undefined) throw new Error(`${entryName} is not in the zip`);
  // Local header: 30 bytes, then the name and the extra field; AES-256 data starts with a 16-byte salt and 2 check bytes.
  const nameLength = zip.readUInt16LE(entry.offset + 26);
  const extraLength = zip.readUInt16LE(entry.offset + 28);
  const at = entry.offset + 30 + nameLength + extraLength + 18 + Math.floor(entry.uncompressedSize / 2);
  zip[at] = zip[at]! ^ 0x01;
  fs.mkdirSync(path.dirname(outPath), { recursive: true });
  fs.writeFileSync(outPath, zip);
}

let scratch: string;
let context: BrowserContext;
let good: Bundle;
let wrongSum: Bundle;
let tamperedZipPath: string;

beforeAll(async () => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'handover-open-evidence-'));
  good = await writeBundle(path.join(scratch, 'good'), bundleFiles());
  wrongSum = await writeBundle(path.join(scratch, 'wrong-sum'), bundleFiles({ wrongSumFor: 'stills/c.png' }));
  tamperedZipPath = path.join(scratch, 'tampered', 'evidence.zip');
  await flipByteInEntry(good.zipPath, 'masters/a.bin', tamperedZipPath);
  context = await chromium.launchPersistentContext(path.join(scratch, 'profile'), {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    viewport: { width: 1280, height: 900 },
  });
});

afterAll(async () => {
  await context?.close();
  fs.rmSync(scratch, { recursive: true, force: true });
});

interface OpenedPage {
  page: Page;
  /** Page errors, console errors (a CSP violation is one) and any request that is not file:// or data:. */
  errors: string[];
}

async function openPage(url: string, setUp?: () => void): Promise<OpenedPage> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('request', (request) => {
    if (!/^(file|data|blob):/.test(request.url())) errors.push(`network request: ${request.url()}`);
  });
  if (setUp) await page.addInitScript(setUp);
  await page.goto(url);
  return { page, errors };
}

async function runCheck(page: Page, zipPath: string, password: string, button: 'Check only' | 'Check and save the files to a folder'): Promise<void> {
  await page.setInputFiles('#zip-input', zipPath);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: button }).click();
  await page.waitForFunction(
    () =>
      document.body.dataset.busy === 'no' &&
      (!document.getElementById('result')!.hidden || !document.getElementById('message')!.hidden),
    undefined,
    { timeout: 60_000 },
  );
}

interface FileRow {
  name: string;
  status: string;
  size: string;
  sha256: string;
  result: string;
}

async function fileRows(page: Page): Promise<FileRow[]> {
  return page.locator('#files-body tr').evaluateAll((rows) =>
    rows.map((row) => {
      const cells = row.querySelectorAll('th, td');
      return {
        name: (row as HTMLElement).dataset.file ?? '',
        status: (row as HTMLElement).dataset.status ?? '',
        size: cells[1]?.textContent ?? '',
        sha256: cells[2]?.textContent ?? '',
        result: cells[3]?.textContent ?? '',
      };
    }),
  );
}

describe('OPEN-EVIDENCE.html in Chromium from file://', () => {
  it('passes a good bundle, listing every file with its fingerprint and a tick', async () => {
    const { page, errors } = await openPage(good.pageUrl);
    expect(await page.locator('#bundle-name').innerText()).toBe(BUNDLE_NAME);
    expect(await page.locator('#case-reference').innerText()).toBe('44/12345/26');
    expect(await page.locator('#certificate-fingerprint').innerText()).toBe(CERTIFICATE_FINGERPRINT);
    expect(await page.getByRole('button', { name: 'Check and save the files to a folder' }).isVisible()).toBe(true);

    await runCheck(page, good.zipPath, PASSWORD, 'Check only');

    expect(await page.locator('#message').isHidden()).toBe(true);
    expect(await page.locator('#result').getAttribute('data-result')).toBe('pass');
    expect(await page.locator('#result-headline').innerText()).toBe(`PASS: all ${good.files.size} files match their fingerprints`);
    expect(await page.locator('#zip-expected').innerText()).toBe(good.zipSha256);
    expect(await page.locator('#zip-actual').innerText()).toBe(good.zipSha256);
    expect(await page.locator('#zip-verdict').innerText()).toContain('✓');

    const rows = await fileRows(page);
    expect(rows.map((row) => row.name)).toEqual([...good.files.keys()]);
    for (const row of rows) {
      expect(row.status, row.name).toBe('pass');
      expect(row.result.startsWith('✓'), `${row.name}: ${row.result}`).toBe(true);
      expect(row.sha256).toBe(sha256(good.files.get(row.name)!));
    }
    expect(rows.find((row) => row.name === 'masters/a.bin')!.result).toContain('exhibit JS/1');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('says the password is not right, and lets the officer try again', async () => {
    const { page, errors } = await openPage(good.pageUrl);
    await runCheck(page, good.zipPath, 'purple otter 7 lantern!', 'Check only');
    expect(await page.locator('#message').innerText()).toContain('The password is not right');
    expect(await page.locator('#result').isHidden()).toBe(true);
    expect(await page.locator('#files').isHidden()).toBe(true);
    // The zip itself was fine, and the page said so.
    expect(await page.locator('#zip-verdict').innerText()).toContain('✓');

    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Check only' }).click();
    await page.locator('#result[data-result="pass"]').waitFor();
    expect(await page.locator('#message').isHidden()).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('fails a zip with one byte changed inside a file, naming that file and the whole-zip fingerprint', async () => {
    const { page, errors } = await openPage(good.pageUrl);
    await runCheck(page, tamperedZipPath, PASSWORD, 'Check only');

    expect(await page.locator('#result').getAttribute('data-result')).toBe('fail');
    expect(await page.locator('#result-headline').innerText()).toMatch(/^FAIL/);
    const problems = await page.locator('#result-problems li').allInnerTexts();
    expect(problems.some((problem) => problem.startsWith('evidence.zip:') && problem.includes(good.zipSha256))).toBe(true);
    expect(problems.some((problem) => problem.startsWith('masters/a.bin:'))).toBe(true);
    expect(problems.filter((problem) => !problem.startsWith('evidence.zip:') && !problem.startsWith('masters/a.bin:'))).toEqual([]);
    expect(await page.locator('#zip-verdict').innerText()).toContain('does NOT match');

    const rows = await fileRows(page);
    const failed = rows.filter((row) => row.status !== 'pass');
    expect(failed.map((row) => row.name)).toEqual(['masters/a.bin']);
    expect(failed[0]!.result).toMatch(/^✗/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('fails a bundle whose SHA256SUMS lists a wrong fingerprint, naming that file', async () => {
    const { page, errors } = await openPage(wrongSum.pageUrl);
    await runCheck(page, wrongSum.zipPath, PASSWORD, 'Check only');

    expect(await page.locator('#result').getAttribute('data-result')).toBe('fail');
    const problems = await page.locator('#result-problems li').allInnerTexts();
    expect(problems).toEqual([expect.stringMatching(/^stills\/c\.png: its fingerprint does not match SHA256SUMS/)]);
    // The zip is exactly as made; only the list inside it is wrong.
    expect(await page.locator('#zip-verdict').innerText()).toContain('✓');
    const rows = await fileRows(page);
    expect(rows.filter((row) => row.status !== 'pass').map((row) => row.name)).toEqual(['stills/c.png']);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('checks and saves every file into a new folder named after the bundle, byte for byte', async () => {
    const { page, errors } = await openPage(good.pageUrl, installMemoryDirectoryPicker);
    await runCheck(page, good.zipPath, PASSWORD, 'Check and save the files to a folder');

    expect(await page.locator('#result').getAttribute('data-result')).toBe('pass');
    expect(await page.locator('#result-advice').innerText()).toContain(BUNDLE_NAME);
    const rows = await fileRows(page);
    expect(rows.every((row) => row.result.startsWith('✓') && row.result.endsWith('· saved'))).toBe(true);

    const saved = await readMemoryFolder(page);
    expect([...saved.keys()].sort()).toEqual([...good.files.keys()].map((name) => `${BUNDLE_NAME}/${name}`).sort());
    for (const [name, data] of good.files) expect(sha256(saved.get(`${BUNDLE_NAME}/${name}`)!), name).toBe(sha256(data));

    // A second save into the same folder goes into a new folder beside the first, never over it.
    await page.getByRole('button', { name: 'Check and save the files to a folder' }).click();
    await page.waitForFunction(() => document.body.dataset.busy === 'no' && document.getElementById('result')!.dataset.result === 'pass' && !document.getElementById('result')!.hidden);
    const savedTwice = await readMemoryFolder(page);
    expect(sha256(savedTwice.get(`${BUNDLE_NAME} (2)/masters/a.bin`)!)).toBe(sha256(good.files.get('masters/a.bin')!));
    expect(errors).toEqual([]);
    await page.close();
  });

  it('does not save a file that fails its check', async () => {
    const { page, errors } = await openPage(good.pageUrl, installMemoryDirectoryPicker);
    await runCheck(page, tamperedZipPath, PASSWORD, 'Check and save the files to a folder');

    expect(await page.locator('#result').getAttribute('data-result')).toBe('fail');
    const saved = await readMemoryFolder(page);
    expect(saved.has(`${BUNDLE_NAME}/masters/a.bin`)).toBe(false);
    expect(sha256(saved.get(`${BUNDLE_NAME}/stills/c.png`)!)).toBe(sha256(good.files.get('stills/c.png')!));
    const row = (await fileRows(page)).find((candidate) => candidate.name === 'masters/a.bin')!;
    expect(row.result).toMatch(/^✗.*· not saved$/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('takes evidence.zip dragged onto the page', async () => {
    const { page, errors } = await openPage(good.pageUrl);
    const dataTransfer = await page.evaluateHandle((base64) => {
      const bytes = Uint8Array.from(atob(base64), (character) => character.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], 'evidence.zip', { type: 'application/zip' }));
      return transfer;
    }, fs.readFileSync(good.zipPath).toString('base64'));
    await page.dispatchEvent('#drop-zone', 'drop', { dataTransfer });
    expect(await page.locator('#chosen-file').innerText()).toMatch(/^Chosen: evidence\.zip \(/);

    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Check only' }).click();
    await page.locator('#result[data-result="pass"]').waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });

  it('only offers "Check only" where the browser cannot save to a folder', async () => {
    const { page, errors } = await openPage(good.pageUrl, () => {
      Object.defineProperty(window, 'showDirectoryPicker', { value: undefined, configurable: true });
    });
    expect(await page.getByRole('button', { name: 'Check and save the files to a folder' }).isHidden()).toBe(true);
    expect(await page.locator('#no-save-explained').isVisible()).toBe(true);
    await runCheck(page, good.zipPath, PASSWORD, 'Check only');
    expect(await page.locator('#result').getAttribute('data-result')).toBe('pass');
    expect(errors).toEqual([]);
    await page.close();
  });
});
