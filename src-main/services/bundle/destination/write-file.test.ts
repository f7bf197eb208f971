import { describe, expect, it } from 'vitest';
import { failureOf } from '../../../../test/helpers/failure-of';
import { realDestinationFs, type DestinationFs } from './destination-fs';
import { errnoError } from './faulty-fs.fixture';
import { FAT_MAX_FILE_BYTES } from './space';
import { temporaryName, writeAll } from './write-file';

/** A drive whose writes go nowhere: each takes at most `perCall` bytes, or fails with `code`. */
function sinkFs(options: { perCall?: number; code?: string }): DestinationFs & { positions: number[] } {
  const positions: number[] = [];
  return {
    ...realDestinationFs,
    positions,
    write: (_fd, _buffer, _offset, length, position) => {
      positions.push(position);
      if (options.code) return Promise.reject(errnoError({ code: options.code, syscall: 'write' }));
      return Promise.resolve(Math.min(length, options.perCall ?? length));
    },
  };
}

describe('writeAll', () => {
  it('keeps writing until the OS has taken every byte', async () => {
    const fs = sinkFs({ perCall: 300 });
    await writeAll({ fs, fd: 3, chunk: new Uint8Array(1000), position: 5000 });
    expect(fs.positions).toEqual([5000, 5300, 5600, 5900]);
  });

  it('treats a write that takes nothing as a failing drive', async () => {
    await expect(writeAll({ fs: sinkFs({ perCall: 0 }), fd: 3, chunk: new Uint8Array(10), position: 0 })).rejects.toMatchObject({ code: 'EIO' });
  });

  it("names FAT32 when Windows' vague error comes exactly where a file passes 4 GB", async () => {
    const failure = await failureOf(writeAll({ fs: sinkFs({ code: 'UNKNOWN' }), fd: 3, chunk: new Uint8Array(100), position: FAT_MAX_FILE_BYTES - 50 }));
    expect(failure.code).toBe('no_space');
    expect(failure.message).toContain('FAT32');
    // Anywhere else the same error is just an error, for the caller to map.
    await expect(writeAll({ fs: sinkFs({ code: 'UNKNOWN' }), fd: 3, chunk: new Uint8Array(100), position: 0 })).rejects.toMatchObject({ code: 'UNKNOWN' });
  });

  it('takes EPERM or EACCES on a write to a file it opened for writing as a full stick, not a locked one (fusefat)', async () => {
    for (const code of ['EPERM', 'EACCES']) {
      const failure = await failureOf(writeAll({ fs: sinkFs({ code }), fd: 3, chunk: new Uint8Array(100), position: 4096 }));
      expect(failure.code).toBe('no_space');
      expect(failure.message).toMatch(/^The USB stick stopped taking data part-way through.*most likely full/);
    }
  });

  it('hides files being written behind a dot and .partial', () => {
    expect(temporaryName({ name: 'evidence.zip' })).toBe('.evidence.zip.partial');
  });
});
