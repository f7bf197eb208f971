/**
 * The small text files of a bundle: SHA256SUMS (coreutils format), custody-log.jsonl, the clip notes, and
 * READ-ME-FIRST.txt for the officer. Pure functions of their inputs, so the verifier can rebuild and compare them.
 */
import type { CustodyEntry } from '../../../../src-shared/domain/custody';
import type { BundleManifest } from '../../../../src-shared/domain/bundle';
import type { Clip, Bookmark } from '../../../../src-shared/domain/review';
import { formatInstantInZone } from '../../../../src-shared/domain/time';

export const ZIP_NAMES = {
  manifest: 'manifest.json',
  signature: 'manifest.json.p7s',
  certificate: 'producer-certificate.pem',
  sums: 'SHA256SUMS',
  custody: 'custody-log.jsonl',
} as const;

export const BUNDLE_FILES = {
  readMe: 'READ-ME-FIRST.txt',
  zip: 'evidence.zip',
  zipSum: 'evidence.zip.sha256',
  opener: 'OPEN-EVIDENCE.html',
} as const;

/**
 * "<hash>  <path>\n" per file, sorted by path, '/'-separated: `sha256sum -c` reads it as is; Windows users compare
 * with `certutil -hashfile <file> SHA256` or `Get-FileHash`. A name with a newline or backslash would need
 * coreutils' escaping; the export never makes such names, so they are refused rather than escaped.
 */
export function sha256SumsText(files: readonly { name: string; sha256: string }[]): string {
  return [...files]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((file) => {
      if (/[\n\r\\]/.test(file.name)) throw new RangeError(`SHA256SUMS: unsupported character in ${JSON.stringify(file.name)}`);
      return `${file.sha256}  ${file.name}\n`;
    })
    .join('');
}

/** Parses SHA256SUMS as sha256sum writes it (text or binary mode marker); lines that are not entries are returned as problems. */
export function parseSha256Sums(text: string): { entries: Map<string, string>; problems: string[] } {
  const entries = new Map<string, string>();
  const problems: string[] = [];
  for (const [index, line] of text.split('\n').entries()) {
    if (line === '') continue;
    const match = /^([0-9a-f]{64}) [ *](.+)$/.exec(line);
    if (!match) {
      problems.push(`Line ${index + 1} of SHA256SUMS is not a fingerprint line.`);
      continue;
    }
    if (entries.has(match[2]!)) problems.push(`SHA256SUMS lists ${match[2]} twice.`);
    entries.set(match[2]!, match[1]!);
  }
  return { entries, problems };
}

/** One JSON object per line, in order, each with its hash and the hash of the entry before it in the whole log. */
export function custodyJsonl(entries: readonly CustodyEntry[]): string {
  return entries.map((entry) => JSON.stringify(entry)).join('\n') + (entries.length > 0 ? '\n' : '');
}

/** What step 1 recorded about the clips, for the officer: times in both clocks, labels and notes. */
export function clipNotesText(options: {
  caseTitle: string;
  timeZone: string;
  clips: readonly Clip[];
  bookmarks: readonly Bookmark[];
}): string {
  const when = (ms: number) => formatInstantInZone({ instantMs: ms, timeZone: options.timeZone });
  const lines = [`Clips and notes for: ${options.caseTitle}`, `Times are true times, in ${options.timeZone}.`, ''];
  lines.push('Clips');
  if (options.clips.length === 0) lines.push('  (none)');
  for (const [index, clip] of options.clips.entries()) {
    lines.push(`  ${index + 1}. ${clip.cameraLabel}: ${when(clip.startMs)} to ${when(clip.endMs)}${clip.label ? ` - ${clip.label}` : ''}`);
    if (clip.note) lines.push(`     Note: ${clip.note}`);
  }
  lines.push('', 'Marked moments');
  if (options.bookmarks.length === 0) lines.push('  (none)');
  for (const bookmark of options.bookmarks) {
    lines.push(`  - ${when(bookmark.atMs)}${bookmark.cameraLabel ? ` (${bookmark.cameraLabel})` : ''}: ${bookmark.note}`);
  }
  return lines.join('\n') + '\n';
}

/**
 * For the officer, in plain words. No personal data about the incident: the case title and notes stay inside the
 * encrypted zip; only the crime reference, the producer and the fingerprints are outside.
 */
export function readMeFirstText(options: { manifest: BundleManifest; zipSha256: string; zipBytes: number }): string {
  const { manifest, zipSha256, zipBytes } = options;
  const { producer } = manifest;
  const gb = (zipBytes / 1e9).toFixed(2);
  return [
    'READ ME FIRST',
    '=============',
    '',
    'This folder holds CCTV evidence handed over to the police.',
    '',
    `Produced by:   ${producer.organisation}`,
    `Person:        ${producer.person}`,
    `Contact:       ${producer.contact}`,
    `Crime reference: ${manifest.case.reference ?? '(not given)'}`,
    `Made:          ${manifest.createdAt} (UTC) with ${manifest.software.name} ${manifest.software.version}`,
    '',
    'WHAT IS HERE',
    `  evidence.zip          the footage, pictures and documents, encrypted (${gb} GB)`,
    '  evidence.zip.sha256   the fingerprint (SHA-256) of evidence.zip',
    '  OPEN-EVIDENCE.html    opens and checks evidence.zip in Edge or Chrome, with no software to install',
    '  READ-ME-FIRST.txt     this file',
    '',
    'THE PASSWORD',
    '  evidence.zip is locked with a password (AES-256). The password is NOT on this drive.',
    '  It is given to you separately, by phone or in person. Ask the contact above if you do not have it.',
    '',
    'HOW TO OPEN IT',
    '  - 7-Zip, WinZip, WinRAR (Windows) or Keka (Mac): open evidence.zip and type the password.',
    '    Windows Explorer\'s built-in zip support cannot open AES-encrypted files.',
    '  - Or open OPEN-EVIDENCE.html in Edge or Chrome, pick evidence.zip and type the password.',
    '    It checks every file against its fingerprint and can save them to a folder.',
    '',
    'HOW TO CHECK NOTHING HAS CHANGED',
    `  SHA-256 of evidence.zip: ${zipSha256}`,
    '    Windows:  certutil -hashfile evidence.zip SHA256',
    '    Mac/Linux: shasum -a 256 evidence.zip   (or: sha256sum -c evidence.zip.sha256)',
    '  Inside the zip, SHA256SUMS lists the fingerprint of every file (sha256sum -c SHA256SUMS),',
    '  and manifest.json describes every exhibit: camera, times (true time and the recorder\'s clock),',
    '  what it was made from and how. manifest.json.p7s is a digital signature over manifest.json.',
    '',
    'WHO SIGNED IT',
    `  Signer certificate (producer-certificate.pem, inside the zip): ${producer.certificateSubject}`,
    `  Its SHA-256 fingerprint: ${producer.certificateFingerprintSha256}`,
    '  Check the signature with:',
    '    openssl cms -verify -binary -inform DER -in manifest.json.p7s -content manifest.json -CAfile producer-certificate.pem -out NUL',
    '',
    'THE RECORDER\'S CLOCK',
    ...manifest.recorders.map((recorder) => `  ${recorder.label}: ${recorder.clockDescription} (time zone ${recorder.timeZone}).`),
    '  manifest.json gives every exhibit\'s times both as the recorder showed them and as true time.',
    '',
  ].join('\r\n');
}
