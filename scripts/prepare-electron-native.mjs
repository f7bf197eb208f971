// `npm start` runs the app in Electron, whose Node ABI differs from the Node that `npm install` built better-sqlite3
// for. Rebuilding node_modules in place would break `npm test`, so this builds a second copy for Electron under
// dist/native and the main process loads it through better-sqlite3's `nativeBinding` option. Packaged apps do not
// need it: electron-builder rebuilds node_modules for Electron when packaging.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const electronVersion = require('electron/package.json').version;
const sqlitePackageDir = path.dirname(require.resolve('better-sqlite3/package.json'));
const sqliteVersion = require('better-sqlite3/package.json').version;
const dest = path.join(root, 'dist', 'native', 'better-sqlite3');
const binary = path.join(dest, 'build', 'Release', 'better_sqlite3.node');
const stampFile = path.join(dest, 'handover-build.json');
const stamp = JSON.stringify({ electronVersion, sqliteVersion, platform: process.platform, arch: process.arch });

if (fs.existsSync(binary) && fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === stamp) process.exit(0);

console.log(`Building the database module for Electron ${electronVersion} (once)…`);
fs.rmSync(dest, { recursive: true, force: true });
fs.cpSync(sqlitePackageDir, dest, { recursive: true, filter: (source) => !source.includes(`${path.sep}build${path.sep}`) && !source.endsWith(`${path.sep}build`) });
const bin = (name) => path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);
const run = (command, args) => execFileSync(command, args, { cwd: dest, stdio: 'inherit', shell: process.platform === 'win32' });
try {
  // A prebuilt binary for this Electron version, when the better-sqlite3 project publishes one: seconds, no compiler.
  run(bin('prebuild-install'), ['--runtime', 'electron', '--target', electronVersion, '--arch', process.arch]);
} catch {
  console.log('No prebuilt binary; compiling against Electron headers instead (needs a C++ toolchain).');
  try {
    run(bin('node-gyp'), ['rebuild', '--release', '--runtime=electron', `--target=${electronVersion}`, `--arch=${process.arch}`, '--dist-url=https://electronjs.org/headers']);
  } catch {
    // Reported below in plain words; node-gyp has already printed its details.
  }
}
if (!fs.existsSync(binary)) {
  fs.rmSync(dest, { recursive: true, force: true });
  console.error(
    `Could not build the database module for Electron ${electronVersion}: no prebuilt binary could be downloaded and ` +
      'compiling needs the Electron headers (internet) and a C++ toolchain. The tests (npm test) do not need this step.',
  );
  process.exit(1);
}
fs.writeFileSync(stampFile, stamp);
