import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../../test/helpers/temp-dir';
import { parseSha256Sums, sha256SumsText } from './bundle-texts';
import { MANIFEST_SCHEMA_FILE, manifestJsonSchemaText } from './manifest-json-schema';

const tempDir = useTempDirs('handover-sums-');

describe('SHA256SUMS', () => {
  it('is read by sha256sum -c, with folders and spaces in names, and parses back', () => {
    const dir = tempDir();
    const files = ['manifest.json', 'masters/Camera 1/JS_1_14.00.00-14.01.00[R][0@0][0].mp4', 'stills/JS_3_a b.png'];
    const listed = files.map((name) => {
      const data = Buffer.from(`contents of ${name}`);
      fs.mkdirSync(path.join(dir, path.dirname(name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), data);
      return { name, sha256: createHash('sha256').update(data).digest('hex') };
    });
    const text = sha256SumsText(listed);
    fs.writeFileSync(path.join(dir, 'SHA256SUMS'), text);
    expect(execFileSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: dir, encoding: 'utf8' })).toContain(': OK');
    fs.appendFileSync(path.join(dir, 'stills/JS_3_a b.png'), 'x');
    expect(() => execFileSync('sha256sum', ['-c', '--quiet', 'SHA256SUMS'], { cwd: dir, stdio: 'pipe' })).toThrow();
    const parsed = parseSha256Sums(text);
    expect(parsed.problems).toEqual([]);
    expect([...parsed.entries.keys()]).toEqual([...files].sort());
  });

  it('refuses a name sha256sum would need to escape, and reports lines it cannot read', () => {
    expect(() => sha256SumsText([{ name: 'a\nb', sha256: '0'.repeat(64) }])).toThrow(RangeError);
    expect(parseSha256Sums(`${'0'.repeat(64)}  a\nnot a line\n`).problems).toEqual(['Line 2 of SHA256SUMS is not a fingerprint line.']);
  });
});

describe('manifest JSON Schema', () => {
  it('is committed as generated from the zod schema (run scripts/generate-manifest-schema.ts after changing it)', () => {
    const committed = fs.readFileSync(path.join(__dirname, '..', '..', '..', '..', MANIFEST_SCHEMA_FILE), 'utf8');
    expect(committed).toBe(manifestJsonSchemaText());
  });
});
