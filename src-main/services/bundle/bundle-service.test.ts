/**
 * The whole of step 5 on real footage, checked with the tools police IT would use: 7z, openssl and sha256sum.
 * One bundle is made in beforeAll (a real export and a real RSA key take seconds) and copied for the tamper tests.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleManifestSchema, type BundleSummary } from '../../../src-shared/domain/bundle';
import type { AppCore } from '../../app-core';
import { makeExportedCase, TEST_PRODUCER as PROFILE, writeBundleTo } from './bundle-test-setup';
import { BUNDLE_FILES } from './manifest/bundle-texts';
import { verifyBundleFolder } from './verify-bundle';

let root = '';
let core: AppCore;
let caseId = '';
let exportId = '';
let password = '';
let bundle: BundleSummary;
let bundleDir = '';

function sevenZip(args: string[], cwd?: string) {
  return spawnSync('7z', args, { cwd, encoding: 'utf8' });
}

/** A copy of the written bundle to damage, so each test starts from the good one. */
function copyOfBundle(): string {
  const dir = path.join(fs.mkdtempSync(path.join(root, 'copy-')), bundle.bundleName);
  fs.cpSync(bundleDir, dir, { recursive: true });
  return dir;
}

function flipByte(file: string, at: number): void {
  const fd = fs.openSync(file, 'r+');
  const byte = Buffer.alloc(1);
  fs.readSync(fd, byte, 0, 1, at);
  byte[0] = byte[0]! ^ 0xff;
  fs.writeSync(fd, byte, 0, 1, at);
  fs.closeSync(fd);
}

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'handover-bundle-'));
  ({ core, caseId, exportId } = await makeExportedCase({ root }));
  const stick = path.join(root, 'stick');
  fs.mkdirSync(stick);
  const written = await writeBundleTo({ exported: { core, caseId, exportId }, destination: { kind: 'typed', path: stick } });
  expect(written.job.error).toBeNull();
  password = written.password;
  bundle = written.bundle;
  bundleDir = path.join(stick, bundle.bundleName);
}, 180_000);

afterAll(async () => {
  await core.close();
  fs.rmSync(root, { recursive: true, force: true });
});

