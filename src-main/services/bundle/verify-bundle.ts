/**
 * Checks a bundle folder as the police would: without the password, the zip's fingerprint and layout; with it,
 * every file inside against SHA256SUMS and the manifest, the signature, and the custody log's chain. Every failing
 * check names its file, so "verify" can say exactly what is wrong.
 */
import fs from 'node:fs';
import path from 'node:path';
import { bundleManifestSchema, type BundleCheck, type BundleManifest, type BundleVerification } from '../../../src-shared/domain/bundle';
import type { CustodyEntry } from '../../../src-shared/domain/custody';
import { hashCustodyEntry } from '../custody/custody-log';
import { isAppError } from '../errors';
import { hashFile } from '../export/hashed-copy';
import { BUNDLE_FILES, ZIP_NAMES, parseSha256Sums, readMeFirstText } from './manifest/bundle-texts';
import { renderOpenEvidencePage } from './opener/open-evidence-page';
import { verifyDetached } from './signing/cms-verify';
import { checkAesZip, readAesZipEntry, readZipDirectory } from './zip/aes-zip-reader';

type Check = (check: Omit<BundleCheck, 'file'> & { file?: string | null }) => void;

/** The custody log inside the zip: each entry's own hash, the links between neighbours, and its end as the manifest says. */
export function checkCustodyLines(options: { text: string; manifest: BundleManifest }): string[] {
  const problems: string[] = [];
  const entries: CustodyEntry[] = [];
  for (const [index, line] of options.text.split('\n').entries()) {
    if (line === '') continue;
    try {
      entries.push(JSON.parse(line) as CustodyEntry);
    } catch {
      problems.push(`Line ${index + 1} of the custody log is not readable.`);
    }
  }
  entries.forEach((entry, index) => {
    const { hash, ...unsigned } = entry;
    if (hashCustodyEntry(unsigned) !== hash) problems.push(`Custody log entry ${entry.seq} was changed after it was written.`);
    const previous = entries[index - 1];
    // Entries of other cases sit between this case's entries in the shop's log and are left out, so only
    // neighbours in the full log can be linked; the manifest's signed count and last hash cover the rest.
    if (previous && entry.seq === previous.seq + 1 && entry.prevHash !== previous.hash) problems.push(`Custody log entry ${entry.seq} does not follow on from entry ${previous.seq}.`);
    if (previous && entry.seq <= previous.seq) problems.push(`Custody log entry ${entry.seq} is out of order.`);
  });
  const { custodyLog } = options.manifest;
  if (entries.length !== custodyLog.entries) problems.push(`The custody log has ${entries.length} entries; the signed manifest says ${custodyLog.entries}.`);
  if ((entries.at(-1)?.hash ?? null) !== custodyLog.lastHash) problems.push('The custody log does not end where the signed manifest says it does.');
  return problems;
}

