import { describe, expect, it } from 'vitest';
import { compactTime, createNameAllocator, MAX_NAME_LENGTH, readableTime, safeFileName, sequenceNumber } from './file-names';

describe('safeFileName', () => {
  it('keeps ordinary recorder names as they are', () => {
    expect(safeFileName({ name: '14.00.00-14.05.00[R][0@0][0].dav', fallback: 'x' })).toBe('14.00.00-14.05.00[R][0@0][0].dav');
    expect(safeFileName({ name: 'Car park', fallback: 'x' })).toBe('Car park');
  });

  it('replaces characters Windows and FAT refuse, and drops trailing dots and spaces', () => {
    expect(safeFileName({ name: 'Till: front/back <1>?*|"\\', fallback: 'x' })).toBe('Till_ front_back _1______');
    expect(safeFileName({ name: 'Door\u0001\u007f', fallback: 'x' })).toBe('Door__');
    expect(safeFileName({ name: 'Yard. . ', fallback: 'x' })).toBe('Yard');
  });

  it('steps round reserved device names and empty results', () => {
    expect(safeFileName({ name: 'CON', fallback: 'x' })).toBe('_CON');
    expect(safeFileName({ name: 'lpt1.mp4', fallback: 'x' })).toBe('_lpt1.mp4');
    expect(safeFileName({ name: ' ... ', fallback: 'camera' })).toBe('camera');
  });

  it('shortens long names but keeps the extension', () => {
    const name = safeFileName({ name: `${'a'.repeat(300)}.mp4`, fallback: 'x' });
    expect(name.length).toBe(MAX_NAME_LENGTH);
    expect(name.endsWith('.mp4')).toBe(true);
  });
});

describe('createNameAllocator', () => {
  it('numbers a second file of the same name in a folder, ignoring case as FAT does', () => {
    const names = createNameAllocator();
    expect(names.take({ folder: 'masters/Till', name: 'a.dav' })).toBe('a.dav');
    expect(names.take({ folder: 'masters/Till', name: 'A.dav' })).toBe('A (2).dav');
    expect(names.take({ folder: 'masters/Till', name: 'a.dav' })).toBe('a (3).dav');
    expect(names.take({ folder: 'masters/Door', name: 'a.dav' })).toBe('a.dav');
  });
});

describe('sequence numbers and times', () => {
  it('pads to two digits, or wider when there are more items', () => {
    expect(sequenceNumber({ index: 0, count: 5 })).toBe('01');
    expect(sequenceNumber({ index: 9, count: 120 })).toBe('010');
  });

  it('writes wall-clock times in the footage zone, without colons for file names', () => {
    const instantMs = Date.UTC(2026, 6, 1, 13, 1, 50); // 14:01:50 in London (summer time)
    expect(compactTime({ instantMs, timeZone: 'Europe/London' })).toBe('140150');
    expect(readableTime({ instantMs, timeZone: 'Europe/London' })).toBe('14:01:50');
  });
});
