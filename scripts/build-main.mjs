// Bundles the Electron main process and the preload. The sandboxed preload can only require 'electron', so it must be
// one self-contained file; native and binary-shipping packages stay external so electron-builder can unpack them.
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, logLevel: 'warning' };

await build({
  ...common,
  entryPoints: { main: 'src-main/app/main.ts' },
  outdir: 'dist/main',
  outExtension: { '.js': '.cjs' },
  external: ['electron', 'better-sqlite3', 'ffmpeg-static', '@ffprobe-installer/*'],
});

await build({
  ...common,
  entryPoints: { preload: 'src-main/app/preload.ts' },
  outdir: 'dist/main',
  outExtension: { '.js': '.cjs' },
  external: ['electron'],
  minify: true,
});
