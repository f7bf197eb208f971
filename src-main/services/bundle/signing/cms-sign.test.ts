import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../../test/helpers/temp-dir';
import { signDetached } from './cms-sign';
import { loadOrCreateProducerKey, PRODUCER_FILES, type ProducerKey } from './producer-key';
import { createStoredProducer, NOW, openssl, passphraseProtector, restoreProducer, type StoredProducer } from './signing-test-setup';

const tempDir = useTempDirs('handover-cms-sign-');
let producer: StoredProducer;

beforeAll(() => {
  producer = createStoredProducer({ dir: tempDir() });
}, 60_000);

const MANIFEST = Buffer.from('{\n  "format": "handover-bundle/1",\n  "note": "bytes, not text: \\r\\n and ünïcode stay as they are"\n}\r\n', 'utf8');

/** Writes the manifest, its signature and the certificate as a bundle would, and returns the folder. */
function writeSigned(options: { key: ProducerKey; content?: Buffer; signingTime?: Date }): string {
  const dir = tempDir();
  const content = options.content ?? MANIFEST;
  fs.writeFileSync(path.join(dir, 'manifest.json'), content);
  fs.writeFileSync(path.join(dir, 'manifest.json.p7s'), signDetached({ content, key: options.key, signingTime: options.signingTime ?? NOW }));
  fs.writeFileSync(path.join(dir, 'producer-certificate.pem'), options.key.certificatePem);
  return dir;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** As `openssl cms -print` shows a UTCTime, e.g. "Mar  4 14:05:09 2026 GMT": whole seconds, UTC. */
function opensslTime(date: Date): string {
  const time = date.toISOString().slice(11, 19);
  return `${MONTHS[date.getUTCMonth()]} ${String(date.getUTCDate()).padStart(2, ' ')} ${time} ${date.getUTCFullYear()} GMT`;
}

function opensslVerify(options: { dir: string; trust: 'noverify' | 'CAfile' }) {
  const trust = options.trust === 'noverify' ? ['-noverify'] : ['-CAfile', 'producer-certificate.pem'];
  return openssl({
    cwd: options.dir,
    args: ['cms', '-verify', '-binary', '-inform', 'DER', '-in', 'manifest.json.p7s', '-content', 'manifest.json', ...trust, '-out', '/dev/null'],
  });
}

describe('signDetached', () => {
  it('passes openssl cms -verify without checking the certificate chain', () => {
    const run = opensslVerify({ dir: writeSigned({ key: producer.key }), trust: 'noverify' });
    expect(run.stderr).toContain('Verification successful');
    expect(run.status).toBe(0);
  });

  it('passes openssl cms -verify with the producer certificate as the only trusted certificate', () => {
    const run = opensslVerify({ dir: writeSigned({ key: producer.key }), trust: 'CAfile' });
    expect(run.stderr).toContain('Verification successful');
    expect(run.status).toBe(0);
  });

  it('fails openssl cms -verify when the manifest is changed', () => {
    const dir = writeSigned({ key: producer.key });
    const changed = Buffer.from(MANIFEST);
    changed[10] = changed[10]! ^ 0x01;
    fs.writeFileSync(path.join(dir, 'manifest.json'), changed);
    const run = opensslVerify({ dir, trust: 'CAfile' });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('Verification failure');
  });

  it('records contentType, signingTime and messageDigest as signed attributes, with the certificate embedded', () => {
    const signingTime = new Date(NOW.getTime() + 65_750);
    const dir = writeSigned({ key: producer.key, signingTime });
    const run = openssl({ cwd: dir, args: ['cms', '-cmsout', '-print', '-inform', 'DER', '-in', 'manifest.json.p7s'] });
    expect(run.status).toBe(0);
    const signedAttributes = run.stdout.slice(run.stdout.indexOf('signedAttrs:'), run.stdout.indexOf('signatureAlgorithm:', run.stdout.indexOf('signedAttrs:')));
    expect(signedAttributes).toMatch(/object: contentType \(1\.2\.840\.113549\.1\.9\.3\)\s+set:\s+OBJECT:pkcs7-data/);
    expect(signedAttributes).toMatch(/object: signingTime \(1\.2\.840\.113549\.1\.9\.5\)\s+set:\s+UTCTIME:(.*)$/m);
    expect(signedAttributes).toContain(`UTCTIME:${opensslTime(signingTime)}`);
    expect(signedAttributes).toContain('object: messageDigest (1.2.840.113549.1.9.4)');
    expect(run.stdout).toMatch(/digestAlgorithm:\s+algorithm: sha256/);
    expect(run.stdout).toContain('eContent: <ABSENT>');
    expect(run.stdout).toContain('subject: CN=Corner Shop Ltd, O=Corner Shop Ltd');
  });

  it('signs for a shop whose name has accents, curly quotes and commas, and openssl still finds the signer', () => {
    const dir = restoreProducer({ producer, dir: tempDir() });
    const key = loadOrCreateProducerKey({
      dir,
      identity: { organisation: 'Café Ünal’s, Halal & Grocers', person: 'Zoë O’Brien', contact: '+44 113 496 0000' },
      protector: passphraseProtector(),
      now: () => NOW,
    });
    expect(key.subject).toBe('CN=Café Ünal’s\\, Halal & Grocers, O=Café Ünal’s\\, Halal & Grocers, OU=Zoë O’Brien, telephoneNumber=\\+44 113 496 0000');
    const signedDir = writeSigned({ key });
    expect(opensslVerify({ dir: signedDir, trust: 'CAfile' }).status).toBe(0);
    expect(fs.readFileSync(path.join(dir, PRODUCER_FILES.certificate), 'utf8')).toBe(key.certificatePem);
  });

  it('signs the empty file too', () => {
    expect(opensslVerify({ dir: writeSigned({ key: producer.key, content: Buffer.alloc(0) }), trust: 'CAfile' }).status).toBe(0);
  });
});
