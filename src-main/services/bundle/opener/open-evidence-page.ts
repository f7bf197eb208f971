/**
 * OPEN-EVIDENCE.html: one self-contained, offline page that goes beside evidence.zip in a bundle. The officer opens it
 * from the USB stick (file://, Edge or Chrome, nothing to install), picks evidence.zip and types the password; the page
 * fingerprints the whole zip against the hash embedded here, then decrypts each file with zip.js, streaming it through
 * SHA-256 (hash-wasm) and comparing it with SHA256SUMS and manifest.json, and can save the files to a folder as it goes.
 *
 * The page is assembled from `resources/open-evidence/` (template, plain-JS page script, CSS) and the two vendor
 * scripts' prebuilt browser bundles from node_modules, all inlined. Only the embedded JSON block differs per bundle.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../errors';
import { electronResourcesPath, isExistingFile, selfAndAncestors } from '../../resource-paths';

/** The page's file name in the bundle folder. */
export const OPEN_EVIDENCE_FILE_NAME = 'OPEN-EVIDENCE.html';

export interface OpenEvidencePageOptions {
  /** SHA-256 of evidence.zip, 64 hex digits (either case; embedded lower-case). */
  zipSha256: string;
  /** The bundle folder's name, e.g. `HANDOVER_<ref>_<YYYYMMDD-HHMM>`. */
  bundleName: string;
  caseReference: string | null;
  producerOrganisation: string;
  /** The producer certificate's fingerprint, shown as given beside the openssl command that prints it. */
  certificateFingerprint: string;
}

/**
 * No network at all: only the page's own inline script and style, WASM compilation (hash-wasm and zip.js's AES), and
 * `data:` for zip.js fetching its own inlined WASM module (a `data:` URL never leaves the computer).
 */
