import { describe, expect, it } from 'vitest';
import {
  escapeDrawtextFunctionArgument,
  escapeDrawtextLiteral,
  escapeFilterGraphArgs,
  escapeFilterOptionValue,
  filterOptionValue,
} from './filter-escape';

describe('escapeFilterOptionValue', () => {
  it('escapes the option separator and the escape characters', () => {
    expect(escapeFilterOptionValue("a:b'c\\d")).toBe("a\\:b\\'c\\\\d");
  });

  it('leaves the filtergraph characters for the next pass', () => {
    expect(escapeFilterOptionValue('a,b;c[d]')).toBe('a,b;c[d]');
  });

  it('keeps whitespace at either end, which ffmpeg would trim', () => {
    expect(escapeFilterOptionValue(' Till ')).toBe('\\ Till\\ ');
    expect(escapeFilterOptionValue('  ')).toBe('\\ \\ ');
    expect(escapeFilterOptionValue('Car park')).toBe('Car park');
  });

  it('refuses NUL, which cannot reach ffmpeg at all', () => {
    expect(() => escapeFilterOptionValue('a\0b')).toThrow(RangeError);
  });
});

describe('escapeFilterGraphArgs', () => {
  it('escapes what ends a filter or a link label', () => {
    expect(escapeFilterGraphArgs("a,b;c[d]e'f\\g")).toBe("a\\,b\\;c\\[d\\]e\\'f\\\\g");
  });

  it('leaves option separators alone', () => {
    expect(escapeFilterGraphArgs('x=1:y=2')).toBe('x=1:y=2');
  });
});

describe('filterOptionValue', () => {
  it("matches the two-level example in ffmpeg's filter documentation", () => {
    const text = "this is a 'string': may contain one, or more, special characters";
    expect(filterOptionValue(text)).toBe("this is a \\\\\\'string\\\\\\'\\\\: may contain one\\, or more\\, special characters");
  });

  it('escapes a Windows font path so the drive colon and backslashes survive both passes', () => {
    const fontPath = 'C:\\Program Files\\Handover\\resources\\fonts\\x.ttf';
    expect(filterOptionValue(fontPath)).toBe('C\\\\:\\\\\\\\Program Files\\\\\\\\Handover\\\\\\\\resources\\\\\\\\fonts\\\\\\\\x.ttf');
  });

  it('escapes leading and trailing spaces at both levels', () => {
    // Pass 2 gives '\ a\ '; in pass 3 the leading space follows a backslash, but the trailing one ends the string.
    expect(filterOptionValue(' a ')).toBe('\\\\ a\\\\\\ ');
  });
});

describe('escapeDrawtextLiteral', () => {
  it('stops drawtext reading % or \\ as expansion', () => {
    expect(escapeDrawtextLiteral('100% {x} \\n')).toBe('100\\% {x} \\\\n');
  });

  it('leaves ordinary names alone', () => {
    expect(escapeDrawtextLiteral('Aisle 3')).toBe('Aisle 3');
  });
});

describe('escapeDrawtextFunctionArgument', () => {
  it('escapes the argument separator and the closing brace', () => {
    expect(escapeDrawtextFunctionArgument('%H:%M:%S')).toBe('%H\\:%M\\:%S');
    expect(escapeDrawtextFunctionArgument("a}b'c\\")).toBe("a\\}b\\'c\\\\");
  });
});
