/**
 * How the producer's private key is kept locked on disk. The app picks the protector: Electron's safeStorage (tied
 * to the Windows/macOS login, written elsewhere) or a passphrase (below), for machines where safeStorage is missing
 * or the shop wants the key usable on another computer.
 */
import { createPrivateKey, type KeyObject } from 'node:crypto';
import { AppError } from '../../errors';

export interface KeyProtector {
  readonly kind: 'safeStorage' | 'passphrase';
  /** Takes the unencrypted PKCS#8 PEM of the private key (as UTF-8 bytes) and returns what is stored on disk. */
  protect(plain: Buffer): Buffer;
  /** The reverse of `protect`: gives back PKCS#8, PEM or DER. */
  unprotect(blob: Buffer): Buffer;
}

const ENCRYPTED_PEM_LABEL = '-----BEGIN ENCRYPTED PRIVATE KEY-----';

/** Reads PKCS#8 as PEM or DER, so any protector may hand back either. */
export function privateKeyFromPkcs8(options: { plain: Buffer }): KeyObject {
  const { plain } = options;
  const isPem = plain.subarray(0, 64).toString('latin1').trimStart().startsWith('-----BEGIN');
  return isPem ? createPrivateKey({ key: plain, format: 'pem' }) : createPrivateKey({ key: plain, format: 'der', type: 'pkcs8' });
}

/**
 * PKCS#8 encrypted with the passphrase (Node: createPrivateKey/export with cipher 'aes-256-cbc' + passphrase; PBES2).
 * Wrong passphrase → AppError 'wrong_password'.
 *
 * The stored blob is the standard "ENCRYPTED PRIVATE KEY" PEM (PBES2: PBKDF2, then AES-256-CBC), so IT staff can
 * open it with `openssl pkcs8 -in producer-key.protected` and the passphrase, without Handover. PBKDF2's iteration
 * count is the crypto library's default (2048 under OpenSSL 3), which Node gives no way to raise.
 */
export function createPassphraseProtector(options: { passphrase: string }): KeyProtector {
  const { passphrase } = options;
  if (passphrase.length === 0) {
    throw new AppError('weak_password', 'Choose a passphrase to lock the shop’s signing key.');
  }
  return {
    kind: 'passphrase',
    protect(plain) {
      const key = privateKeyFromPkcs8({ plain });
      return Buffer.from(key.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase }));
    },
    unprotect(blob) {
      if (!blob.toString('latin1').includes(ENCRYPTED_PEM_LABEL)) {
        throw new AppError('internal', 'The shop’s signing key file is damaged: it is not a passphrase-locked key.');
      }
      let key: KeyObject;
      try {
        key = createPrivateKey({ key: blob, format: 'pem', passphrase });
      } catch (error) {
        // A wrong passphrase usually fails the padding check ("bad decrypt"), but now and then the padding passes by
        // chance and the garbage fails to parse instead; both mean the same thing to the person typing it.
        throw new AppError('wrong_password', 'That passphrase does not unlock the shop’s signing key. Check it and try again.', { cause: error });
      }
      return Buffer.from(key.export({ type: 'pkcs8', format: 'pem' }));
    },
  };
}
