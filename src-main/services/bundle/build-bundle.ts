/**
 * Builds the bundle folder in the app's data folder: the signed manifest, SHA256SUMS and the exports locked into
 * evidence.zip, then the files beside it. Writing it to a USB stick is a separate step (destination/write-bundle.ts),
 * so the stick is only touched once the bundle is whole, and the local copy is the one step 7 archives.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { BundleManifest } from '../../../src-shared/domain/bundle';
import type { CustodyEntry } from '../../../src-shared/domain/custody';
import { buildManifest, type ManifestInput, type ZipPlanEntry } from './manifest/build-manifest';
import { BUNDLE_FILES, ZIP_NAMES, custodyJsonl, readMeFirstText, sha256SumsText } from './manifest/bundle-texts';
import { renderOpenEvidencePage } from './opener/open-evidence-page';
import { signDetached } from './signing/cms-sign';
import type { ProducerKey } from './signing/producer-key';
import { aesZipSize, writeAesZip, type WrittenZip } from './zip/aes-zip-writer';

export interface BuiltBundle {
  manifest: BundleManifest;
  zip: WrittenZip;
  /** Every file of the bundle folder with its size and SHA-256, the zip first. */
  files: { name: string; file: string; size: number; sha256: string }[];
}

export type BundleContents = Omit<ManifestInput, 'certificate' | 'custodyLog'>;

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');
const utf8 = (text: string) => Buffer.from(text, 'utf8');

/** Everything that goes into evidence.zip, in the order it is written: the small signed files first. */
function planZip(options: { contents: BundleContents; custodyEntries: readonly CustodyEntry[]; key: ProducerKey }): { manifest: BundleManifest; entries: ZipPlanEntry[] } {
  const { contents, custodyEntries, key } = options;
  const custodyData = utf8(custodyJsonl(custodyEntries));
  const { manifest, entries } = buildManifest({
    ...contents,
    certificate: { fingerprintSha256: key.fingerprintSha256, subject: key.subject },
    custodyLog: { name: ZIP_NAMES.custody, entries: custodyEntries.length, lastHash: custodyEntries.at(-1)?.hash ?? null },
  });
  const manifestData = utf8(`${JSON.stringify(manifest, null, 2)}\n`);
  const signature = signDetached({ content: manifestData, key, signingTime: contents.createdAt });
  const certificate = utf8(key.certificatePem);
  const small = (name: string, data: Uint8Array): ZipPlanEntry => ({ name, data, size: data.byteLength, sha256: sha256(data) });
  const signed = [small(ZIP_NAMES.manifest, manifestData), small(ZIP_NAMES.signature, signature), small(ZIP_NAMES.certificate, certificate)];
  const custody = small(ZIP_NAMES.custody, custodyData);
  const sums = small(ZIP_NAMES.sums, utf8(sha256SumsText([...signed, ...entries, custody])));
  return { manifest, entries: [...signed, sums, ...entries, custody] };
}

/** The zip's size before it is written, for the free-space check; the small files are a few kilobytes each. */
export function estimateBundleBytes(options: { outputs: readonly { path: string; size: number }[]; documents: readonly { name: string; size: number }[] }): number {
  const names = [...options.outputs.map((o) => ({ name: `x/JS_100_${o.path}`, size: o.size })), ...options.documents.map((d) => ({ name: `documents/JS_100_${d.name}`, size: d.size }))];
  const smallFiles = 5 * 256 * 1024;
  const zip = aesZipSize({ entries: [...names, ...Object.values(ZIP_NAMES).map((name) => ({ name, size: 64 * 1024 }))] });
  return zip + smallFiles;
}

export async function buildBundleFolder(options: {
  /** Must not exist yet; created here and removed again if anything fails. */
  folder: string;
  contents: BundleContents;
  custodyEntries: readonly CustodyEntry[];
  key: ProducerKey;
  password: string;
  signal: AbortSignal;
  onProgress?: (progress: { bytesDone: number; bytesTotal: number }) => void;
}): Promise<BuiltBundle> {
  const { folder, contents, key } = options;
  fs.mkdirSync(path.dirname(folder), { recursive: true });
  fs.mkdirSync(folder);
  try {
    const { manifest, entries } = planZip({ contents, custodyEntries: options.custodyEntries, key });
    const zipFile = path.join(folder, BUNDLE_FILES.zip);
    const zip = await writeAesZip({
      outFile: zipFile,
      entries: entries.map((entry) => ({ ...entry, expectedSha256: entry.sha256, modifiedAt: contents.createdAt })),
      password: options.password,
      signal: options.signal,
      onProgress: options.onProgress,
    });
    const sidecars: [string, string][] = [
      [BUNDLE_FILES.zipSum, `${zip.sha256}  ${BUNDLE_FILES.zip}\n`],
      [BUNDLE_FILES.readMe, readMeFirstText({ manifest, zipSha256: zip.sha256, zipBytes: zip.size })],
      [
        BUNDLE_FILES.opener,
        renderOpenEvidencePage({
          zipSha256: zip.sha256,
          bundleName: contents.bundleName,
          caseReference: contents.caseInfo.reference,
          producerOrganisation: contents.producer.organisation,
          certificateFingerprint: key.fingerprintSha256,
        }),
      ],
    ];
    const files: BuiltBundle['files'] = [{ name: BUNDLE_FILES.zip, file: zipFile, size: zip.size, sha256: zip.sha256 }];
    for (const [name, text] of sidecars) {
      const data = utf8(text);
      const file = path.join(folder, name);
      fs.writeFileSync(file, data, { flag: 'wx' });
      files.push({ name, file, size: data.byteLength, sha256: sha256(data) });
    }
    return { manifest, zip, files };
  } catch (error) {
    fs.rmSync(folder, { recursive: true, force: true });
    throw error;
  }
}
