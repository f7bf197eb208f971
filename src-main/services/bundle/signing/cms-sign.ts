/**
 * The signature that goes beside a bundle's manifest (manifest.json.p7s): a detached CMS SignedData, the format
 * that `openssl cms -verify` and Windows' SignedCms check without any Handover software.
 */
import forge from 'node-forge';
import { AppError } from '../../errors';
import { verifyDetached } from './cms-verify';
import { forgeRsaSigner } from './forge-signer';
import type { ProducerKey } from './producer-key';

/**
 * forge reads a certificate's UTF8String name values back as raw UTF-8 bytes but encodes them as text again when
 * it writes the signer's issuer name, which would double-encode "Café" and leave the signer pointing at no
 * certificate. Decoding them first makes the written name byte-identical to the certificate's.
 */
function issuerAsForgeWritesIt(options: { certificatePem: string }): forge.pki.Certificate {
  const certificate = forge.pki.certificateFromPem(options.certificatePem);
  for (const attribute of certificate.issuer.attributes) {
    // @types/node-forge types valueTagClass as a tag class; at run time it holds the value's tag type.
    if ((attribute.valueTagClass as number | undefined) === forge.asn1.Type.UTF8 && typeof attribute.value === 'string') {
      attribute.value = forge.util.decodeUtf8(attribute.value);
    }
  }
  return certificate;
}

/**
 * Detached CMS SignedData, DER, SHA-256 with RSA (PKCS#1 v1.5), signed attributes contentType (id-data),
 * messageDigest and signingTime; the certificate embedded. Made with node-forge's pkcs7.createSignedData.
 */
export function signDetached(options: { content: Buffer; key: ProducerKey; signingTime: Date }): Buffer {
  const { content, key, signingTime } = options;
  if (Number.isNaN(signingTime.getTime())) throw new Error('signDetached needs a valid signing time.');
  const p7 = forge.pkcs7.createSignedData();
  p7.content = forge.util.createBuffer(content.toString('binary'));
  // This object is written out from the bytes it was read from (forge keeps the parsed TBSCertificate), so the
  // embedded certificate is exactly the one on disk.
  p7.addCertificate(forge.pki.certificateFromPem(key.certificatePem));
  p7.addSigner({
    key: forgeRsaSigner({ privateKey: key.privateKey }),
    certificate: issuerAsForgeWritesIt({ certificatePem: key.certificatePem }),
    digestAlgorithm: forge.pki.oids.sha256!,
    // forge writes the attributes in the order given and signs them that way, while OpenSSL and Windows re-sort
    // them into DER SET order before checking. This is that order (by encoded length here: 24, 28/30 and 47 bytes),
    // so all three see the same bytes.
    authenticatedAttributes: [
      { type: forge.pki.oids.contentType!, value: forge.pki.oids.data },
      { type: forge.pki.oids.signingTime!, value: signingTime.toISOString() },
      { type: forge.pki.oids.messageDigest! },
    ],
  });
  p7.sign({ detached: true });
  const signature = Buffer.from(forge.asn1.toDer(p7.toAsn1()).getBytes(), 'binary');

  // A signature that fails our own check would only surface when the police try it, possibly months later.
  const check = verifyDetached({ content, signature, expectedCertificatePem: key.certificatePem });
  if (!check.ok) {
    throw new AppError('internal', 'Handover made a signature for this bundle that did not pass its own check, so it stopped.', {
      cause: new Error(check.problems.join(' ')),
    });
  }
  return signature;
}
