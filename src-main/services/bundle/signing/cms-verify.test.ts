import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../../test/helpers/temp-dir';
import { certificateParts } from './certificate-parts';
import { signDetached } from './cms-sign';
import { verifyDetached } from './cms-verify';
import { childrenOf, readDer } from './der';
import { issueProducerCertificate } from './producer-certificate';
import { appErrorOf, createStoredProducer, IDENTITY, NOW, openssl, type StoredProducer } from './signing-test-setup';

const tempDir = useTempDirs('handover-cms-verify-');
let producer: StoredProducer;
/** A second shop, for swapped-certificate cases. */
let other: StoredProducer;

beforeAll(() => {
  producer = createStoredProducer({ dir: tempDir() });
  other = createStoredProducer({ dir: tempDir() });
}, 120_000);

const CONTENT = Buffer.from('{"bundle":"CASE-0001","files":[{"name":"till.mp4","sha256":"00"}]}\n');

function signed(): Buffer {
  return signDetached({ content: CONTENT, key: producer.key, signingTime: NOW });
}

function flipByte(buffer: Buffer, index: number): Buffer {
  const copy = Buffer.from(buffer);
  copy[index] = copy[index]! ^ 0x01;
  return copy;
}

/** DER element from parts, for rebuilding a signature with pieces swapped. */
function tlv(tag: number, ...parts: Buffer[]): Buffer {
  const content = Buffer.concat(parts);
  const length = content.length;
  const lengthBytes =
    length < 0x80 ? Buffer.from([length]) : length < 0x100 ? Buffer.from([0x81, length]) : Buffer.from([0x82, length >> 8, length & 0xff]);
  return Buffer.concat([Buffer.from([tag]), lengthBytes, content]);
}

/** The same signature with `certificateDer` embedded instead, and optionally the signer renamed to match it. */
function swapCertificate(options: { signature: Buffer; certificateDer: Buffer; renameSigner: boolean }): Buffer {
  const [contentType, explicit] = childrenOf({ node: readDer({ bytes: options.signature }) });
  const [version, digestAlgorithms, encapsulated, , signerInfos] = childrenOf({ node: childrenOf({ node: explicit })[0] });
  const signerParts = childrenOf({ node: childrenOf({ node: signerInfos })[0] });
  if (options.renameSigner) {
    const { issuer, serial } = certificateParts({ der: options.certificateDer });
    signerParts[1] = readDer({ bytes: tlv(0x30, issuer, tlv(0x02, serial)) });
  }
  const signerInfo = tlv(0x30, ...signerParts.map((part) => part.bytes));
  const signedData = tlv(0x30, version!.bytes, digestAlgorithms!.bytes, encapsulated!.bytes, tlv(0xa0, options.certificateDer), tlv(0x31, signerInfo));
  return tlv(0x30, contentType!.bytes, tlv(0xa0, signedData));
}

/** openssl's own opinion of a signature, so the tampered files below are known to be well-formed and really bad. */
function opensslAccepts(options: { signature: Buffer; content: Buffer }): boolean {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'content'), options.content);
  fs.writeFileSync(path.join(dir, 'sig.p7s'), options.signature);
  const args = ['cms', '-verify', '-binary', '-inform', 'DER', '-in', 'sig.p7s', '-content', 'content', '-noverify', '-out', '/dev/null'];
  return openssl({ cwd: dir, args }).status === 0;
}

/** A key and certificate as PEM files, and `openssl cms -sign` over CONTENT with them: a signature we did not make. */
function opensslSigned(options: { keyPem: string; certificatePem: string; digest?: string }): { signature: Buffer; dir: string } {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'key.pem'), options.keyPem);
  fs.writeFileSync(path.join(dir, 'cert.pem'), options.certificatePem);
  fs.writeFileSync(path.join(dir, 'content'), CONTENT);
  const run = openssl({
    cwd: dir,
    args: ['cms', '-sign', '-binary', '-md', options.digest ?? 'sha256', '-outform', 'DER', '-signer', 'cert.pem', '-inkey', 'key.pem', '-in', 'content', '-out', 'sig.p7s'],
  });
  expect(run.stderr).toBe('');
  return { signature: fs.readFileSync(path.join(dir, 'sig.p7s')), dir };
}

