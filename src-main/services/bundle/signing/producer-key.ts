/**
 * The shop's signing identity: one RSA-3072 key per installation, kept locked on disk, and a self-signed
 * certificate naming the shop. Every evidence bundle is signed with it, so the police can tell that a bundle came
 * from this shop and was not changed afterwards.
 */
import { createPublicKey, generateKeyPairSync, X509Certificate, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError, isAppError } from '../../errors';
import { writeFileAtomic } from './atomic-write';
import { certificateParts } from './certificate-parts';
import { fingerprintSha256, readableSubject } from './certificate-text';
import { privateKeyFromPkcs8, type KeyProtector } from './key-protector';
import { issueProducerCertificate, subjectMatchesIdentity, type ProducerIdentity } from './producer-certificate';

export { createPassphraseProtector, type KeyProtector } from './key-protector';
export type { ProducerIdentity } from './producer-certificate';

export interface ProducerKey {
  certificatePem: string;
  certificateDer: Buffer;
  /** SHA-256 of the certificate DER, uppercase hex pairs joined by ':' (as openssl x509 -fingerprint -sha256 prints). */
  fingerprintSha256: string;
  /** Readable, e.g. "CN=Corner Shop Ltd, O=Corner Shop Ltd". */
  subject: string;
  privateKey: KeyObject;
}

export const PRODUCER_FILES = {
  key: 'producer-key.protected',
  meta: 'producer-key.json',
  certificate: 'producer-certificate.pem',
} as const;

/** Big enough to stay sound past the certificate's ten years (NIST SP 800-57 puts RSA-3072 at 128-bit strength). */
const MODULUS_BITS = 3072;

interface KeyMeta {
  kind: KeyProtector['kind'];
  createdAt: string;
}

const KIND_WORDS: Record<KeyProtector['kind'], string> = {
  passphrase: 'a passphrase',
  safeStorage: 'this computer’s Windows or Mac login',
};

/**
 * Files in `dir`: producer-key.protected (protector output), producer-key.json ({kind, createdAt}),
 * producer-certificate.pem. Creates on first use (atomically: temp file, fsync, rename). If the stored certificate's
 * subject no longer matches `identity` a new certificate for the same key is issued (keep the old one as
 * producer-certificate-<date>.pem). A certificate that no longer fits the key, or is outside its validity, is
 * replaced the same way.
 */
export function loadOrCreateProducerKey(options: { dir: string; identity: ProducerIdentity; protector: KeyProtector; now?: () => Date }): ProducerKey {
  const { dir, identity, protector } = options;
  const now = options.now ?? (() => new Date());
  if (!identity.organisation.trim()) {
    throw new AppError('invalid_input', 'Enter the shop or organisation name first: Handover puts it on every bundle it signs.');
  }
  fs.mkdirSync(dir, { recursive: true });
  const at = now();
  const privateKey = fs.existsSync(path.join(dir, PRODUCER_FILES.key)) ? unlockKey({ dir, protector }) : createKey({ dir, protector, at });
  const certificatePem = currentCertificate({ dir, privateKey, identity, at });
  return describeProducerKey({ certificatePem, privateKey });
}

function readMeta(dir: string): KeyMeta | null {
  try {
    const meta = JSON.parse(fs.readFileSync(path.join(dir, PRODUCER_FILES.meta), 'utf8')) as Partial<KeyMeta>;
    if (meta.kind !== 'passphrase' && meta.kind !== 'safeStorage') return null;
    return { kind: meta.kind, createdAt: typeof meta.createdAt === 'string' ? meta.createdAt : '' };
  } catch {
    // Missing or unreadable: the key file itself is the truth, and the protector will say whether it opens it.
    return null;
  }
}

function writeMeta(options: { dir: string; meta: KeyMeta }): void {
  writeFileAtomic({ file: path.join(options.dir, PRODUCER_FILES.meta), data: `${JSON.stringify(options.meta, null, 2)}\n` });
}

