import { describe, expect, it } from 'vitest';
import { parseRangeHeader } from './range';

const size = 1000;
const parse = (header: string | undefined) => parseRangeHeader({ header, size });

describe('parseRangeHeader', () => {
  it('reads the three single-range forms', () => {
    expect(parse('bytes=0-499')).toEqual({ kind: 'range', start: 0, end: 499 });
    expect(parse('bytes=500-')).toEqual({ kind: 'range', start: 500, end: 999 });
    expect(parse('bytes=-100')).toEqual({ kind: 'range', start: 900, end: 999 });
    expect(parse('bytes= 10 - 20 ')).toEqual({ kind: 'range', start: 10, end: 20 });
  });

  it('clips an end past the file, and a suffix longer than the file, to the file', () => {
    expect(parse('bytes=900-5000')).toEqual({ kind: 'range', start: 900, end: 999 });
    expect(parse('bytes=-5000')).toEqual({ kind: 'range', start: 0, end: 999 });
    expect(parse('bytes=999-999')).toEqual({ kind: 'range', start: 999, end: 999 });
  });

  it('refuses ranges that start past the end, and empty suffixes, as unsatisfiable', () => {
    expect(parse('bytes=1000-')).toEqual({ kind: 'unsatisfiable' });
    expect(parse('bytes=1000-2000')).toEqual({ kind: 'unsatisfiable' });
    expect(parse('bytes=-0')).toEqual({ kind: 'unsatisfiable' });
    expect(parseRangeHeader({ header: 'bytes=0-', size: 0 })).toEqual({ kind: 'unsatisfiable' });
  });

  it('answers no header, nonsense and several ranges with the whole file', () => {
    for (const header of [undefined, '', 'bytes=-', 'bytes=5-1', 'items=0-1', 'bytes=0-1,5-9', 'bytes=a-b', 'bytes=99999999999999999999-']) {
      expect(parse(header)).toEqual({ kind: 'whole' });
    }
  });
});
