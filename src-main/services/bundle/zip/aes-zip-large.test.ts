/**
 * An entry over 4 GiB, and one after it whose header starts past 4 GiB: every ZIP64 field the writer can emit, checked
 * by 7-Zip, by our reader and against sha256sum. The source is sparse, so it costs little disk; the zip is real (4 GiB
 * written, then read twice), hence the long timeout.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../../test/helpers/temp-dir';
import { checkAesZip, readZipDirectory } from './aes-zip-reader';
import { aesZipSize, writeAesZip, type ZipEntrySource } from './aes-zip-writer';
import { FIXED_TIME, run7z, SEVEN_ZIP_COMPLAINTS, sha256sum } from './zip-test-setup';

const tempDir = useTempDirs('handover-zip-large-');
const PASSWORD = 'big-evidence-2026';
const BIG = 4 * 1024 ** 3 + 100 * 1024;

/** 4 GiB + 100 KiB: random at both ends, a hole in between. */
function sparseSource(file: string): void {
  fs.writeFileSync(file, randomBytes(1024 * 1024));
  fs.truncateSync(file, BIG);
  const fd = fs.openSync(file, 'r+');
  fs.writeSync(fd, randomBytes(64 * 1024), 0, 64 * 1024, BIG - 64 * 1024);
  fs.closeSync(fd);
}

describe('an entry over 4 GiB', () => {
  it('is written as ZIP64 that 7-Zip tests without a warning, and reads back with the same fingerprint', { timeout: 600_000 }, async () => {
    const dir = tempDir();
    const source = path.join(dir, 'big.dav');
    sparseSource(source);
    const entries: ZipEntrySource[] = [
      { name: 'masters/Camera 1/big.dav', file: source, size: BIG, modifiedAt: FIXED_TIME },
      { name: 'after.txt', data: Buffer.from('after the big one'), size: 17, modifiedAt: FIXED_TIME },
    ];
    const outFile = path.join(dir, 'evidence.zip');
    const written = await writeAesZip({ outFile, entries, password: PASSWORD, fsync: false });
    expect(written.entries[0]!.sha256).toBe(await sha256sum(source));
    expect(written.size).toBe(aesZipSize({ entries }));
    fs.rmSync(source);

    const directory = await readZipDirectory({ file: outFile });
    expect(directory.problems).toEqual([]);
    expect(directory.entries.map((entry) => [entry.name, entry.size])).toEqual([
      ['masters/Camera 1/big.dav', BIG],
      ['after.txt', 17],
    ]);
    expect(directory.entries[1]!.localHeaderOffset).toBeGreaterThan(0xffffffff);

    const tested = await run7z(['t', `-p${PASSWORD}`, outFile]);
    expect(tested.output).toContain('Everything is Ok');
    expect(tested.output).not.toMatch(SEVEN_ZIP_COMPLAINTS);
    expect(tested.code).toBe(0);

    const checked = await checkAesZip({ file: outFile, password: PASSWORD });
    expect(checked.problems).toEqual([]);
    expect(checked.entries).toEqual(written.entries.map((entry) => ({ ...entry, authentic: true })));
  });
});
