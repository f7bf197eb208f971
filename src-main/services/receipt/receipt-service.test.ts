/**
 * Steps 5 and 6 end to end, below the UI: a bundle written to a stick picked from the drive list and ejected, its
 * papers printed, then the police's receipt recorded with a scan of the signed copy. Each leaves a custody entry.
 */
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { BundleSummary } from '../../../src-shared/domain/bundle';
import type { ReceiptInput } from '../../../src-shared/domain/receipt';
import { createFolderDriveSource } from '../../../test/helpers/folder-drives';
import { failureOf } from '../../../test/helpers/failure-of';
import { makeExportedCase, writeBundleTo, type ExportedCase } from '../bundle/bundle-test-setup';

let root = '';
let exported: ExportedCase;
let bundle: BundleSummary;
const sticks = { good: '', busy: '' };
let source: ReturnType<typeof createFolderDriveSource>;

const receipt: ReceiptInput = {
  officer: { name: 'Sam Patel', rank: 'PC', badgeNumber: '1234', force: 'Metropolitan Police', station: 'Brixton' },
  receivedAt: new Date().toISOString(),
  method: 'in_person',
  reference: null,
  confirmation: 'Received one USB stick, sealed in bag MP-0042. S. Patel',
  copyKept: true,
};

const havePdftotext = spawnSync('pdftotext', ['-v']).error === undefined;
if (!havePdftotext) console.warn('receipt-service.test: pdftotext is missing (apt-get install poppler-utils), so PDF text is not read back');

function pdfText(file: string): string {
  return spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).stdout;
}

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'handover-receipt-'));
  sticks.good = path.join(root, 'KINGSTON');
  sticks.busy = path.join(root, 'SANDISK');
  fs.mkdirSync(sticks.good);
  fs.mkdirSync(sticks.busy);
  source = createFolderDriveSource([
    { folder: sticks.good, label: 'KINGSTON', serial: '60A44C413C3BF1A0B9A3013D' },
    { folder: sticks.busy, label: 'SANDISK', vetoedBy: 'explorer.exe' },
  ]);
  exported = await makeExportedCase({ root, driveSource: source });
  const drives = await exported.core.services.drives.list();
  const good = drives.find((drive) => drive.label === 'KINGSTON')!;
  const written = await writeBundleTo({ exported, destination: { kind: 'drive', driveId: good.driveId } });
  expect(written.job.error).toBeNull();
  bundle = written.bundle;
}, 180_000);

afterAll(async () => {
  await exported?.core.close();
  fs.rmSync(root, { recursive: true, force: true });
});

