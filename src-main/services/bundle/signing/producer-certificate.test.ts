import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readableSubject } from './certificate-text';
import { issueProducerCertificate, subjectMatchesIdentity, type ProducerIdentity } from './producer-certificate';

// The certificate's layout does not depend on the key size, and a 2048-bit key is made several times faster.
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const NOW = new Date('2026-03-14T14:00:00Z');

function subjectOf(identity: ProducerIdentity): string {
  const { pem } = issueProducerCertificate({ privateKey, identity, now: NOW });
  return readableSubject({ certificate: new X509Certificate(pem) });
}

describe('producer certificate subject', () => {
  it('puts an email contact in emailAddress and in subjectAltName', () => {
    const identity = { organisation: 'Corner Shop Ltd', person: 'Sam Patel', contact: 'sam@cornershop.example' };
    const { pem } = issueProducerCertificate({ privateKey, identity, now: NOW });
    const certificate = new X509Certificate(pem);
    expect(readableSubject({ certificate })).toBe('CN=Corner Shop Ltd, O=Corner Shop Ltd, OU=Sam Patel, emailAddress=sam@cornershop.example');
    expect(certificate.subjectAltName).toBe('email:sam@cornershop.example');
    expect(certificate.ca).toBe(false);
    expect(certificate.keyUsage).toEqual(['1.3.6.1.5.5.7.3.4']);
  });

  it('puts a phone contact in telephoneNumber and leaves other contacts out', () => {
    expect(subjectOf({ organisation: 'Corner Shop Ltd', person: 'Sam Patel', contact: '0113 496 0000' })).toBe(
      'CN=Corner Shop Ltd, O=Corner Shop Ltd, OU=Sam Patel, telephoneNumber=0113 496 0000',
    );
    expect(subjectOf({ organisation: 'Corner Shop Ltd', person: '', contact: '12 High Street, Leeds' })).toBe('CN=Corner Shop Ltd, O=Corner Shop Ltd');
  });

  it('cuts names to X.509’s 64-character limit', () => {
    const long = 'A'.repeat(70);
    expect(subjectOf({ organisation: long, person: '', contact: '' })).toBe(`CN=${'A'.repeat(64)}, O=${'A'.repeat(64)}`);
  });

  it('matches the identity it was made for, and only that', () => {
    const identity = { organisation: 'Café Ünal’s', person: 'Zoë', contact: 'zoe@cafe.example' };
    const { pem } = issueProducerCertificate({ privateKey, identity, now: NOW });
    expect(subjectMatchesIdentity({ certificatePem: pem, identity })).toBe(true);
    expect(subjectMatchesIdentity({ certificatePem: pem, identity: { ...identity, organisation: ' Café Ünal’s ' } })).toBe(true);
    expect(subjectMatchesIdentity({ certificatePem: pem, identity: { ...identity, contact: 'zoe@cafe2.example' } })).toBe(false);
    expect(subjectMatchesIdentity({ certificatePem: pem, identity: { ...identity, person: '' } })).toBe(false);
  });
});
