/**
 * A small reader for DER, the byte format of certificates and CMS signatures. It hands back byte ranges rather than
 * decoded objects, because verification needs the exact bytes that were signed or hashed (a decode and re-encode
 * could quietly change them). Definite lengths only: DER forbids the indefinite form, so meeting it means the file
 * is not what Handover or police tools write.
 */

/** Malformed input. The message is technical; callers turn it into plain words for the user. */
export class DerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DerError';
  }
}

export const TAG = {
  integer: 0x02,
  bitString: 0x03,
  octetString: 0x04,
  null: 0x05,
  oid: 0x06,
  utf8String: 0x0c,
  printableString: 0x13,
  ia5String: 0x16,
  utcTime: 0x17,
  generalizedTime: 0x18,
  sequence: 0x30,
  set: 0x31,
} as const;

/** Context-specific tags, e.g. `[0]` constructed is 0xa0 and `[1]` primitive is 0x81. */
export function contextTag(options: { number: number; constructed: boolean }): number {
  return 0x80 | (options.constructed ? 0x20 : 0) | options.number;
}

export interface DerNode {
  /** The identifier byte as it stands (class, constructed bit and number); only low-numbered tags occur here. */
  tag: number;
  /** The whole element: identifier, length and content. */
  bytes: Buffer;
  content: Buffer;
}

function readNode(buffer: Buffer, offset: number): DerNode {
  if (offset + 2 > buffer.length) throw new DerError('truncated element header');
  const tag = buffer[offset]!;
  if ((tag & 0x1f) === 0x1f) throw new DerError('multi-byte tags are not used in these structures');
  const first = buffer[offset + 1]!;
  let length: number;
  let header = 2;
  if (first < 0x80) {
    length = first;
  } else {
    const count = first & 0x7f;
    if (count === 0) throw new DerError('indefinite length (BER, not DER)');
    if (count > 4) throw new DerError('length too large');
    if (offset + 2 + count > buffer.length) throw new DerError('truncated length');
    length = 0;
    for (let index = 0; index < count; index += 1) length = length * 256 + buffer[offset + 2 + index]!;
    header += count;
  }
  const end = offset + header + length;
  if (end > buffer.length) throw new DerError('element runs past the end of its container');
  return { tag, bytes: buffer.subarray(offset, end), content: buffer.subarray(offset + header, end) };
}

/** The single element that must fill `buffer` exactly; trailing bytes are refused, as nothing may ride along unsigned. */
export function readDer(options: { bytes: Buffer; expectTag?: number }): DerNode {
  const node = readNode(options.bytes, 0);
  if (node.bytes.length !== options.bytes.length) throw new DerError('unexpected bytes after the element');
  expectTag({ node, tag: options.expectTag });
  return node;
}

/** The elements inside a constructed element, in order. */
export function childrenOf(options: { node: DerNode | undefined; expectTag?: number }): DerNode[] {
  const node = expectTag({ node: options.node, tag: options.expectTag });
  if ((node.tag & 0x20) === 0) throw new DerError(`element 0x${node.tag.toString(16)} is not constructed`);
  const children: DerNode[] = [];
  let offset = 0;
  while (offset < node.content.length) {
    const child = readNode(node.content, offset);
    children.push(child);
    offset += child.bytes.length;
  }
  return children;
}

export function expectTag(options: { node: DerNode | undefined; tag: number | undefined }): DerNode {
  const { node, tag } = options;
  if (!node) throw new DerError('a required element is missing');
  if (tag !== undefined && node.tag !== tag) {
    throw new DerError(`expected element 0x${tag.toString(16)}, found 0x${node.tag.toString(16)}`);
  }
  return node;
}

/** Dotted form, e.g. "1.2.840.113549.1.7.2". */
export function decodeOid(options: { node: DerNode | undefined }): string {
  const { content } = expectTag({ node: options.node, tag: TAG.oid });
  if (content.length === 0) throw new DerError('empty object identifier');
  const arcs: number[] = [];
  let value = 0;
  for (const byte of content) {
    value = value * 128 + (byte & 0x7f);
    if (value > Number.MAX_SAFE_INTEGER) throw new DerError('object identifier arc too large');
    if ((byte & 0x80) === 0) {
      arcs.push(value);
      value = 0;
    }
  }
  if ((content[content.length - 1]! & 0x80) !== 0) throw new DerError('truncated object identifier');
  const first = arcs.shift()!;
  const head = first < 80 ? [Math.floor(first / 40), first % 40] : [2, first - 80];
  return [...head, ...arcs].join('.');
}

const UTC_TIME = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/;
const GENERALIZED_TIME = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:\.(\d{1,9}))?Z$/;

/** UTCTime or GeneralizedTime, both in UTC ("Z") as DER requires. */
export function decodeTime(options: { node: DerNode | undefined }): Date {
  const node = expectTag({ node: options.node, tag: undefined });
  const text = node.content.toString('latin1');
  let parts: RegExpExecArray | null;
  let year: number;
  if (node.tag === TAG.utcTime && (parts = UTC_TIME.exec(text))) {
    // X.509 and CMS read two-digit years 50–99 as 19xx and 00–49 as 20xx.
    const short = Number(parts[1]);
    year = short >= 50 ? 1900 + short : 2000 + short;
  } else if (node.tag === TAG.generalizedTime && (parts = GENERALIZED_TIME.exec(text))) {
    year = Number(parts[1]);
  } else {
    throw new DerError('unreadable time value');
  }
  const [month, day, hour, minute, second] = parts.slice(2, 7).map(Number) as [number, number, number, number, number];
  const millis = parts[7] ? Number(`0.${parts[7]}`) * 1000 : 0;
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second, Math.floor(millis)));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) {
    throw new DerError('impossible date in time value');
  }
  return date;
}