describe('a bundle written to a stick from the list', () => {
  it('keeps the stick as the OS described it, for the receipt', () => {
    expect(bundle.drive).toEqual({ label: 'KINGSTON', model: 'Test DataTraveler 3.0', serial: '60A44C413C3BF1A0B9A3013D', sizeBytes: 16_000_000_000, filesystem: 'exFAT' });
    expect(bundle.destination).toBe(sticks.good);
    expect(fs.existsSync(path.join(sticks.good, bundle.bundleName, 'evidence.zip'))).toBe(true);
  });

  it('ejects it after the read-back, says it is safe to remove, and logs it', async () => {
    expect(bundle.eject).toMatchObject({ ok: true });
    expect(source.ejected).toHaveLength(1);
    expect((await exported.core.services.drives.list()).map((drive) => drive.label)).toEqual(['SANDISK']);
    const actions = exported.core.services.custody
      .list({ caseId: exported.caseId })
      .map((entry) => entry.action)
      .filter((action) => action.startsWith('bundle.'));
    expect(actions.slice(-3)).toEqual(['bundle.written', 'bundle.verified', 'bundle.ejected']);
  });

  it('keeps the evidence when a program refuses to let go of the stick, names it, and can eject again', async () => {
    const drives = await exported.core.services.drives.list();
    const busy = drives.find((drive) => drive.label === 'SANDISK')!;
    const written = await writeBundleTo({ exported, destination: { kind: 'drive', driveId: busy.driveId } });
    expect(written.job.error).toBeNull();
    expect(written.bundle.state).toBe('succeeded');
    expect(written.bundle.eject).toMatchObject({ ok: false, vetoedBy: 'explorer.exe' });
    expect(written.bundle.eject!.message).toMatch(/explorer\.exe/);
    const again = await exported.core.services.bundles.eject({ bundleId: written.bundle.id, actor: 'user' });
    expect(again.ok).toBe(false);
  });

  it('says so in the checks when the chosen stick is pulled out before writing', async () => {
    const third = path.join(root, 'EMTEC');
    fs.mkdirSync(third);
    source.plugIn({ folder: third, label: 'EMTEC' });
    const { bundles, drives } = exported.core.services;
    const emtec = (await drives.list()).find((drive) => drive.label === 'EMTEC')!;
    const listings = vi.spyOn(source, 'list');
    const chosen = await bundles.chooseDestination({ caseId: exported.caseId, exportId: exported.exportId, destination: { kind: 'drive', driveId: emtec.driveId } });
    // One listing serves both finding the stick and checking it.
    expect(listings).toHaveBeenCalledTimes(1);
    listings.mockRestore();
    expect(chosen!.checks.find((check) => check.id === 'drive')).toEqual({ id: 'drive', ok: true, message: 'EMTEC is a USB stick Handover can write to.' });
    await drives.eject({ driveId: emtec.driveId });
    const after = await bundles.refreshDestination({ destinationId: chosen!.destinationId });
    expect(after.ok).toBe(false);
    expect(after.checks.find((check) => check.id === 'drive')).toEqual({ id: 'drive', ok: false, message: 'EMTEC is not plugged in any more. Plug it back in, then press “Check again”.' });
  });

  it('can be written to a folder without ejecting, as before', async () => {
    const folder = path.join(root, 'folder');
    fs.mkdirSync(folder);
    const written = await writeBundleTo({ exported, destination: { kind: 'typed', path: folder } });
    expect(written.bundle).toMatchObject({ state: 'succeeded', drive: null, eject: null });
  });
});