async function checkOutside(options: { bundleDir: string; check: Check }): Promise<{ zipSha256: string | null; zipBytes: number }> {
  const { bundleDir, check } = options;
  const present = fs.existsSync(bundleDir) ? fs.readdirSync(bundleDir) : [];
  const expected: string[] = Object.values(BUNDLE_FILES);
  for (const name of expected) {
    if (!present.includes(name)) check({ id: 'file-present', ok: false, file: name, message: `${name} is missing from the bundle folder.` });
  }
  for (const name of present.filter((candidate) => !expected.includes(candidate))) {
    check({ id: 'no-extra-files', ok: false, file: name, message: `${name} is in the bundle folder but is not part of the bundle.` });
  }
  const zipFile = path.join(bundleDir, BUNDLE_FILES.zip);
  if (!present.includes(BUNDLE_FILES.zip)) return { zipSha256: null, zipBytes: 0 };
  // Only the check inside the zip is cancellable; this one reads to the end.
  const { sha256: zipSha256, size: zipBytes } = await hashFile({ file: zipFile, signal: new AbortController().signal });
  if (present.includes(BUNDLE_FILES.zipSum)) {
    const stated = /^([0-9a-f]{64}) [ *]evidence\.zip\r?\n?$/.exec(fs.readFileSync(path.join(bundleDir, BUNDLE_FILES.zipSum), 'utf8'));
    if (!stated) check({ id: 'zip-hash', ok: false, file: BUNDLE_FILES.zipSum, message: `${BUNDLE_FILES.zipSum} is not in the expected "fingerprint  evidence.zip" form.` });
    else if (stated[1] !== zipSha256) {
      // READ-ME-FIRST.txt and the page give the fingerprint too: when they agree with the zip, the .sha256 file changed.
      const othersAgree = [BUNDLE_FILES.readMe, BUNDLE_FILES.opener].every((name) => present.includes(name) && fs.readFileSync(path.join(bundleDir, name), 'utf8').includes(zipSha256));
      check({
        id: 'zip-hash',
        ok: false,
        file: othersAgree ? BUNDLE_FILES.zipSum : BUNDLE_FILES.zip,
        message: othersAgree
          ? `${BUNDLE_FILES.zipSum} was changed: it gives ${stated[1]}, but evidence.zip's fingerprint is ${zipSha256}, as READ-ME-FIRST.txt and OPEN-EVIDENCE.html say.`
          : `evidence.zip was changed: its fingerprint is ${zipSha256}, not ${stated[1]} as written beside it.`,
      });
    }
    else check({ id: 'zip-hash', ok: true, file: BUNDLE_FILES.zip, message: `evidence.zip's fingerprint matches: ${zipSha256}.` });
  }
  for (const name of [BUNDLE_FILES.readMe, BUNDLE_FILES.opener]) {
    if (present.includes(name) && !fs.readFileSync(path.join(bundleDir, name), 'utf8').includes(zipSha256)) {
      check({ id: 'zip-hash-stated', ok: false, file: name, message: `${name} does not give evidence.zip's fingerprint ${zipSha256}.` });
    }
  }
  const directory = await readZipDirectory({ file: zipFile });
  for (const problem of directory.problems) check({ id: 'zip-structure', ok: false, file: BUNDLE_FILES.zip, message: problem });
  const unlocked = directory.entries.filter((entry) => !entry.encrypted || entry.aesStrength !== 3);
  for (const entry of unlocked) check({ id: 'zip-encrypted', ok: false, file: entry.name, message: `${entry.name} in evidence.zip is not locked with AES-256.` });
  if (directory.problems.length === 0 && unlocked.length === 0) {
    check({ id: 'zip-structure', ok: true, file: BUNDLE_FILES.zip, message: `evidence.zip is whole: ${directory.entries.length} files, all locked with AES-256.` });
  }
  return { zipSha256, zipBytes };
}

