import path from 'node:path';
import { defineConfig } from 'vite';

const here = path.dirname(new URL(import.meta.url).pathname);

export default defineConfig({
  root: here,
  base: './',
  build: {
    outDir: path.resolve(here, '../dist/renderer'),
    emptyOutDir: true,
    sourcemap: true,
    target: 'chrome120',
    // One stylesheet file: the CSP allows styles from 'self' only.
    cssCodeSplit: false,
  },
  oxc: { jsx: { runtime: 'automatic' } },
});