describe('papers', () => {
  it('prints the receipt with blank lines before step 6, kept by its fingerprint and logged', async () => {
    const { papers, custody } = exported.core.services;
    const paper = await papers.make({ bundleId: bundle.id, kind: 'receipt', details: null, actor: 'user' });
    const file = path.join(root, 'data', 'cases', exported.caseId, 'papers', paper.fileName);
    const bytes = fs.readFileSync(file);
    expect(paper.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(paper.url).toMatch(/^\/media\//);
    expect(custody.list({ caseId: exported.caseId }).at(-1)).toMatchObject({ action: 'paper.made', details: { sha256: paper.sha256, kind: 'receipt' } });
    if (havePdftotext) {
      const text = pdfText(file);
      expect(text).toContain(bundle.zipSha256!);
      expect(text).toContain('60A44C413C3BF1A0B9A3013D');
      expect(text).toContain('POLICE COPY');
      expect(text).not.toContain('Sam Patel');
    }
  });

  it('asks for the producer details for a statement, then prints it', async () => {
    const { papers } = exported.core.services;
    expect(await failureOf(papers.make({ bundleId: bundle.id, kind: 'statement', details: null, actor: 'user' }))).toMatchObject({ code: 'invalid_input' });
    const paper = await papers.make({
      bundleId: bundle.id,
      kind: 'statement',
      details: { jurisdiction: 'uk', role: 'Store manager', systemMakeModel: 'Dahua NVR4108HS', systemSerial: '7J0ABC123', clockCheckNote: null },
      actor: 'user',
    });
    if (havePdftotext) {
      const text = pdfText(path.join(root, 'data', 'cases', exported.caseId, 'papers', paper.fileName));
      expect(text).toContain('WITNESS STATEMENT');
      expect(text).toContain('Dahua NVR4108HS');
      for (const exhibit of bundle.exhibits) expect(text).toContain(exhibit.sha256);
    }
    expect(papers.list({ bundleId: bundle.id }).map((item) => item.kind)).toEqual(['statement', 'receipt']);
  });
});

describe('step 6, the police received it', () => {
  it('refuses a time before the stick was written, or in the future', () => {
    const { receipts } = exported.core.services;
    const record = (receivedAt: string) => () => receipts.record({ caseId: exported.caseId, bundleId: bundle.id, receipt: { ...receipt, receivedAt }, actor: 'user' });
    expect(record('2020-01-01T10:00:00Z')).toThrow(/before the USB stick was written/);
    expect(record(new Date(Date.now() + 86_400_000).toISOString())).toThrow(/in the future/);
  });

  it('records who received it, logs it, and finishes step 6', () => {
    const { receipts, custody, cases } = exported.core.services;
    const saved = receipts.record({ caseId: exported.caseId, bundleId: bundle.id, receipt, actor: 'user' });
    expect(saved).toMatchObject({ officer: receipt.officer, method: 'in_person', copyKept: true, scans: [] });
    expect(custody.list({ caseId: exported.caseId }).at(-2)).toMatchObject({
      action: 'receipt.recorded',
      details: { bundleId: bundle.id, zipSha256: bundle.zipSha256, officer: receipt.officer, confirmation: receipt.confirmation },
    });
    expect(cases.get({ caseId: exported.caseId }).steps.find((step) => step.id === 'receipt')?.state).toBe('done');
    expect(receipts.list({ caseId: exported.caseId })).toHaveLength(1);
  });

  it('keeps a photo of the signed receipt by its fingerprint, and logs it', async () => {
    const { receipts, custody } = exported.core.services;
    const [saved] = receipts.list({ caseId: exported.caseId });
    const photo = path.join(root, 'signed-receipt.png');
    spawnSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=size=320x240', '-frames:v', '1', photo]);
    const expected = createHash('sha256').update(fs.readFileSync(photo)).digest('hex');
    const updated = await receipts.addScan({ receiptId: saved!.id, source: { kind: 'typed', path: photo }, actor: 'user' });
    expect(updated!.scans).toMatchObject([{ fileName: 'signed-receipt.png', sha256: expected, bytes: fs.statSync(photo).size }]);
    expect(custody.list({ caseId: exported.caseId }).at(-1)).toMatchObject({ action: 'receipt.scanAdded', details: { sha256: expected } });
    expect(custody.verify().ok).toBe(true);
  });

  it('refuses what is not a photo or a scan, in plain words, and keeps nothing of it', async () => {
    const { receipts } = exported.core.services;
    const [saved] = receipts.list({ caseId: exported.caseId });
    const text = path.join(root, 'notes.txt');
    fs.writeFileSync(text, 'not a photo');
    const empty = path.join(root, 'empty.jpg');
    fs.writeFileSync(empty, '');
    const add = (file: string) => failureOf(receipts.addScan({ receiptId: saved!.id, source: { kind: 'typed', path: file }, actor: 'user' }));
    const refusals = [await add(text), await add(empty), await add(path.join(root, 'nowhere.jpg')), await add(root)].map((error) => [error.code, error.message]);
    expect(refusals).toEqual([
      ['invalid_input', 'That file is not a photo or a PDF. Use a JPEG, PNG, HEIC, WebP or TIFF photo, or a PDF scan.'],
      ['invalid_input', 'That file is empty. Take the photo or scan again.'],
      ['not_found', 'That file could not be found. Choose the photo or scan again.'],
      ['invalid_input', 'That is a folder, not a file. Choose the photo or scan itself.'],
    ]);
    expect(receipts.list({ caseId: exported.caseId })[0]!.scans).toHaveLength(1);
  });

  it('fills in a receipt printed afterwards with the officer and the time', async () => {
    const paper = await exported.core.services.papers.make({ bundleId: bundle.id, kind: 'receipt', details: null, actor: 'user' });
    expect(paper.fileName).toMatch(/_handover-receipt_2\.pdf$/);
    if (havePdftotext) {
      const text = pdfText(path.join(root, 'data', 'cases', exported.caseId, 'papers', paper.fileName));
      expect(text).toContain('Sam Patel');
      expect(text).toContain('Metropolitan Police');
    }
  });
});
