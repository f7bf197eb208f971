/**
 * Checks a detached CMS signature the way `openssl cms -verify` does, with Node's OpenSSL doing the maths, and says
 * what is wrong in words a shop owner or a police officer can act on. Bad input is a finding, never an exception:
 * a damaged signature file is exactly what this is here to report.
 */
import { createHash, verify, X509Certificate } from 'node:crypto';
import { certificateParts, type CertificateParts } from './certificate-parts';
import { fingerprintSha256, readableSubject } from './certificate-text';
import { OID, parseSignedData, type SignedAttribute, type SignedDataParts, type SignerInfoParts } from './cms-parse';
import { decodeOid, decodeTime, TAG } from './der';

export interface CmsVerification {
  ok: boolean;
  /** Plain-words reasons when not ok, e.g. "The manifest was changed after it was signed." */
  problems: string[];
  signingTime: Date | null;
  signerCertificatePem: string | null;
  signerFingerprintSha256: string | null;
  signerSubject: string | null;
}

const DAMAGED = 'The signature file is damaged or is not a signature file, so it cannot be checked.';

function day(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The one value of an attribute that may appear at most once (RFC 5652 §11), or null when it is absent. */
function singleValue(options: { attributes: SignedAttribute[]; type: string; problems: string[] }) {
  const found = options.attributes.filter((attribute) => attribute.type === options.type);
  if (found.length === 0) return null;
  if (found.length > 1 || found[0]!.values.length !== 1) {
    options.problems.push('The signature file is damaged: it records the same detail more than once.');
    return null;
  }
  return found[0]!.values[0]!;
}

function findSignerCertificate(options: { parsed: SignedDataParts; signer: SignerInfoParts }) {
  const { sid } = options.signer;
  if (!sid) return null;
  for (const der of options.parsed.certificates) {
    let parts: CertificateParts;
    try {
      parts = certificateParts({ der });
    } catch {
      continue;
    }
    if (parts.issuer.equals(sid.issuer) && parts.serial.equals(sid.serial)) return { der, parts };
  }
  return null;
}

/** Checks the signed attributes; returns the signing time when recorded. */
function checkSignedAttributes(options: { attributes: SignedAttribute[]; content: Buffer; problems: string[] }): Date | null {
  const { attributes, content, problems } = options;
  const contentType = singleValue({ attributes, type: OID.contentType, problems });
  const messageDigest = singleValue({ attributes, type: OID.messageDigest, problems });
  const signingTimeNode = singleValue({ attributes, type: OID.signingTime, problems });
  try {
    if (!contentType || decodeOid({ node: contentType }) !== OID.data) {
      problems.push('The signature does not say it covers a plain file, so it is not a Handover manifest signature.');
    }
  } catch {
    problems.push(DAMAGED);
  }
  if (!messageDigest || messageDigest.tag !== TAG.octetString) {
    problems.push('The signature does not record a fingerprint of the manifest, so it proves nothing about it.');
  } else if (!messageDigest.content.equals(createHash('sha256').update(content).digest())) {
    problems.push('The manifest was changed after it was signed.');
  }
  if (!signingTimeNode) return null;
  try {
    return decodeTime({ node: signingTimeNode });
  } catch {
    problems.push('The signature file is damaged: its signing time cannot be read.');
    return null;
  }
}

function checkCertificate(options: { certificate: X509Certificate; parts: CertificateParts; signingTime: Date | null; problems: string[] }): void {
  const { certificate, parts, signingTime, problems } = options;
  // Compare the names' bytes: X509Certificate.checkIssued would also demand keyCertSign, which a signing-only
  // certificate rightly lacks.
  if (!parts.issuer.equals(parts.subject)) {
    problems.push('The signer’s certificate was issued by someone else, not by the shop itself, so this check cannot vouch for it.');
  } else if (!certificate.verify(certificate.publicKey)) {
    problems.push('The signer’s certificate is damaged or was altered: its own signature does not check out.');
  }
  if (signingTime && signingTime < parts.notBefore) {
    problems.push(`The signer’s certificate was not yet valid when the manifest was signed (it is valid from ${day(parts.notBefore)}).`);
  }
  if (signingTime && signingTime > parts.notAfter) {
    problems.push(`The signer’s certificate had expired when the manifest was signed (it expired on ${day(parts.notAfter)}).`);
  }
}

function checkExpected(options: { expectedCertificatePem: string; signerDer: Buffer | null; problems: string[] }): void {
  let expected: Buffer;
  try {
    expected = Buffer.from(new X509Certificate(options.expectedCertificatePem).raw);
  } catch {
    options.problems.push('The certificate to compare the signature with cannot be read.');
    return;
  }
  if (options.signerDer && !options.signerDer.equals(expected)) {
    options.problems.push('The manifest was signed with a different certificate from the one expected for this shop.');
  }
}

interface VerifyOptions {
  content: Buffer;
  signature: Buffer;
  /** when given, the embedded signer certificate must be exactly this one */
  expectedCertificatePem?: string;
}

function emptyResult(): CmsVerification {
  return { ok: false, problems: [], signingTime: null, signerCertificatePem: null, signerFingerprintSha256: null, signerSubject: null };
}

/**
 * Checks a detached CMS SignedData (DER) over `content`: one signer, SHA-256 and RSA; its certificate found among
 * the embedded ones by issuer and serial number; signed contentType id-data and messageDigest = SHA-256(content);
 * the RSA signature over the signed attributes; the certificate's own self-signature and its dates at signing time;
 * and, when given, that the certificate is exactly `expectedCertificatePem`.
 */
export function verifyDetached(options: VerifyOptions): CmsVerification {
  try {
    return verifyOrThrow(options);
  } catch {
    // Every expected fault is caught where it arises; this is the backstop that keeps "never throws" true.
    return { ...emptyResult(), problems: [DAMAGED] };
  }
}

function verifyOrThrow(options: VerifyOptions): CmsVerification {
  const result = emptyResult();
  const { problems } = result;
  let parsed: SignedDataParts;
  try {
    parsed = parseSignedData({ der: options.signature });
  } catch {
    problems.push(DAMAGED);
    return result;
  }
  const [signer] = parsed.signers;
  if (!signer || parsed.signers.length !== 1) {
    problems.push(`The signature file holds ${parsed.signers.length} signatures; a Handover signature file holds exactly one.`);
    return result;
  }

  const found = findSignerCertificate({ parsed, signer });
  let certificate: X509Certificate | null;
  try {
    certificate = found ? new X509Certificate(found.der) : null;
  } catch {
    certificate = null;
  }
  if (found && certificate) {
    result.signerCertificatePem = certificate.toString();
    result.signerFingerprintSha256 = fingerprintSha256({ der: found.der });
    result.signerSubject = readableSubject({ certificate });
  } else {
    problems.push('The signature file does not contain the certificate of whoever signed it, so it cannot be checked.');
  }
  if (options.expectedCertificatePem !== undefined) {
    checkExpected({ expectedCertificatePem: options.expectedCertificatePem, signerDer: found?.der ?? null, problems });
  }

  if (parsed.contentType !== OID.data) problems.push('The signature does not say it covers a plain file, so it is not a Handover manifest signature.');
  const sha256 = signer.digestAlgorithm === OID.sha256;
  if (!sha256) problems.push('The signature uses a fingerprint method other than SHA-256, which Handover does not accept.');
  const rsa = signer.signatureAlgorithm === OID.rsaEncryption || signer.signatureAlgorithm === OID.sha256WithRsaEncryption;
  if (!rsa) problems.push('The signature was made with a signing method Handover does not accept.');
  if (!signer.signedAttributes) {
    problems.push('The signature does not record what it covers or when it was made, so it cannot be checked.');
  } else if (sha256) {
    result.signingTime = checkSignedAttributes({ attributes: signer.signedAttributes.attributes, content: options.content, problems });
    if (certificate && rsa) {
      // The signature covers the attributes DER-encoded as a SET (RFC 5652 §5.4), not with the [0] tag they carry in the file.
      const signedBytes = Buffer.concat([Buffer.from([TAG.set]), signer.signedAttributes.der.subarray(1)]);
      let valid: boolean;
      try {
        valid = verify('sha256', signedBytes, certificate.publicKey, signer.signature);
      } catch {
        valid = false;
      }
      if (!valid) problems.push('The signature does not match the signer’s certificate: the signature file was altered, or its certificate was swapped.');
    }
  }
  if (certificate && found) checkCertificate({ certificate, parts: found.parts, signingTime: result.signingTime, problems });

  // Two routes can reach the same finding (e.g. content type in two places); say it once.
  result.problems = [...new Set(problems)];
  result.ok = result.problems.length === 0;
  return result;
}
