import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, openDatabase } from './connection';
import type { Migration } from './migration';
import { MIGRATIONS } from './migrations';

const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'handover-db-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('openDatabase', () => {
  it('creates the schema at the latest version, in WAL mode with foreign keys on', () => {
    const db = openDatabase({ dataDir: tempDir() });
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)?.version);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['cases', 'case_steps', 'jobs', 'job_outputs', 'custody_log']));
    db.close();
  });

  it('reopens an existing database without re-running migrations', () => {
    const dataDir = tempDir();
    openDatabase({ dataDir }).close();
    const db = openDatabase({ dataDir });
    expect(migrate({ db })).toEqual({ from: MIGRATIONS.at(-1)?.version, to: MIGRATIONS.at(-1)?.version });
    db.close();
  });

  it('rolls back a failing migration together with its version bump', () => {
    const dataDir = tempDir();
    const broken: Migration = {
      version: (MIGRATIONS.at(-1)?.version ?? 0) + 1,
      name: 'half done',
      up(db) {
        db.exec('CREATE TABLE half_done (x INTEGER)');
        throw new Error('disk full');
      },
    };
    expect(() => openDatabase({ dataDir, migrations: [...MIGRATIONS, broken] })).toThrow('disk full');
    const db = openDatabase({ dataDir });
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)?.version);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'").pluck().get()).toBe(0);
    db.close();
  });

  it('refuses a database written by a newer version, in plain words', () => {
    const dataDir = tempDir();
    const db = openDatabase({ dataDir });
    db.pragma('user_version = 99');
    db.close();
    expect(() => openDatabase({ dataDir })).toThrow(/newer version of Handover/);
  });
});
