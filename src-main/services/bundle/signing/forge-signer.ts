/**
 * Lets node-forge build certificates and CMS structures while Node's OpenSSL does the RSA maths. forge's own RSA is
 * pure JavaScript: one RSA-3072 signature takes about a second on a modest shop PC, and it is not written to resist
 * timing attacks. forge only ever calls `key.sign(md)` on the key it is given, so an object with that one method is
 * all it needs.
 */
import { constants, privateEncrypt, type KeyObject } from 'node:crypto';
import type forge from 'node-forge';

/** DER of DigestInfo { AlgorithmIdentifier sha256 NULL, OCTET STRING (32 bytes) } up to the hash itself (RFC 8017 §9.2, note 1). */
const SHA256_DIGEST_INFO_PREFIX = Buffer.from('3031300d060960864801650304020105000420', 'hex');

/**
 * RSASSA-PKCS1-v1_5 with SHA-256. forge has already hashed; an RSA private-key operation with PKCS#1 type 1 padding
 * over DigestInfo(hash) is exactly that signature scheme, so the result is byte-identical to forge's own.
 */
export function forgeRsaSigner(options: { privateKey: KeyObject }): forge.pki.rsa.PrivateKey {
  const { privateKey } = options;
  if (privateKey.asymmetricKeyType !== 'rsa') throw new Error('The producer key must be an RSA key.');
  const signer = {
    sign(md: forge.md.MessageDigest, scheme?: string): string {
      if (md.algorithm !== 'sha256') throw new Error(`Only SHA-256 is used for signing, not ${md.algorithm}.`);
      if (scheme !== undefined && scheme.toUpperCase() !== 'RSASSA-PKCS1-V1_5') throw new Error(`Unsupported signature scheme ${scheme}.`);
      const digest = Buffer.from(md.digest().getBytes(), 'binary');
      const signature = privateEncrypt(
        { key: privateKey, padding: constants.RSA_PKCS1_PADDING },
        Buffer.concat([SHA256_DIGEST_INFO_PREFIX, digest]),
      );
      return signature.toString('binary');
    },
  };
  return signer as unknown as forge.pki.rsa.PrivateKey;
}