describe('verifyDetached', () => {
  it('accepts a good signature and names the signer', () => {
    const result = verifyDetached({ content: CONTENT, signature: signed(), expectedCertificatePem: producer.key.certificatePem });
    expect(result).toEqual({
      ok: true,
      problems: [],
      signingTime: NOW,
      signerCertificatePem: producer.key.certificatePem,
      signerFingerprintSha256: producer.key.fingerprintSha256,
      signerSubject: producer.key.subject,
    });
  });

  it('says the manifest was changed when one byte of it differs', () => {
    for (const content of [flipByte(CONTENT, 5), CONTENT.subarray(0, -1), Buffer.concat([CONTENT, Buffer.from(' ')])]) {
      const result = verifyDetached({ content, signature: signed() });
      expect(result.ok).toBe(false);
      expect(result.problems).toEqual(['The manifest was changed after it was signed.']);
    }
  });

  it('notices a changed byte in the signature value', () => {
    const signature = signed();
    // forge writes no unsigned attributes, so the signature value is the last thing in the file.
    const tampered = flipByte(signature, signature.length - 10);
    expect(opensslAccepts({ signature: tampered, content: CONTENT })).toBe(false);
    const result = verifyDetached({ content: CONTENT, signature: tampered });
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual(['The signature does not match the signer’s certificate: the signature file was altered, or its certificate was swapped.']);
  });

  it('notices a changed signing time', () => {
    const signature = signed();
    const utcTime = Buffer.from(NOW.toISOString().replace(/[-:T]/g, '').slice(2, 14) + 'Z', 'latin1');
    const at = signature.indexOf(utcTime);
    expect(at).toBeGreaterThan(0);
    const result = verifyDetached({ content: CONTENT, signature: flipByte(signature, at + 2) });
    expect(result.ok).toBe(false);
    expect(result.problems[0]).toMatch(/does not match the signer’s certificate/);
  });

  it('notices another shop’s certificate put in place of the signer’s', () => {
    const renamed = swapCertificate({ signature: signed(), certificateDer: other.key.certificateDer, renameSigner: true });
    expect(opensslAccepts({ signature: renamed, content: CONTENT })).toBe(false);
    const result = verifyDetached({ content: CONTENT, signature: renamed });
    expect(result.ok).toBe(false);
    expect(result.signerFingerprintSha256).toBe(other.key.fingerprintSha256);
    expect(result.problems).toEqual(['The signature does not match the signer’s certificate: the signature file was altered, or its certificate was swapped.']);

    const swappedOnly = verifyDetached({ content: CONTENT, signature: swapCertificate({ signature: signed(), certificateDer: other.key.certificateDer, renameSigner: false }) });
    expect(swappedOnly.ok).toBe(false);
    expect(swappedOnly.signerCertificatePem).toBeNull();
    expect(swappedOnly.problems).toEqual(['The signature file does not contain the certificate of whoever signed it, so it cannot be checked.']);
  });

  it('rejects a good signature by a certificate other than the expected one', () => {
    const result = verifyDetached({ content: CONTENT, signature: signed(), expectedCertificatePem: other.key.certificatePem });
    expect(result.ok).toBe(false);
    expect(result.signerFingerprintSha256).toBe(producer.key.fingerprintSha256);
    expect(result.problems).toEqual(['The manifest was signed with a different certificate from the one expected for this shop.']);
    const unreadable = verifyDetached({ content: CONTENT, signature: signed(), expectedCertificatePem: 'not a certificate' });
    expect(unreadable.problems).toEqual(['The certificate to compare the signature with cannot be read.']);
  });

  it('notices an embedded certificate that was altered', () => {
    const signature = signed();
    const at = signature.indexOf(producer.key.certificateDer);
    // Near the end of the certificate is its own signature value: the key, names and serial stay as they were.
    const tampered = flipByte(signature, at + producer.key.certificateDer.length - 20);
    const result = verifyDetached({ content: CONTENT, signature: tampered });
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual(['The signer’s certificate is damaged or was altered: its own signature does not check out.']);
  });

  it.each<[string, () => Buffer]>([
    ['nothing', () => Buffer.alloc(0)],
    ['random bytes', () => randomBytes(300)],
    ['a text file', () => Buffer.from('-----BEGIN PKCS7-----\nnot really\n-----END PKCS7-----\n')],
    ['a certificate', () => producer.key.certificateDer],
    ['half a signature', () => signed().subarray(0, 900)],
    ['a signature with a byte added', () => Buffer.concat([signed(), Buffer.from([0])])],
  ])('reports %s as damaged without throwing', (_name, make) => {
    const result = verifyDetached({ content: CONTENT, signature: make(), expectedCertificatePem: producer.key.certificatePem });
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual(['The signature file is damaged or is not a signature file, so it cannot be checked.']);
    expect(result.signerFingerprintSha256).toBeNull();
  });

  it('accepts a signature made by openssl cms -sign with its own key and certificate', () => {
    const dir = tempDir();
    const made = openssl({
      cwd: dir,
      args: ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'key.pem', '-out', 'cert.pem', '-days', '30', '-subj', '/CN=Test Police Lab/O=Test Force'],
    });
    expect(made.status).toBe(0);
    const certificatePem = fs.readFileSync(path.join(dir, 'cert.pem'), 'utf8');
    const { signature, dir: signedDir } = opensslSigned({ keyPem: fs.readFileSync(path.join(dir, 'key.pem'), 'utf8'), certificatePem });
    const result = verifyDetached({ content: CONTENT, signature, expectedCertificatePem: certificatePem });
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.signerSubject).toBe('CN=Test Police Lab, O=Test Force');
    const fingerprint = openssl({ cwd: signedDir, args: ['x509', '-in', 'cert.pem', '-noout', '-fingerprint', '-sha256'] });
    expect(fingerprint.stdout.trim().split('=')[1]).toBe(result.signerFingerprintSha256);
    expect(Math.abs(result.signingTime!.getTime() - Date.now())).toBeLessThan(5 * 60_000);
    expect(verifyDetached({ content: flipByte(CONTENT, 0), signature }).problems).toEqual(['The manifest was changed after it was signed.']);
  });

  it('accepts openssl’s signature with the producer’s own key, and refuses SHA-1', () => {
    const keyPem = producer.key.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const good = opensslSigned({ keyPem, certificatePem: producer.key.certificatePem });
    expect(verifyDetached({ content: CONTENT, signature: good.signature, expectedCertificatePem: producer.key.certificatePem }).ok).toBe(true);
    const sha1 = opensslSigned({ keyPem, certificatePem: producer.key.certificatePem, digest: 'sha1' });
    const result = verifyDetached({ content: CONTENT, signature: sha1.signature });
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual(['The signature uses a fingerprint method other than SHA-256, which Handover does not accept.']);
  });

  it('reports a certificate that was out of date when the manifest was signed', () => {
    const keyPem = producer.key.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const expired = issueProducerCertificate({ privateKey: producer.key.privateKey, identity: IDENTITY, now: new Date('2010-06-01T00:00:00Z') });
    const early = opensslSigned({ keyPem, certificatePem: expired.pem });
    expect(verifyDetached({ content: CONTENT, signature: early.signature }).problems).toEqual([
      'The signer’s certificate had expired when the manifest was signed (it expired on 2020-06-01).',
    ]);
    const future = new Date(Date.now() + 3 * 24 * 60 * 60 * 1000);
    const notYet = issueProducerCertificate({ privateKey: producer.key.privateKey, identity: IDENTITY, now: future });
    const late = opensslSigned({ keyPem, certificatePem: notYet.pem });
    expect(verifyDetached({ content: CONTENT, signature: late.signature }).problems).toEqual([
      `The signer’s certificate was not yet valid when the manifest was signed (it is valid from ${new Date(future.getTime() - 86_400_000).toISOString().slice(0, 10)}).`,
    ]);
  });

  it('will not hand out a signature that fails its own check', () => {
    const expired = issueProducerCertificate({ privateKey: producer.key.privateKey, identity: IDENTITY, now: new Date('2010-06-01T00:00:00Z') });
    const key = { ...producer.key, certificatePem: expired.pem, certificateDer: expired.der };
    expect(appErrorOf(() => signDetached({ content: CONTENT, key, signingTime: NOW })).code).toBe('internal');
  });
});
