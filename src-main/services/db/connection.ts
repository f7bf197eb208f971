import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../errors';
import type { Migration } from './migration';
import { MIGRATIONS } from './migrations';

export const DB_FILE_NAME = 'handover.sqlite3';

/** Applies every migration newer than `PRAGMA user_version`, each with its version bump in one transaction. */
export function migrate(options: { db: Database.Database; migrations?: readonly Migration[] }): { from: number; to: number } {
  const { db } = options;
  const migrations = [...(options.migrations ?? MIGRATIONS)].sort((a, b) => a.version - b.version);
  const from = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations.at(-1)?.version ?? 0;
  if (from > latest) {
    throw new AppError(
      'conflict',
      `This case database was made by a newer version of Handover (schema ${from}; this version knows up to ${latest}). Update Handover to open it.`,
    );
  }
  for (const migration of migrations) {
    if (migration.version <= from) continue;
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
  return { from, to: Math.max(from, latest) };
}

/**
 * Opens (creating if needed) the app database in `dataDir`, in WAL mode with foreign keys enforced. `nativeBinding`
 * points at a better-sqlite3 build for another runtime (Electron during `npm start`).
 */
export function openDatabase(options: { dataDir: string; migrations?: readonly Migration[]; nativeBinding?: string }): Database.Database {
  fs.mkdirSync(options.dataDir, { recursive: true });
  const db = new Database(path.join(options.dataDir, DB_FILE_NAME), options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate({ db, migrations: options.migrations });
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}
