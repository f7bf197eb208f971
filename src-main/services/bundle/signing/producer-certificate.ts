/**
 * The shop's self-signed certificate: it names who made a bundle and carries the public key the police check the
 * signature with. There is no certificate authority; the police compare the fingerprint with the one the shop gives
 * them (on the handover form or by phone), which is what makes a self-signed certificate trustworthy here.
 *
 * Subject layout, chosen so every viewer (openssl, Windows certmgr, macOS Keychain) shows it in plain words:
 * - CN and O: the organisation, because the organisation is the producer of the evidence.
 * - OU: the person responsible. X.509 has no attribute for "the person acting for an organisation", and CN is
 *   already the organisation; OU is displayed by every viewer, whereas `name`/`givenName` are shown as bare OIDs by
 *   some, and splitting a name into given name and surname guesses wrong too often.
 * - contact: `emailAddress` (and a subjectAltName rfc822Name, where RFC 5280 wants it) when it looks like an email
 *   address; `telephoneNumber` when it looks like a phone number; otherwise it is left out of the certificate, as
 *   X.509 has no field for free text such as a postal address. The manifest still records the contact in full.
 * Values longer than X.509's upper bounds are cut to fit, so any stored certificate stays readable by strict tools.
 */
import { createPublicKey, randomBytes, X509Certificate, type KeyObject } from 'node:crypto';
import forge from 'node-forge';
import { forgeRsaSigner } from './forge-signer';

export interface ProducerIdentity {
  organisation: string;
  person: string;
  contact: string;
}

interface SubjectAttribute {
  type: string;
  valueTagClass: number;
  value: string;
}

const OID = {
  commonName: '2.5.4.3',
  organizationName: '2.5.4.10',
  organizationalUnitName: '2.5.4.11',
  telephoneNumber: '2.5.4.20',
  emailAddress: '1.2.840.113549.1.9.1',
} as const;

/** RFC 5280 Appendix A upper bounds (ub-common-name etc.); telephoneNumber's is from X.520. */
const UPPER_BOUND = { name: 64, email: 255, telephone: 32 } as const;

const EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;
/** PrintableString allows only these characters, and a phone number needs nothing more. */
const PHONE = /^\+?[0-9 ()./-]+$/;

/** Plain numbers: forge's enum types do not line up with the tag numbers it actually stores. */
const UTF8: number = forge.asn1.Type.UTF8;
const IA5: number = forge.asn1.Type.IA5STRING;
const PRINTABLE: number = forge.asn1.Type.PRINTABLESTRING;

const TEN_YEARS = 10;
const ONE_DAY_MS = 24 * 60 * 60 * 1000;

function cut(value: string, max: number): string {
  return Array.from(value.trim()).slice(0, max).join('');
}

function contactAttribute(contact: string): SubjectAttribute | null {
  const value = contact.trim();
  if (value.length <= UPPER_BOUND.email && EMAIL.test(value)) {
    return { type: OID.emailAddress, valueTagClass: IA5, value };
  }
  const digits = value.replace(/\D/g, '').length;
  if (value.length <= UPPER_BOUND.telephone && PHONE.test(value) && digits >= 6) {
    return { type: OID.telephoneNumber, valueTagClass: PRINTABLE, value };
  }
  return null;
}

/** The subject for this identity, in the order it is written. Empty fields are left out rather than written blank. */
export function subjectAttributesFor(options: { identity: ProducerIdentity }): SubjectAttribute[] {
  const { organisation, person, contact } = options.identity;
  const utf8 = (type: string, value: string): SubjectAttribute => ({ type, valueTagClass: UTF8, value: cut(value, UPPER_BOUND.name) });
  const attributes = [utf8(OID.commonName, organisation), utf8(OID.organizationName, organisation)];
  if (person.trim()) attributes.push(utf8(OID.organizationalUnitName, person));
  const contactAttr = contactAttribute(contact);
  if (contactAttr) attributes.push(contactAttr);
  return attributes;
}

/** A serial of exactly 16 random bytes that DER reads as positive: top bit clear, and no zero first byte to be dropped. */
function randomSerialHex(): string {
  const bytes = randomBytes(16);
  // 0x10..0x7f: positive (no DER sign byte needed) and no leading zero nibble, so it is always 32 hex digits.
  bytes[0] = 0x10 + (bytes[0]! % 0x70);
  return bytes.toString('hex');
}

export function issueProducerCertificate(options: { privateKey: KeyObject; identity: ProducerIdentity; now: Date }): { pem: string; der: Buffer } {
  const { privateKey, identity, now } = options;
  const publicPem = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicPem);
  cert.serialNumber = randomSerialHex();
  // A day's grace before now so a PC clock that is a little behind still sees the certificate as valid.
  cert.validity.notBefore = new Date(now.getTime() - ONE_DAY_MS);
  const notAfter = new Date(now.getTime());
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + TEN_YEARS);
  cert.validity.notAfter = notAfter;
  const subject = subjectAttributesFor({ identity }) as forge.pki.CertificateField[];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  const email = subject.find((attribute) => attribute.type === OID.emailAddress);
  // digitalSignature + nonRepudiation and emailProtection are what OpenSSL's default S/MIME purpose check looks for
  // (`openssl cms -verify -CAfile`); Windows' SignedCms accepts the same. cA=false: this key never vouches for others.
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
    { name: 'extKeyUsage', emailProtection: true },
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: true },
    ...(email ? [{ name: 'subjectAltName', altNames: [{ type: 1, value: email.value }] }] : []),
  ]);
  cert.sign(forgeRsaSigner({ privateKey }), forge.md.sha256.create());
  const der = Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary');
  // Node's PEM, not forge's: forge writes CRLF line ends, which would make the file differ by platform tools.
  return { pem: new X509Certificate(der).toString(), der };
}

/** True when the certificate's subject is exactly what `identity` would be written as now. */
export function subjectMatchesIdentity(options: { certificatePem: string; identity: ProducerIdentity }): boolean {
  const wanted = subjectAttributesFor({ identity: options.identity }).map((attribute) => ({
    ...attribute,
    // forge reads certificates back with UTF8String values as raw UTF-8 bytes, so compare bytes with bytes.
    value: attribute.valueTagClass === UTF8 ? forge.util.encodeUtf8(attribute.value) : attribute.value,
  }));
  const found = forge.pki.certificateFromPem(options.certificatePem).subject.attributes;
  return (
    found.length === wanted.length &&
    found.every((attribute, index) => {
      const expected = wanted[index]!;
      // @types/node-forge types valueTagClass as a tag class; at run time it holds the value's tag type.
      return attribute.type === expected.type && (attribute.valueTagClass as number) === expected.valueTagClass && attribute.value === expected.value;
    })
  );
}