export const OPEN_EVIDENCE_CSP = [
  "default-src 'none'",
  "script-src 'unsafe-inline' 'wasm-unsafe-eval'",
  "style-src 'unsafe-inline'",
  'img-src data: blob:',
  'connect-src data:',
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const TEMPLATE_FOLDER = ['resources', 'open-evidence'] as const;
const TEMPLATE_FILES = { html: 'template.html', script: 'page.js', style: 'page.css' } as const;

/**
 * The vendor scripts: zip.js's full browser bundle (it carries the WASM AES/HMAC, about three times faster than the
 * plain-JS one in `zip-core`, which matters for a 4 GB zip) and hash-wasm's SHA-256 UMD build. zip.js's `exports`
 * map does not expose `dist/`, so both are found from their package.json.
 */
const VENDOR_SCRIPTS = {
  zipjs: { packageJson: '@zip.js/zip.js/package.json', file: ['dist', 'zip.min.js'] },
  sha256: { packageJson: 'hash-wasm/package.json', file: ['dist', 'sha256.umd.min.js'] },
} as const;

const PLACEHOLDERS = {
  csp: '@@OPEN_EVIDENCE_CSP@@',
  style: '@@OPEN_EVIDENCE_STYLE@@',
  data: '@@OPEN_EVIDENCE_DATA@@',
  zipjs: '@@OPEN_EVIDENCE_ZIPJS@@',
  sha256: '@@OPEN_EVIDENCE_SHA256@@',
  script: '@@OPEN_EVIDENCE_SCRIPT@@',
} as const;

export interface ResolveOpenEvidenceTemplateOptions {
  /** Electron's `process.resourcesPath` in a packaged app; unset when running from source. */
  resourcesPath?: string;
  /** Where to start looking upwards for `resources/open-evidence` (the repo root from source, the app root once built). */
  searchFrom?: string;
  isFile?: (candidate: string) => boolean;
}

/**
 * Every folder the template may be in, in the order they are tried. Unlike the font (read by ffmpeg, so it must be
 * unpacked), these files are only read by this process, and Electron's `fs` reads inside `app.asar` directly.
 */
export function openEvidenceTemplateCandidates(options: ResolveOpenEvidenceTemplateOptions = {}): string[] {
  const resourcesPath = options.resourcesPath ?? electronResourcesPath();
  const candidates: string[] = [];
  if (resourcesPath !== undefined) candidates.push(path.join(resourcesPath, 'app.asar', ...TEMPLATE_FOLDER));
  // Walking up works from src-main/services/bundle/opener (tsx, tests) and from dist/main (the bundled app) alike.
  for (const folder of selfAndAncestors(options.searchFrom ?? __dirname)) candidates.push(path.join(folder, ...TEMPLATE_FOLDER));
  return [...new Set(candidates)];
}

/** The folder holding the page template, or a plain-language error saying Handover's files are incomplete. */
export function resolveOpenEvidenceTemplateFolder(options: ResolveOpenEvidenceTemplateOptions = {}): string {
  const isFile = options.isFile ?? isExistingFile;
  const candidates = openEvidenceTemplateCandidates(options);
  const found = candidates.find((folder) => Object.values(TEMPLATE_FILES).every((name) => isFile(path.join(folder, name))));
  if (found !== undefined) return found;
  throw new AppError(
    'missing_tool',
    `Handover could not find the files it uses to make ${OPEN_EVIDENCE_FILE_NAME} (looked in ${candidates.length} places, first ${candidates[0] ?? 'none'}). Reinstall Handover.`,
  );
}

function readVendorScript(vendor: (typeof VENDOR_SCRIPTS)[keyof typeof VENDOR_SCRIPTS]): string {
  let packageJson: string;
  try {
    packageJson = require.resolve(vendor.packageJson);
  } catch (error) {
    throw new AppError('missing_tool', `Handover could not find ${vendor.packageJson.replace('/package.json', '')}, which ${OPEN_EVIDENCE_FILE_NAME} needs. Reinstall Handover.`, {
      cause: error,
    });
  }
  return fs.readFileSync(path.join(path.dirname(packageJson), ...vendor.file), 'utf8');
}

/**
 * Text inlined into a `<script>` or `<style>` element must not be able to end it early or open a comment that
 * swallows the rest of the page; none of ours does, and this keeps a future vendor update from breaking the page.
 */
function assertInlinable(what: string, text: string, closingTag: 'script' | 'style'): string {
  const lower = text.toLowerCase();
  if (lower.includes(`</${closingTag}`) || lower.includes('<!--') || (closingTag === 'script' && lower.includes('<script'))) {
    throw new AppError('internal', `${what} cannot be inlined into ${OPEN_EVIDENCE_FILE_NAME}: it contains an HTML tag or comment.`);
  }
  return text;
}

/** Replaces exactly one occurrence, with the text taken literally (no `$&` patterns, unlike String#replace). */
function fillOnce(template: string, placeholder: string, value: string): string {
  const at = template.indexOf(placeholder);
  if (at === -1 || template.indexOf(placeholder, at + placeholder.length) !== -1) {
    throw new AppError('internal', `The ${OPEN_EVIDENCE_FILE_NAME} template must contain ${placeholder} exactly once.`);
  }
  return template.slice(0, at) + value + template.slice(at + placeholder.length);
}

interface AssembledTemplate {
  /** Everything before the embedded JSON block's content, and everything after it. */
  before: string;
  after: string;
}

let cachedTemplate: AssembledTemplate | undefined;

function assembleTemplate(): AssembledTemplate {
  const folder = resolveOpenEvidenceTemplateFolder();
  const read = (name: string): string => fs.readFileSync(path.join(folder, name), 'utf8');
  const html = read(TEMPLATE_FILES.html);
  const dataAt = html.indexOf(PLACEHOLDERS.data);
  if (dataAt === -1 || html.indexOf(PLACEHOLDERS.data, dataAt + 1) !== -1) {
    throw new AppError('internal', `The ${OPEN_EVIDENCE_FILE_NAME} template must contain ${PLACEHOLDERS.data} exactly once.`);
  }
  // The template is split at the data block before anything is inlined, so no inlined text can be mistaken for it.
  const head = html.slice(0, dataAt);
  const tail = html.slice(dataAt + PLACEHOLDERS.data.length);
  const before = fillOnce(fillOnce(head, PLACEHOLDERS.csp, OPEN_EVIDENCE_CSP), PLACEHOLDERS.style, assertInlinable('page.css', read(TEMPLATE_FILES.style), 'style'));
  let after = tail;
  after = fillOnce(after, PLACEHOLDERS.zipjs, assertInlinable('zip.js', readVendorScript(VENDOR_SCRIPTS.zipjs), 'script'));
  after = fillOnce(after, PLACEHOLDERS.sha256, assertInlinable('hash-wasm', readVendorScript(VENDOR_SCRIPTS.sha256), 'script'));
  after = fillOnce(after, PLACEHOLDERS.script, assertInlinable('page.js', read(TEMPLATE_FILES.script), 'script'));
  return { before, after };
}

function loadTemplate(): AssembledTemplate {
  cachedTemplate ??= assembleTemplate();
  return cachedTemplate;
}

/**
 * JSON that is safe as the content of a `<script type="application/json">` element: `<`, `>` and `&` are written as
 * \u escapes, so no value can close the element or open a comment, and JSON.parse still gives back the same text.
 */
function jsonForScriptElement(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The page's HTML with the expected zip hash, bundle name and case reference embedded. */
export function renderOpenEvidencePage(options: OpenEvidencePageOptions): string {
  if (!/^[0-9a-f]{64}$/i.test(options.zipSha256)) {
    throw new AppError('invalid_input', `The fingerprint of evidence.zip must be 64 hexadecimal digits (SHA-256), not "${options.zipSha256}".`);
  }
  if (options.bundleName.trim() === '') throw new AppError('invalid_input', `${OPEN_EVIDENCE_FILE_NAME} needs the bundle's name.`);
  const data = {
    zipSha256: options.zipSha256.toLowerCase(),
    bundleName: options.bundleName,
    caseReference: options.caseReference,
    producerOrganisation: options.producerOrganisation,
    certificateFingerprint: options.certificateFingerprint,
  };
  const { before, after } = loadTemplate();
  return before + jsonForScriptElement(data) + after;
}
