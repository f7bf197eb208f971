import { describe, expect, it } from 'vitest';
import { FAT_MAX_FILE_BYTES, formatSize, freeSpace, spaceNeeded } from './space';

describe('formatSize', () => {
  it('gives one decimal in GB or MB, decimal units', () => {
    expect(formatSize({ bytes: 3_400_000_000 })).toBe('3.4 GB');
    expect(formatSize({ bytes: 1_234_567_890 })).toBe('1.2 GB');
    expect(formatSize({ bytes: 812_500_000 })).toBe('812.5 MB');
    expect(formatSize({ bytes: 999_990_000 })).toBe('1.0 GB');
    expect(formatSize({ bytes: 2_048 })).toBe('0.0 MB');
    expect(formatSize({ bytes: 64_000_000_000 })).toBe('64.0 GB');
  });
});

describe('spaceNeeded', () => {
  it('rounds every file up to whole clusters, adds 5 % and room for the folder', () => {
    const cluster = 32 * 1024;
    // 1 byte takes a cluster; 32 KiB + 1 takes two; an empty file takes none.
    const clusters = 1 + 2 + 0;
    expect(spaceNeeded({ sizes: [1, cluster + 1, 0], clusterBytes: cluster })).toBe(Math.ceil(clusters * cluster * 1.05) + 8 * cluster);
  });

  it('uses 4 KiB clusters when the drive does not say', () => {
    expect(spaceNeeded({ sizes: [10], clusterBytes: null })).toBe(Math.ceil(4096 * 1.05) + 8 * 4096);
    expect(spaceNeeded({ sizes: [10], clusterBytes: 0 })).toBe(spaceNeeded({ sizes: [10], clusterBytes: null }));
  });

  it('is always more than the bytes themselves', () => {
    const sizes = [3_000_000_000, 1_000, 70];
    expect(spaceNeeded({ sizes, clusterBytes: 131_072 })).toBeGreaterThan(3_000_001_070 * 1.05);
  });
});

describe('freeSpace', () => {
  it('is bavail × bsize', () => {
    expect(freeSpace({ bsize: 32768, bavail: 1000, blocks: 500_000 })).toBe(32_768_000);
  });

  it('is unknown, not zero, when the drive reports no blocks at all (fusefat)', () => {
    expect(freeSpace({ bsize: 4096, bavail: 0, blocks: 0 })).toBeNull();
    expect(freeSpace({ bsize: 0, bavail: 10, blocks: 10 })).toBeNull();
  });

  it('keeps FAT32 one byte under its limit', () => {
    expect(FAT_MAX_FILE_BYTES).toBe(4_294_967_294);
  });
});