describe('a written bundle', () => {
  it('has the four files, a zip whose fingerprint matches, and records what was written', () => {
    expect(bundle).toMatchObject({ state: 'succeeded', destination: path.dirname(bundleDir), verifyMethod: expect.stringMatching(/direct|cached/) as string });
    expect(bundle.bundleName).toMatch(/^HANDOVER_NO-REF_\d{8}-\d{4}$/);
    expect(fs.readdirSync(bundleDir).sort()).toEqual([BUNDLE_FILES.opener, BUNDLE_FILES.readMe, BUNDLE_FILES.zip, BUNDLE_FILES.zipSum].sort());
    expect(execFileSync('sha256sum', ['-c', BUNDLE_FILES.zipSum], { cwd: bundleDir, encoding: 'utf8' })).toBe('evidence.zip: OK\n');
    const readMe = fs.readFileSync(path.join(bundleDir, BUNDLE_FILES.readMe), 'utf8');
    expect(readMe).toContain(bundle.zipSha256!);
    expect(readMe).toContain(bundle.certificateFingerprint!);
    expect(readMe).not.toContain('Theft at the till'); // the case title stays inside the encrypted zip
    expect(readMe).not.toContain(password);
    const actions = core.services.custody.list({ caseId }).map((entry) => entry.action);
    expect(actions.slice(-4)).toEqual(['bundle.started', 'bundle.written', 'bundle.verified', 'case.stepStateChanged']);
    expect(core.services.cases.get({ caseId }).steps.find((step) => step.id === 'usb')?.state).toBe('done');
    // The password is nowhere in the data folder: not in the database, the log or the local copy.
    for (const file of execFileSync('find', [path.join(root, 'data'), '-type', 'f'], { encoding: 'utf8' }).trim().split('\n')) {
      expect(fs.readFileSync(file).includes(Buffer.from(password)), file).toBe(false);
    }
  });

  it('opens in 7-Zip with the password, and sha256sum -c and openssl cms -verify pass inside', () => {
    const zip = path.join(bundleDir, BUNDLE_FILES.zip);
    const tested = sevenZip(['t', `-p${password}`, zip]);
    expect(tested.stdout).toContain('Everything is Ok');
    expect(tested.stdout + tested.stderr).not.toMatch(/Headers Error|WARNING/i);
    const out = fs.mkdtempSync(path.join(root, 'x-'));
    expect(sevenZip(['x', `-p${password}`, `-o${out}`, zip]).status).toBe(0);
    const sums = execFileSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: out, encoding: 'utf8' });
    expect(sums.trim().split('\n').every((line) => line.endsWith(': OK'))).toBe(true);
    const manifest = bundleManifestSchema.parse(JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8')));
    expect(manifest.exhibits.map((exhibit) => [exhibit.id, exhibit.kind])).toEqual([
      ['JS/1', 'master'],
      ['JS/2', 'working'],
      ['JS/3', 'still'],
      ['JS/4', 'document'],
    ]);
    expect(sums).toContain(manifest.exhibits[0]!.file);
    for (const exhibit of manifest.exhibits) expect(fs.statSync(path.join(out, exhibit.file)).size).toBe(exhibit.size);
    expect(manifest.recorders[0]).toMatchObject({ timeZone: 'Europe/London', cameras: ['Camera 1', 'Camera 2'] });
    expect(manifest.producer).toMatchObject({ organisation: PROFILE.organisation, certificateFingerprintSha256: bundle.certificateFingerprint });
    for (const trust of [['-noverify'], ['-CAfile', 'producer-certificate.pem']]) {
      const verified = spawnSync('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', 'manifest.json.p7s', '-content', 'manifest.json', ...trust, '-out', '/dev/null'], { cwd: out, encoding: 'utf8' });
      expect(verified.stderr).toContain('Verification successful');
      expect(verified.status).toBe(0);
    }
    const custody = fs.readFileSync(path.join(out, 'custody-log.jsonl'), 'utf8').trim().split('\n');
    expect(custody).toHaveLength(manifest.custodyLog.entries);
    expect(sevenZip(['t', '-pnot the password', zip]).status).not.toBe(0);
  });

  it('passes verify with and without the password', async () => {
    const withPassword = await verifyBundleFolder({ bundleDir, password });
    expect(withPassword.checks.filter((check) => !check.ok)).toEqual([]);
    expect(withPassword).toMatchObject({ ok: true, contentsChecked: true, failing: [] });
    expect(await verifyBundleFolder({ bundleDir, password: null })).toMatchObject({ ok: true, contentsChecked: false });
    expect(await core.services.bundles.verify({ bundleId: bundle.id, password, actor: 'user' })).toMatchObject({ ok: true });
  });

  it('says plainly when the password is wrong', async () => {
    const result = await verifyBundleFolder({ bundleDir, password: 'wrong-password-entirely' });
    expect(result.ok).toBe(false);
    expect(result.checks.find((check) => check.id === 'password')?.message).toMatch(/password/i);
  });
});

