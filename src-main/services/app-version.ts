import fs from 'node:fs';
import path from 'node:path';

/** Read from package.json at run time, so the CLI (run from source) and the packaged app agree. */
export function readAppVersion(options: { appRoot: string }): string {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(options.appRoot, 'package.json'), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}
