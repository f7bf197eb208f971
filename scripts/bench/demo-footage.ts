/**
 * How long "Try with demo footage" and `handover demo-nvr` take for the default set (4 cameras × 20 minutes, 5-minute
 * files), in H.264 and HEVC. Target: well under a minute on this 2-core machine.
 *
 *   npx tsx scripts/bench/demo-footage.ts [--write-readme]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { systemTimeZone } from '../../src-main/services/catalogue/catalogue-service';
import { defaultDemoStart, generateDemoFootage } from '../../src-main/services/catalogue/demo-nvr';
import { createMemoryLogger } from '../../src-main/services/logger';
import { resolveMediaTools } from '../../src-main/services/media/binaries';
import { writeReadmeSection } from './readme-section';

const { values } = parseArgs({ options: { 'write-readme': { type: 'boolean', default: false } } });

async function timeSet(codec: 'h264' | 'hevc'): Promise<{ seconds: number; files: number; megabytes: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `handover-bench-demo-${codec}-`));
  try {
    const timeZone = systemTimeZone();
    const started = process.hrtime.bigint();
    const { files } = await generateDemoFootage({
      dir,
      layout: 'dahua-sd',
      codec,
      cameras: 4,
      minutes: 20,
      segmentMinutes: 5,
      start: defaultDemoStart({ nowMs: Date.now(), timeZone }),
      timeZone,
      tools: resolveMediaTools(),
      logger: createMemoryLogger(),
    });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const bytes = files.reduce((total, file) => total + fs.statSync(path.join(dir, ...file.relPath.split('/'))).size, 0);
    return { seconds, files: files.length, megabytes: bytes / 1024 / 1024 };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const h264 = await timeSet('h264');
  const hevc = await timeSet('hevc');
  const row = (codec: string, r: { seconds: number; files: number; megabytes: number }) =>
    `| ${codec} | ${r.files} | ${r.seconds.toFixed(1)} s | ${r.megabytes.toFixed(0)} MB | ${r.seconds < 60 ? 'pass' : '**FAIL**'} |`;
  const markdown = [
    `Demo footage, 4 cameras × 20 minutes in 5-minute files, Dahua layout (\`npx tsx scripts/bench/demo-footage.ts --write-readme\`, ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} cores):`,
    '',
    '| codec | files | time | size | under a minute |',
    '| --- | --- | --- | --- | --- |',
    row('H.264', h264),
    row('HEVC', hevc),
  ].join('\n');
  process.stdout.write(`${markdown}\n`);
  if (values['write-readme']) writeReadmeSection({ name: 'demo', markdown });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
