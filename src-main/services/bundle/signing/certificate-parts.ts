/**
 * The few fields of an X.509 certificate that signing needs as exact bytes or exact times. Node's X509Certificate
 * gives validity only as display text (in Node 20), and matching a CMS signer to its certificate needs the issuer
 * and serial number byte for byte.
 */
import { childrenOf, contextTag, decodeTime, expectTag, readDer, TAG } from './der';

export interface CertificateParts {
  /** Content octets of the serialNumber INTEGER. */
  serial: Buffer;
  /** The issuer Name, whole DER element. */
  issuer: Buffer;
  subject: Buffer;
  notBefore: Date;
  notAfter: Date;
}

/** Throws DerError when `der` is not a certificate. */
export function certificateParts(options: { der: Buffer }): CertificateParts {
  const certificate = childrenOf({ node: readDer({ bytes: options.der }), expectTag: TAG.sequence });
  const tbs = childrenOf({ node: certificate[0], expectTag: TAG.sequence });
  // version is [0] EXPLICIT and optional (absent means v1), so the fixed fields start after it when present.
  const at = tbs[0]?.tag === contextTag({ number: 0, constructed: true }) ? 1 : 0;
  const [serial, , issuer, validity, subject] = tbs.slice(at);
  const [notBefore, notAfter] = childrenOf({ node: validity, expectTag: TAG.sequence });
  return {
    serial: expectTag({ node: serial, tag: TAG.integer }).content,
    issuer: expectTag({ node: issuer, tag: TAG.sequence }).bytes,
    subject: expectTag({ node: subject, tag: TAG.sequence }).bytes,
    notBefore: decodeTime({ node: notBefore }),
    notAfter: decodeTime({ node: notAfter }),
  };
}
