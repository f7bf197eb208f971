/** Reads a recorded tool output from ./fixtures (test helper). */
import fs from 'node:fs';
import path from 'node:path';

export function fixture(name: string): string {
  return fs.readFileSync(path.join(__dirname, 'fixtures', name), 'utf8');
}
