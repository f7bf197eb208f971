/** Finding files shipped in `resources/`: from source, after bundling, and inside a packaged Electron app. */
import fs from 'node:fs';
import path from 'node:path';

export function isExistingFile(candidate: string): boolean {
  try {
    return fs.statSync(candidate).isFile();
  } catch {
    return false;
  }
}

/** The folder itself and each folder above it, nearest first. */
export function selfAndAncestors(start: string): string[] {
  const folders: string[] = [];
  let current = path.resolve(start);
  for (;;) {
    folders.push(current);
    const parent = path.dirname(current);
    if (parent === current) return folders;
    current = parent;
  }
}

export function electronResourcesPath(): string | undefined {
  // Electron adds this to `process`; Node's types do not know it, and under plain Node it is undefined.
  const value = (process as { resourcesPath?: unknown }).resourcesPath;
  return typeof value === 'string' && value !== '' ? value : undefined;
}
