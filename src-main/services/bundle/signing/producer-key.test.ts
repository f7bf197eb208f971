import { createCipheriv, createDecipheriv, randomBytes, X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../../test/helpers/temp-dir';
import { createPassphraseProtector, loadOrCreateProducerKey, PRODUCER_FILES, type KeyProtector } from './producer-key';
import {
  appErrorOf,
  createStoredProducer,
  IDENTITY,
  NOW,
  openssl,
  PASSPHRASE,
  passphraseProtector,
  restoreProducer,
  type StoredProducer,
} from './signing-test-setup';

const tempDir = useTempDirs('handover-producer-key-');
let producer: StoredProducer;

beforeAll(() => {
  producer = createStoredProducer({ dir: tempDir() });
}, 60_000);

function reload(options: { dir: string; protector?: KeyProtector; identity?: typeof IDENTITY; now?: Date }) {
  return loadOrCreateProducerKey({
    dir: options.dir,
    identity: options.identity ?? IDENTITY,
    protector: options.protector ?? passphraseProtector(),
    now: () => options.now ?? NOW,
  });
}

/** Stands in for Electron's safeStorage: AES-GCM under a key that lives only in this process. */
function fakeSafeStorage(): KeyProtector {
  const secret = randomBytes(32);
  return {
    kind: 'safeStorage',
    protect(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', secret, iv);
      const body = Buffer.concat([cipher.update(plain), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    unprotect(blob) {
      const decipher = createDecipheriv('aes-256-gcm', secret, blob.subarray(0, 12));
      decipher.setAuthTag(blob.subarray(12, 28));
      return Buffer.concat([decipher.update(blob.subarray(28)), decipher.final()]);
    },
  };
}

describe('loadOrCreateProducerKey', () => {
  it('creates the key once and gives the same certificate when reloaded', () => {
    const dir = restoreProducer({ producer, dir: tempDir() });
    const again = reload({ dir });
    expect(again.fingerprintSha256).toBe(producer.key.fingerprintSha256);
    expect(again.privateKey.equals(producer.key.privateKey)).toBe(true);
    expect(fs.readdirSync(dir).sort()).toEqual([PRODUCER_FILES.certificate, PRODUCER_FILES.meta, PRODUCER_FILES.key].sort());
    const meta = JSON.parse(fs.readFileSync(path.join(dir, PRODUCER_FILES.meta), 'utf8')) as { kind: string; createdAt: string };
    expect(meta).toEqual({ kind: 'passphrase', createdAt: NOW.toISOString() });
  });

  it('makes an RSA-3072 key and a certificate that openssl reads as the shop', () => {
    const dir = restoreProducer({ producer, dir: tempDir() });
    expect(producer.key.privateKey.asymmetricKeyDetails?.modulusLength).toBe(3072);
    const certificate = path.join(dir, PRODUCER_FILES.certificate);
    const text = openssl({ args: ['x509', '-in', certificate, '-noout', '-text'] });
    expect(text.status).toBe(0);
    expect(text.stdout).toContain('Public-Key: (3072 bit)');
    expect(text.stdout).toContain('sha256WithRSAEncryption');
    expect(text.stdout).toMatch(/Basic Constraints: critical\s+CA:FALSE/);
    expect(text.stdout).toMatch(/Key Usage: critical\s+Digital Signature, Non Repudiation/);
    expect(text.stdout).toMatch(/Extended Key Usage:\s+E-mail Protection/);

    const subject = openssl({ args: ['x509', '-in', certificate, '-noout', '-subject'] });
    expect(subject.stdout.trim()).toBe('subject=CN = Corner Shop Ltd, O = Corner Shop Ltd, OU = Sam Patel, emailAddress = sam@cornershop.example');
    expect(producer.key.subject).toBe('CN=Corner Shop Ltd, O=Corner Shop Ltd, OU=Sam Patel, emailAddress=sam@cornershop.example');

    const fingerprint = openssl({ args: ['x509', '-in', certificate, '-noout', '-fingerprint', '-sha256'] });
    expect(fingerprint.stdout.trim().split('=')[1]).toBe(producer.key.fingerprintSha256);
    expect(producer.key.fingerprintSha256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);

    const serial = openssl({ args: ['x509', '-in', certificate, '-noout', '-serial'] });
    expect(serial.stdout.trim()).toMatch(/^serial=[1-7][0-9A-F]{31}$/);
    const dates = new X509Certificate(producer.key.certificatePem);
    expect(new Date(dates.validFrom).getTime()).toBe(NOW.getTime() - 24 * 60 * 60 * 1000);
    expect(new Date(dates.validTo).getUTCFullYear()).toBe(NOW.getUTCFullYear() + 10);
  });

  it('keeps the private key encrypted as standard PKCS#8 that openssl opens with the passphrase', () => {
    const dir = restoreProducer({ producer, dir: tempDir() });
    const file = path.join(dir, PRODUCER_FILES.key);
    const stored = fs.readFileSync(file, 'utf8');
    const plainPem = producer.key.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const plainBody = plainPem.split('\n')[1]!;
    expect(stored).toContain('-----BEGIN ENCRYPTED PRIVATE KEY-----');
    expect(stored).not.toContain('-----BEGIN PRIVATE KEY-----');
    expect(stored).not.toContain(plainBody);

    const opened = openssl({ args: ['pkcs8', '-in', file, '-passin', `pass:${PASSPHRASE}`] });
    expect(opened.status).toBe(0);
    expect(opened.stdout).toBe(plainPem);
    const parameters = openssl({ args: ['asn1parse', '-in', file] });
    expect(parameters.stdout).toContain('PBES2');
    expect(parameters.stdout).toContain('aes-256-cbc');
    expect(openssl({ args: ['pkcs8', '-in', file, '-passin', 'pass:not the passphrase'] }).status).not.toBe(0);
  });

  it('refuses a wrong passphrase in plain words', () => {
    const dir = restoreProducer({ producer, dir: tempDir() });
    const error = appErrorOf(() => reload({ dir, protector: createPassphraseProtector({ passphrase: 'not the passphrase' }) }));
    expect(error.code).toBe('wrong_password');
    expect(error.message).toMatch(/passphrase does not unlock/);
  });

  it('says so when the key was locked another way', () => {
    const dir = restoreProducer({ producer, dir: tempDir() });
    const error = appErrorOf(() => reload({ dir, protector: fakeSafeStorage() }));
    expect(error.code).toBe('conflict');
    expect(error.message).toMatch(/locked with a passphrase/);
  });

  it('issues a new certificate for the same key when the shop details change, keeping the old one', () => {
    const dir = restoreProducer({ producer, dir: tempDir() });
    const renamed = reload({ dir, identity: { ...IDENTITY, organisation: 'Corner Shop (Leeds) Ltd' } });
    expect(renamed.fingerprintSha256).not.toBe(producer.key.fingerprintSha256);
    expect(renamed.subject).toContain('CN=Corner Shop (Leeds) Ltd');
    expect(renamed.privateKey.equals(producer.key.privateKey)).toBe(true);
    const archived = path.join(dir, `producer-certificate-${NOW.toISOString().slice(0, 10)}.pem`);
    expect(fs.readFileSync(archived, 'utf8')).toBe(producer.key.certificatePem);

    // A second change the same day must not overwrite the first archived certificate.
    reload({ dir, identity: { ...IDENTITY, person: 'Priya Patel' } });
    expect(fs.readFileSync(archived, 'utf8')).toBe(producer.key.certificatePem);
    expect(fs.existsSync(archived.replace('.pem', '-2.pem'))).toBe(true);
    expect(reload({ dir, identity: { ...IDENTITY, person: 'Priya Patel' } }).subject).toContain('OU=Priya Patel');
    expect(fs.readdirSync(dir).filter((name) => name.startsWith('producer-certificate')).length).toBe(3);
  });

  it('replaces a certificate that has expired, and re-creates a missing one, for the same key', () => {
    const dir = restoreProducer({ producer, dir: tempDir() });
    const later = new Date(NOW.getTime());
    later.setUTCFullYear(later.getUTCFullYear() + 11);
    const renewed = reload({ dir, now: later });
    expect(renewed.fingerprintSha256).not.toBe(producer.key.fingerprintSha256);
    expect(renewed.privateKey.equals(producer.key.privateKey)).toBe(true);

    fs.rmSync(path.join(dir, PRODUCER_FILES.certificate));
    expect(reload({ dir }).privateKey.equals(producer.key.privateKey)).toBe(true);
  });

  it('works with a safeStorage-style protector and never stores the key in the clear', () => {
    const dir = tempDir();
    const protector = fakeSafeStorage();
    const first = reload({ dir, protector });
    const again = reload({ dir, protector });
    expect(again.fingerprintSha256).toBe(first.fingerprintSha256);
    const stored = fs.readFileSync(path.join(dir, PRODUCER_FILES.key));
    const plainBody = first.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString().split('\n')[1]!;
    expect(stored.toString('latin1')).not.toContain('PRIVATE KEY');
    expect(stored.toString('latin1')).not.toContain(plainBody);
    // Owner-only on POSIX; on Windows the user profile's ACL does that job.
    if (process.platform !== 'win32') expect(fs.statSync(path.join(dir, PRODUCER_FILES.key)).mode & 0o077).toBe(0);
    expect(JSON.parse(fs.readFileSync(path.join(dir, PRODUCER_FILES.meta), 'utf8'))).toMatchObject({ kind: 'safeStorage' });
  }, 60_000);

  it('will not save a key its protector cannot give back', () => {
    const dir = tempDir();
    const broken: KeyProtector = { kind: 'safeStorage', protect: () => Buffer.from('x'), unprotect: () => Buffer.from('y') };
    expect(appErrorOf(() => reload({ dir, protector: broken })).code).toBe('internal');
    expect(fs.existsSync(path.join(dir, PRODUCER_FILES.key))).toBe(false);
  }, 60_000);

  it('needs the organisation name', () => {
    const error = appErrorOf(() => reload({ dir: tempDir(), identity: { ...IDENTITY, organisation: '  ' } }));
    expect(error.code).toBe('invalid_input');
  });
});
