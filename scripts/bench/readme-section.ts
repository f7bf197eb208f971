import fs from 'node:fs';
import path from 'node:path';

/** Replaces the text between `<!-- bench:<name>:start -->` and `<!-- bench:<name>:end -->` in the README. */
export function writeReadmeSection(options: { name: string; markdown: string; readmePath?: string }): void {
  const readmePath = options.readmePath ?? path.resolve(__dirname, '../../README.md');
  const readme = fs.readFileSync(readmePath, 'utf8');
  const start = `<!-- bench:${options.name}:start -->`;
  const end = `<!-- bench:${options.name}:end -->`;
  const from = readme.indexOf(start);
  const to = readme.indexOf(end);
  if (from < 0 || to < from) throw new Error(`README has no ${start} … ${end} markers`);
  fs.writeFileSync(readmePath, `${readme.slice(0, from + start.length)}\n${options.markdown.trim()}\n${readme.slice(to)}`);
}
