/**
 * Apple's XML property lists, as `diskutil -plist` prints them, read with the `plist` package (the one
 * electron-builder itself uses), plus typed accessors for the values the drive list picks out. Only the XML form:
 * diskutil never prints the binary one to a pipe. (filesystem-parse.ts picks two strings out with a pattern, which is
 * enough there; the drive list needs arrays of dictionaries, so here the document is read properly.)
 */
import { parse } from 'plist';

export type PlistValue = string | number | boolean | Date | Uint8Array | PlistValue[] | PlistDict;
export interface PlistDict {
  [key: string]: PlistValue;
}

/** The document's one top value (inside `<plist>`). Throws on anything malformed rather than guess. */
export function parsePlist(xml: string): PlistValue {
  return parse(xml) as PlistValue;
}

export function plistDict(value: PlistValue | undefined): PlistDict | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date) && !(value instanceof Uint8Array) ? value : null;
}

export function plistArray(value: PlistValue | undefined): PlistValue[] {
  return Array.isArray(value) ? value : [];
}

export function plistString(value: PlistValue | undefined): string | null {
  return typeof value === 'string' ? value : null;
}

export function plistNumber(value: PlistValue | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export function plistBool(value: PlistValue | undefined): boolean | null {
  return typeof value === 'boolean' ? value : null;
}
