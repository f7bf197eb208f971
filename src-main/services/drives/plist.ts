/**
 * A small reader for Apple's XML property lists, as `diskutil -plist` prints them. Only the XML form: diskutil never
 * prints the binary one to a pipe. (filesystem-parse.ts picks two strings out with a pattern, which is enough there;
 * the drive list needs arrays of dictionaries, so here the document is read properly.)
 */

export type PlistValue = string | number | boolean | Date | Uint8Array | PlistValue[] | PlistDict;
export interface PlistDict {
  [key: string]: PlistValue;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeText(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
    return ENTITIES[name] ?? whole;
  });
}

interface Token {
  kind: 'open' | 'close' | 'empty';
  name: string;
  /** Text after the tag, up to the next tag. */
  text: string;
}

function tokenize(xml: string): Token[] {
  // Drop the prolog, doctype and comments: none of them carry values.
  const body = xml.replace(/<\?[\s\S]*?\?>/g, '').replace(/<!--[\s\S]*?-->/g, '').replace(/<!DOCTYPE[^>]*>/gi, '');
  const tokens: Token[] = [];
  const tag = /<(\/?)([A-Za-z]+)[^>]*?(\/?)>([^<]*)/g;
  for (let match = tag.exec(body); match !== null; match = tag.exec(body)) {
    const kind = match[1] === '/' ? 'close' : match[3] === '/' ? 'empty' : 'open';
    tokens.push({ kind, name: match[2]!, text: match[4]! });
  }
  return tokens;
}

class PlistReader {
  private index = 0;
  constructor(private readonly tokens: Token[]) {}

  private next(): Token {
    const token = this.tokens[this.index++];
    if (!token) throw new Error('The property list ended early.');
    return token;
  }

  private expectClose(name: string): void {
    const token = this.next();
    if (token.kind !== 'close' || token.name !== name) throw new Error(`Expected </${name}> in the property list, found <${token.name}>.`);
  }

  /** Reads one value whose opening tag is next. */
  value(): PlistValue {
    const token = this.next();
    if (token.kind === 'empty') {
      if (token.name === 'true') return true;
      if (token.name === 'false') return false;
      if (token.name === 'dict') return {};
      if (token.name === 'array') return [];
      if (token.name === 'string' || token.name === 'data') return token.name === 'string' ? '' : new Uint8Array();
      throw new Error(`Unexpected <${token.name}/> in the property list.`);
    }
    if (token.kind !== 'open') throw new Error(`Unexpected </${token.name}> in the property list.`);
    switch (token.name) {
      case 'dict':
        return this.dict();
      case 'array':
        return this.array();
      case 'string':
      case 'key': {
        this.expectClose(token.name);
        return decodeText(token.text);
      }
      case 'integer':
      case 'real': {
        this.expectClose(token.name);
        return Number(token.text.trim());
      }
      case 'date': {
        this.expectClose('date');
        return new Date(token.text.trim());
      }
      case 'data': {
        this.expectClose('data');
        return new Uint8Array(Buffer.from(token.text.replace(/\s+/g, ''), 'base64'));
      }
      case 'true':
      case 'false':
        this.expectClose(token.name);
        return token.name === 'true';
      default:
        throw new Error(`Unknown <${token.name}> in the property list.`);
    }
  }

  private dict(): PlistDict {
    const dict: PlistDict = {};
    for (;;) {
      const peek = this.tokens[this.index];
      if (!peek) throw new Error('The property list ended inside a <dict>.');
      if (peek.kind === 'close' && peek.name === 'dict') {
        this.index++;
        return dict;
      }
      if (peek.name !== 'key') throw new Error(`Expected <key> in a <dict>, found <${peek.name}>.`);
      const key = this.value() as string;
      dict[key] = this.value();
    }
  }

  private array(): PlistValue[] {
    const items: PlistValue[] = [];
    for (;;) {
      const peek = this.tokens[this.index];
      if (!peek) throw new Error('The property list ended inside an <array>.');
      if (peek.kind === 'close' && peek.name === 'array') {
        this.index++;
        return items;
      }
      items.push(this.value());
    }
  }
}

/** The document's one top value (inside `<plist>`). Throws on anything malformed rather than guess. */
export function parsePlist(xml: string): PlistValue {
  const tokens = tokenize(xml).filter((token) => token.name !== 'plist');
  const reader = new PlistReader(tokens);
  return reader.value();
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
