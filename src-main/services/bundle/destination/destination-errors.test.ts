import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors';
import { destinationError } from './destination-errors';
import { errnoError } from './faulty-fs.fixture';

const map = (code: string, syscall = 'write', stage: 'writing' | 'verifying' = 'writing') => destinationError({ error: errnoError({ code, syscall }), stage });

describe('destinationError', () => {
  it('maps a full stick and FAT32 limits to no_space', () => {
    expect(map('ENOSPC').code).toBe('no_space');
    expect(map('ENOSPC').message).toMatch(/^The USB stick is full/);
    expect(map('EDQUOT').code).toBe('no_space');
    expect(map('EFBIG').code).toBe('no_space');
    expect(map('EFBIG').message).toContain("too large for this stick's format (FAT32)");
  });

  it('maps refused writes to write_protected, but a refused rename to a busy folder', () => {
    for (const code of ['EROFS', 'EACCES', 'EPERM']) expect(map(code).code).toBe('write_protected');
    expect(map('EPERM', 'rename').code).toBe('io_failed');
    expect(map('EPERM', 'rename').message).toContain('Another program');
  });

  it('maps a removed or failing stick to drive_gone, saying when it happened', () => {
    for (const code of ['EIO', 'ENXIO', 'ENODEV', 'ENOTCONN', 'ECONNABORTED', 'UNKNOWN', 'ENOENT', 'ETIMEDOUT']) expect(map(code).code).toBe('drive_gone');
    expect(map('EIO').message).toBe(
      'The USB stick was removed while writing, or it is failing. Nothing on it is usable. Plug it back in (or use another stick) and press Try again.',
    );
    expect(map('EIO', 'read', 'verifying').message).toContain('removed while Handover was checking the copy');
  });

  it('names the code for anything else, and passes AppErrors through', () => {
    expect(map('EMFILE').code).toBe('io_failed');
    expect(map('EMFILE').message).toContain('(EMFILE)');
    const plain = new AppError('verify_failed', 'x');
    expect(destinationError({ error: plain, stage: 'writing' })).toBe(plain);
    expect(destinationError({ error: new Error('odd'), stage: 'writing' }).code).toBe('io_failed');
  });
});