async function checkInside(options: { bundleDir: string; password: string; zipSha256: string; zipBytes: number; check: Check; signal?: AbortSignal }): Promise<void> {
  const { bundleDir, password, check } = options;
  const zipFile = path.join(bundleDir, BUNDLE_FILES.zip);
  const contents = await checkAesZip({ file: zipFile, password, signal: options.signal });
  for (const problem of contents.problems) check({ id: 'zip-contents', ok: false, file: BUNDLE_FILES.zip, message: problem });
  for (const entry of contents.entries.filter((candidate) => !candidate.authentic)) {
    check({ id: 'entry-authentic', ok: false, file: entry.name, message: `${entry.name} inside evidence.zip was changed or damaged (its lock's check code does not match).` });
  }
  const read = async (name: string) => (await readAesZipEntry({ file: zipFile, password, name, maxBytes: 64 * 1024 * 1024 })).toString('utf8');
  const byName = new Map(contents.entries.map((entry) => [entry.name, entry]));

  const sums = parseSha256Sums(await read(ZIP_NAMES.sums));
  for (const problem of sums.problems) check({ id: 'sums', ok: false, file: ZIP_NAMES.sums, message: problem });
  for (const [name, sha256] of sums.entries) {
    const entry = byName.get(name);
    if (!entry) check({ id: 'sums', ok: false, file: name, message: `${name} is listed in SHA256SUMS but is not in evidence.zip.` });
    else if (entry.sha256 !== sha256) check({ id: 'sums', ok: false, file: name, message: `${name} does not match its fingerprint in SHA256SUMS.` });
  }
  for (const name of byName.keys()) {
    if (name !== ZIP_NAMES.sums && !sums.entries.has(name)) check({ id: 'sums', ok: false, file: name, message: `${name} is in evidence.zip but not in SHA256SUMS.` });
  }

  const manifestText = await read(ZIP_NAMES.manifest);
  const parsed = bundleManifestSchema.safeParse(JSON.parse(manifestText));
  if (!parsed.success) {
    check({ id: 'manifest', ok: false, file: ZIP_NAMES.manifest, message: 'manifest.json is not in the bundle format this version reads.' });
    return;
  }
  const manifest = parsed.data;
  for (const exhibit of manifest.exhibits) {
    const entry = byName.get(exhibit.file);
    if (!entry) check({ id: 'manifest', ok: false, file: exhibit.file, message: `Exhibit ${exhibit.id} (${exhibit.file}) is missing from evidence.zip.` });
    else if (entry.size !== exhibit.size || entry.sha256 !== exhibit.sha256) check({ id: 'manifest', ok: false, file: exhibit.file, message: `Exhibit ${exhibit.id} (${exhibit.file}) does not match the manifest's size and fingerprint.` });
  }

  const certificatePem = await read(ZIP_NAMES.certificate);
  const signature = await readAesZipEntry({ file: zipFile, password, name: ZIP_NAMES.signature });
  const verified = verifyDetached({ content: Buffer.from(manifestText, 'utf8'), signature, expectedCertificatePem: certificatePem });
  for (const problem of verified.problems) check({ id: 'signature', ok: false, file: ZIP_NAMES.signature, message: problem });
  if (verified.ok && verified.signerFingerprintSha256 !== manifest.producer.certificateFingerprintSha256) {
    check({ id: 'signature', ok: false, file: ZIP_NAMES.certificate, message: 'The signing certificate is not the one the manifest names.' });
  } else if (verified.ok) {
    check({ id: 'signature', ok: true, file: ZIP_NAMES.signature, message: `The manifest's signature is valid, signed by ${verified.signerSubject ?? 'the producer'}.` });
  }

  for (const problem of checkCustodyLines({ text: await read(ZIP_NAMES.custody), manifest })) check({ id: 'custody', ok: false, file: ZIP_NAMES.custody, message: problem });

  const readMe = path.join(bundleDir, BUNDLE_FILES.readMe);
  if (fs.existsSync(readMe) && fs.readFileSync(readMe, 'utf8') !== readMeFirstText({ manifest, zipSha256: options.zipSha256, zipBytes: options.zipBytes })) {
    check({ id: 'read-me', ok: false, file: BUNDLE_FILES.readMe, message: `${BUNDLE_FILES.readMe} was changed after the bundle was made.` });
  }
  const opener = path.join(bundleDir, BUNDLE_FILES.opener);
  const expectedPage = renderOpenEvidencePage({
    zipSha256: options.zipSha256,
    bundleName: manifest.bundleName,
    caseReference: manifest.case.reference,
    producerOrganisation: manifest.producer.organisation,
    certificateFingerprint: manifest.producer.certificateFingerprintSha256,
  });
  if (fs.existsSync(opener) && fs.readFileSync(opener, 'utf8') !== expectedPage) {
    check({ id: 'opener', ok: false, file: BUNDLE_FILES.opener, message: `${BUNDLE_FILES.opener} differs from the page this version of Handover writes (it was changed, or made by another version).` });
  }
  if (contents.entries.every((entry) => entry.authentic)) {
    check({ id: 'zip-contents', ok: true, file: BUNDLE_FILES.zip, message: `All ${contents.entries.length} files inside evidence.zip opened with the password and passed their checks.` });
  }
}

export async function verifyBundleFolder(options: { bundleDir: string; password: string | null; signal?: AbortSignal }): Promise<BundleVerification> {
  const checks: BundleCheck[] = [];
  const check: Check = (item) => checks.push({ ...item, file: item.file ?? null });
  const { zipSha256, zipBytes } = await checkOutside({ bundleDir: options.bundleDir, check });
  let contentsChecked = false;
  if (options.password !== null && zipSha256 !== null) {
    try {
      await checkInside({ bundleDir: options.bundleDir, password: options.password, zipSha256, zipBytes, check, signal: options.signal });
      contentsChecked = true;
    } catch (error) {
      if (!isAppError(error) || error.code === 'cancelled') throw error;
      check({ id: error.code === 'wrong_password' ? 'password' : 'zip-contents', ok: false, file: BUNDLE_FILES.zip, message: error.message });
    }
  }
  const failing = [...new Set(checks.filter((item) => !item.ok).map((item) => item.file ?? item.id))];
  return { ok: checks.every((item) => item.ok) && (options.password === null || contentsChecked), bundleDir: options.bundleDir, contentsChecked, checks, failing };
}
