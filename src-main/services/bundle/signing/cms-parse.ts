/**
 * Takes a CMS SignedData (RFC 5652) apart into the pieces a verifier needs, keeping each as its original bytes.
 * node-forge can build these structures but cannot check them, and a decode/re-encode round trip through it could
 * change the very bytes whose signature is being checked.
 */
import { childrenOf, contextTag, decodeOid, DerError, expectTag, readDer, TAG, type DerNode } from './der';

export const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  sha256: '2.16.840.1.101.3.4.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha256WithRsaEncryption: '1.2.840.113549.1.1.11',
} as const;

export interface SignedAttribute {
  type: string;
  values: DerNode[];
}

export interface SignerInfoParts {
  /** issuerAndSerialNumber; null when the signer is named by subjectKeyIdentifier instead. */
  sid: { issuer: Buffer; serial: Buffer } | null;
  digestAlgorithm: string;
  /** `der` is the whole [0] IMPLICIT element as it stands in the file. */
  signedAttributes: { der: Buffer; attributes: SignedAttribute[] } | null;
  signatureAlgorithm: string;
  signature: Buffer;
}

export interface SignedDataParts {
  /** eContentType of encapContentInfo. */
  contentType: string;
  /** DER of each embedded X.509 certificate (other certificate formats are skipped). */
  certificates: Buffer[];
  signers: SignerInfoParts[];
}

/** The signature file was readable DER but is not a SignedData; the message is technical. */
export class NotSignedDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotSignedDataError';
  }
}

function algorithmOid(node: DerNode | undefined): string {
  return decodeOid({ node: childrenOf({ node, expectTag: TAG.sequence })[0] });
}

function parseSignerInfo(node: DerNode): SignerInfoParts {
  const parts = childrenOf({ node, expectTag: TAG.sequence });
  const [, sidNode, digestNode] = parts;
  let sid: SignerInfoParts['sid'] = null;
  if (expectTag({ node: sidNode, tag: undefined }).tag === TAG.sequence) {
    const [issuer, serial] = childrenOf({ node: sidNode });
    sid = { issuer: expectTag({ node: issuer, tag: TAG.sequence }).bytes, serial: expectTag({ node: serial, tag: TAG.integer }).content };
  }
  let at = 3;
  let signedAttributes: SignerInfoParts['signedAttributes'] = null;
  if (parts[at]?.tag === contextTag({ number: 0, constructed: true })) {
    const attributesNode = parts[at]!;
    const attributes = childrenOf({ node: attributesNode }).map((attribute): SignedAttribute => {
      const [type, values] = childrenOf({ node: attribute, expectTag: TAG.sequence });
      return { type: decodeOid({ node: type }), values: childrenOf({ node: values, expectTag: TAG.set }) };
    });
    signedAttributes = { der: attributesNode.bytes, attributes };
    at += 1;
  }
  return {
    sid,
    digestAlgorithm: algorithmOid(digestNode),
    signedAttributes,
    signatureAlgorithm: algorithmOid(parts[at]),
    signature: expectTag({ node: parts[at + 1], tag: TAG.octetString }).content,
  };
}

/** Throws DerError for broken bytes and NotSignedDataError for a well-formed file of another kind. */
export function parseSignedData(options: { der: Buffer }): SignedDataParts {
  const contentInfo = childrenOf({ node: readDer({ bytes: options.der }), expectTag: TAG.sequence });
  const type = decodeOid({ node: contentInfo[0] });
  if (type !== OID.signedData) throw new NotSignedDataError(`content type ${type} is not SignedData`);
  const [signedData] = childrenOf({ node: contentInfo[1], expectTag: contextTag({ number: 0, constructed: true }) });
  const fields = childrenOf({ node: signedData, expectTag: TAG.sequence });
  const encapsulated = childrenOf({ node: fields[2], expectTag: TAG.sequence });
  const certificatesNode = fields.find((field, index) => index > 2 && field.tag === contextTag({ number: 0, constructed: true }));
  const certificates = certificatesNode ? childrenOf({ node: certificatesNode }).filter((choice) => choice.tag === TAG.sequence) : [];
  // signerInfos is the last field, after the optional certificates [0] and crls [1].
  const signerInfos = fields[fields.length - 1];
  if (fields.length < 4 || signerInfos?.tag !== TAG.set) throw new DerError('SignedData has no signerInfos');
  return {
    contentType: decodeOid({ node: encapsulated[0] }),
    certificates: certificates.map((certificate) => Buffer.from(certificate.bytes)),
    signers: childrenOf({ node: signerInfos }).map(parseSignerInfo),
  };
}
