import { describe, expect, it } from 'vitest';
import { childrenOf, decodeOid, decodeTime, DerError, readDer } from './der';

const hex = (text: string) => Buffer.from(text.replace(/\s/g, ''), 'hex');

describe('DER reader', () => {
  it('reads object identifiers, including long arcs', () => {
    expect(decodeOid({ node: readDer({ bytes: hex('06 09 2a864886f70d010702') }) })).toBe('1.2.840.113549.1.7.2');
    expect(decodeOid({ node: readDer({ bytes: hex('06 09 608648016503040201') }) })).toBe('2.16.840.1.101.3.4.2.1');
  });

  it('reads UTCTime and GeneralizedTime as UTC, with the 1950–2049 rule for two-digit years', () => {
    const utc = (text: string) => decodeTime({ node: readDer({ bytes: Buffer.concat([Buffer.from([0x17, text.length]), Buffer.from(text)]) }) });
    const generalized = (text: string) => decodeTime({ node: readDer({ bytes: Buffer.concat([Buffer.from([0x18, text.length]), Buffer.from(text)]) }) });
    expect(utc('260314140509Z').toISOString()).toBe('2026-03-14T14:05:09.000Z');
    expect(utc('991231235959Z').toISOString()).toBe('1999-12-31T23:59:59.000Z');
    expect(generalized('20500101000000Z').toISOString()).toBe('2050-01-01T00:00:00.000Z');
    expect(generalized('20260314140509.25Z').toISOString()).toBe('2026-03-14T14:05:09.250Z');
    expect(() => utc('260230120000Z')).toThrow(DerError);
    expect(() => utc('2603141405Z')).toThrow(DerError);
  });

  it('walks nested elements with long-form lengths', () => {
    const inner = Buffer.concat([Buffer.from([0x04, 0x81, 0x80]), Buffer.alloc(0x80, 7)]);
    const outer = Buffer.concat([Buffer.from([0x30, 0x81, inner.length + 2]), inner, hex('0500')]);
    const [octets, nothing] = childrenOf({ node: readDer({ bytes: outer }), expectTag: 0x30 });
    expect(octets!.content.length).toBe(0x80);
    expect(nothing!.tag).toBe(0x05);
  });

  it('refuses indefinite lengths, truncation and trailing bytes', () => {
    expect(() => readDer({ bytes: hex('3080 0500 0000') })).toThrow(/indefinite/);
    expect(() => readDer({ bytes: hex('3005 0500') })).toThrow(DerError);
    expect(() => readDer({ bytes: hex('0500 00') })).toThrow(/after the element/);
    expect(() => readDer({ bytes: hex('0500'), expectTag: 0x30 })).toThrow(/expected element 0x30/);
  });
});