function unlockKey(options: { dir: string; protector: KeyProtector }): KeyObject {
  const { dir, protector } = options;
  const meta = readMeta(dir);
  if (meta && meta.kind !== protector.kind) {
    throw new AppError('conflict', `The shop’s signing key is locked with ${KIND_WORDS[meta.kind]}, so it cannot be opened with ${KIND_WORDS[protector.kind]}.`);
  }
  const file = path.join(dir, PRODUCER_FILES.key);
  let plain: Buffer;
  try {
    plain = protector.unprotect(fs.readFileSync(file));
  } catch (error) {
    if (isAppError(error)) throw error;
    throw new AppError('internal', 'Handover could not unlock the shop’s signing key. If this folder was copied from another computer or user, the key cannot be opened here.', { cause: error });
  }
  let privateKey: KeyObject;
  try {
    privateKey = privateKeyFromPkcs8({ plain });
  } catch (error) {
    throw new AppError('internal', 'The shop’s signing key file is damaged.', { cause: error });
  } finally {
    plain.fill(0);
  }
  if (privateKey.asymmetricKeyType !== 'rsa') throw new AppError('internal', 'The shop’s signing key file holds the wrong kind of key.');
  if (!meta) writeMeta({ dir, meta: { kind: protector.kind, createdAt: fs.statSync(file).mtime.toISOString() } });
  return privateKey;
}

function givesBack(options: { protector: KeyProtector; blob: Buffer; privateKey: KeyObject }): boolean {
  try {
    const back = options.protector.unprotect(options.blob);
    const same = privateKeyFromPkcs8({ plain: back }).equals(options.privateKey);
    back.fill(0);
    return same;
  } catch {
    return false;
  }
}

function createKey(options: { dir: string; protector: KeyProtector; at: Date }): KeyObject {
  const { dir, protector, at } = options;
  // Node's keygen is OpenSSL's: well under a second or a few seconds, against 15–20 s for forge's JavaScript one.
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: MODULUS_BITS });
  const plain = Buffer.from(privateKey.export({ type: 'pkcs8', format: 'pem' }));
  try {
    const blob = protector.protect(plain);
    // Read it back before trusting it: a protector that cannot undo its own output would lose the key for good.
    if (!givesBack({ protector, blob, privateKey })) {
      throw new AppError('internal', 'Handover could not lock the shop’s signing key safely, so it did not save it.');
    }
    writeFileAtomic({ file: path.join(dir, PRODUCER_FILES.key), data: blob, mode: 0o600 });
  } finally {
    plain.fill(0);
  }
  writeMeta({ dir, meta: { kind: protector.kind, createdAt: at.toISOString() } });
  return privateKey;
}

/** Whether a stored certificate can keep being used: same key, same wording of the shop, and in date. */
function certificateFits(options: { certificatePem: string; privateKey: KeyObject; identity: ProducerIdentity; at: Date }): boolean {
  const { certificatePem, privateKey, identity, at } = options;
  try {
    const certificate = new X509Certificate(certificatePem);
    const { notBefore, notAfter } = certificateParts({ der: certificate.raw });
    return (
      certificate.publicKey.equals(createPublicKey(privateKey)) &&
      notBefore <= at &&
      at <= notAfter &&
      subjectMatchesIdentity({ certificatePem, identity })
    );
  } catch {
    return false;
  }
}

/** Bundles signed before the change still name the old certificate, so it is kept beside the new one, never deleted. */
function archiveCertificate(options: { dir: string; at: Date }): void {
  const date = options.at.toISOString().slice(0, 10);
  let name = `producer-certificate-${date}.pem`;
  for (let n = 2; fs.existsSync(path.join(options.dir, name)); n += 1) name = `producer-certificate-${date}-${n}.pem`;
  fs.renameSync(path.join(options.dir, PRODUCER_FILES.certificate), path.join(options.dir, name));
}

function currentCertificate(options: { dir: string; privateKey: KeyObject; identity: ProducerIdentity; at: Date }): string {
  const { dir, privateKey, identity, at } = options;
  const file = path.join(dir, PRODUCER_FILES.certificate);
  if (fs.existsSync(file)) {
    const certificatePem = fs.readFileSync(file, 'utf8');
    if (certificateFits({ certificatePem, privateKey, identity, at })) return certificatePem;
    archiveCertificate({ dir, at });
  }
  const { pem } = issueProducerCertificate({ privateKey, identity, now: at });
  writeFileAtomic({ file, data: pem });
  return pem;
}

function describeProducerKey(options: { certificatePem: string; privateKey: KeyObject }): ProducerKey {
  const certificate = new X509Certificate(options.certificatePem);
  const certificateDer = Buffer.from(certificate.raw);
  return {
    certificatePem: certificate.toString(),
    certificateDer,
    fingerprintSha256: fingerprintSha256({ der: certificateDer }),
    subject: readableSubject({ certificate }),
    privateKey: options.privateKey,
  };
}
