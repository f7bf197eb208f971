import fs from 'node:fs';
import path from 'node:path';

/** Real camera files live beside the repository in ../shared/fixtures/real (see SOURCES.md there); they are never copied in. */
export const REAL_FIXTURES_DIR = path.resolve(__dirname, '../../../shared/fixtures/real');

export function realFixture(name: string): string {
  const file = path.join(REAL_FIXTURES_DIR, name);
  if (!fs.existsSync(file)) {
    throw new Error(`Real camera fixture missing: ${file}. The tests expect the shared folder beside the repository (../shared/fixtures/real).`);
  }
  return file;
}
