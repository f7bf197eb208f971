/** How a certificate is named to people: the same text on the producer's side and the checker's. */
import { createHash, type X509Certificate } from 'node:crypto';

/** Uppercase hex pairs joined by ':', as `openssl x509 -fingerprint -sha256` and Windows print it, so people can compare by eye. */
export function fingerprintSha256(options: { der: Buffer }): string {
  return createHash('sha256').update(options.der).digest('hex').toUpperCase().match(/../g)!.join(':');
}

/**
 * "CN=Corner Shop Ltd, O=Corner Shop Ltd, …" in the certificate's own order. Node prints one attribute a line with
 * RFC 2253 escaping (a comma inside a name comes out as "\,"), so joining the lines cannot run two values together.
 */
export function readableSubject(options: { certificate: X509Certificate }): string {
  return options.certificate.subject.split('\n').join(', ');
}

export function derToPem(options: { der: Buffer; label: string }): string {
  const lines = options.der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${options.label}-----\n${lines.join('\n')}\n-----END ${options.label}-----\n`;
}