describe('a changed byte', () => {
  it.each([BUNDLE_FILES.readMe, BUNDLE_FILES.opener, BUNDLE_FILES.zipSum])('in %s fails verify, naming it', async (name) => {
    const dir = copyOfBundle();
    flipByte(path.join(dir, name), name === BUNDLE_FILES.zipSum ? 3 : 40);
    const result = await verifyBundleFolder({ bundleDir: dir, password });
    expect(result.ok).toBe(false);
    expect(result.failing).toContain(name);
  });

  it('in the fingerprint written beside the zip (still a fingerprint) blames that file, not the zip', async () => {
    const dir = copyOfBundle();
    const file = path.join(dir, BUNDLE_FILES.zipSum);
    const text = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, (text[0] === '0' ? '1' : '0') + text.slice(1));
    const result = await verifyBundleFolder({ bundleDir: dir, password: null });
    expect(result.failing).toEqual([BUNDLE_FILES.zipSum]);
  });

  it('anywhere in evidence.zip fails verify, naming the file inside that changed', async () => {
    const listing = sevenZip(['l', '-slt', `-p${password}`, path.join(bundleDir, BUNDLE_FILES.zip)]).stdout;
    const names = [...listing.matchAll(/^Path = (.+)$/gm)].map((match) => match[1]!).slice(1);
    for (const name of names) {
      const dir = copyOfBundle();
      const zip = path.join(dir, BUNDLE_FILES.zip);
      // The entry's data starts after its local header; flip a byte in its middle.
      const { readZipDirectory } = await import('./zip/aes-zip-reader');
      const entry = (await readZipDirectory({ file: zip })).entries.find((candidate) => candidate.name === name)!;
      const header = Buffer.alloc(30);
      const fd = fs.openSync(zip, 'r');
      fs.readSync(fd, header, 0, 30, entry.localHeaderOffset);
      fs.closeSync(fd);
      const dataStart = entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
      flipByte(zip, dataStart + 18 + Math.floor(Math.max(0, entry.size - 1) / 2));
      const result = await verifyBundleFolder({ bundleDir: dir, password });
      expect(result.ok, name).toBe(false);
      expect(result.failing, name).toEqual(expect.arrayContaining([BUNDLE_FILES.zip, name]));
    }
  }, 120_000);
});

describe('before writing', () => {
  it('waits for the clock question, and clears away an unfinished copy a failed write left', async () => {
    const { bundles, catalogue } = core.services;
    const [source] = catalogue.listSources({ caseId });
    catalogue.setClock({ sourceId: source!.id, timeZone: 'Europe/London', answer: { kind: 'skip', reason: 'x' }, actor: 'user' });
    const stick = fs.mkdtempSync(path.join(root, 'stick-'));
    // Unanswered is only possible on a fresh folder; a skip with a reason counts as an answer.
    const ready = await bundles.chooseDestination({ caseId, exportId, destination: { kind: 'typed', path: stick } });
    expect(ready!.checks.find((check) => check.id === 'clock')).toMatchObject({ ok: true });
    fs.mkdirSync(path.join(stick, `${ready!.bundleName}.partial`));
    const blocked = await bundles.refreshDestination({ destinationId: ready!.destinationId });
    expect(blocked).toMatchObject({ ok: false, stalePartial: true });
    const cleared = await bundles.removeStalePartial({ destinationId: ready!.destinationId, actor: 'user' });
    expect(cleared).toMatchObject({ ok: true, stalePartial: false });
    expect(fs.readdirSync(stick)).toEqual([]);
  });

  it('refuses to write while a footage folder\'s clock question is unanswered, or for an export of another case', async () => {
    const { bundles, catalogue, cases } = core.services;
    const other = cases.create({ title: 'Second case', incidentType: 'theft', actor: 'user' });
    await expect(bundles.chooseDestination({ caseId: other.id, exportId, destination: { kind: 'typed', path: root } })).rejects.toThrow(/another case/);
    catalogue.addSource({ caseId, rootPath: fs.mkdtempSync(path.join(root, 'second-recorder-')), timeZone: 'Europe/London', actor: 'user' });
    const stick = fs.mkdtempSync(path.join(root, 'stick-'));
    const destination = await bundles.chooseDestination({ caseId, exportId, destination: { kind: 'typed', path: stick } });
    expect(destination!.ok).toBe(false);
    expect(destination!.checks.find((check) => check.id === 'clock' && !check.ok)?.message).toContain('Answer the clock question');
    expect(() => bundles.start({ caseId, exportId, destinationId: destination!.destinationId, password: bundles.suggestPassword().password, actor: 'user' })).toThrow(/clock question/);
  });
});
