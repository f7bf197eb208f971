/** What a Range header asks of a file of `size` bytes. */
export type ByteRangeRequest =
  /** No usable range: send the whole file with 200 (a server may ignore a Range it does not support, e.g. several ranges). */
  | { kind: 'whole' }
  /** Inclusive byte positions, within the file. */
  | { kind: 'range'; start: number; end: number }
  /** A well-formed range that starts past the end: 416. */
  | { kind: 'unsatisfiable' };

const SINGLE_RANGE = /^bytes=(\d*)-(\d*)$/;

/**
 * Reads one `bytes=a-b`, `bytes=a-` or `bytes=-n` range (RFC 9110 §14.1.2). Anything else, including several ranges,
 * is answered with the whole file: media elements only ever ask for one range.
 */
export function parseRangeHeader(options: { header: string | undefined; size: number }): ByteRangeRequest {
  const { header, size } = options;
  if (header === undefined) return { kind: 'whole' };
  const match = SINGLE_RANGE.exec(header.trim().replace(/\s+/g, ''));
  if (!match) return { kind: 'whole' };
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return { kind: 'whole' };
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'range', start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? Number.MAX_SAFE_INTEGER : Number(last);
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || end < start) return { kind: 'whole' };
  if (start >= size) return { kind: 'unsatisfiable' };
  return { kind: 'range', start, end: Math.min(end, size - 1) };
}
