/**
 * Speed and memory of the evidence zip writer (src-main/services/bundle/zip) against `cp` of the same bytes:
 *  - a ~1 GB file of random-ish data, copied by `cp` into a fresh folder on the same file system and written by
 *    writeAesZip as one AES-256 entry, taking turns, each followed by `sync`, RUNS times; medians. Target: the zip's
 *    time to disk ≤ 1.25× cp's (at least 80% of cp's speed).
 *  - the peak RSS of this process while writing (target ≤ 300 MB; with --rss-gb N, also while writing an N GB zip).
 * The source is read once before timing so both start from a warm cache. Everything is made in a temporary folder and
 * removed at the end. Prints a markdown table.
 *
 * Then the same pair from a cold page cache (as root on Linux): the bundle's files come off the disk, as they do after
 * an export bigger than the memory, and the target is judged on that pair.
 *
 *   npx tsx scripts/bench/bundle-zip.ts [--gb 1] [--runs 5] [--rss-gb 0] [--write-readme]
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { aesZipSize, writeAesZip } from '../../src-main/services/bundle/zip/aes-zip-writer';
import { coldCacheUnavailable, dropCaches, median, quiet, run, settleDisk, warm, watchMemory } from './export-setup';
import { writeReadmeSection } from './readme-section';

const { values } = parseArgs({
  options: {
    gb: { type: 'string', default: '1' },
    runs: { type: 'string', default: '5' },
    'rss-gb': { type: 'string', default: '0' },
    'write-readme': { type: 'boolean', default: false },
  },
});
const GB = Number(values.gb);
const RUNS = Number(values.runs);
const RSS_GB = Number(values['rss-gb']);
const TARGET_RATIO = 1.25;
const BLOCK = 16 * 1024 * 1024;

/** Random 16 MiB blocks, each stamped with its index so no two are the same, to about `gb` GB. */
function makeSource(options: { file: string; gb: number }): number {
  const block = randomBytes(BLOCK);
  const count = Math.max(1, Math.round((options.gb * 1e9) / BLOCK));
  const fd = fs.openSync(options.file, 'w');
  try {
    for (let index = 0; index < count; index += 1) {
      block.writeUInt32LE(index, 0);
      fs.writeSync(fd, block);
    }
  } finally {
    fs.closeSync(fd);
  }
  return count * BLOCK;
}

interface Timing {
  /** Until the last write returned (for the zip, that includes its own fsync). */
  s: number;
  /** Until `sync` returned too. */
  durableS: number;
}

type Cache = 'warm' | 'cold';

async function timeCp(options: { source: string; dir: string; cache: Cache }): Promise<Timing> {
  fs.mkdirSync(options.dir);
  await quiet();
  if (options.cache === 'cold') await dropCaches();
  else await warm({ file: options.source });
  const started = process.hrtime.bigint();
  await run('cp', [options.source, path.join(options.dir, 'copy.bin')]);
  const s = Number(process.hrtime.bigint() - started) / 1e9;
  await settleDisk();
  const durableS = Number(process.hrtime.bigint() - started) / 1e9;
  fs.rmSync(options.dir, { recursive: true });
  return { s, durableS };
}

async function timeZip(options: { source: string; size: number; dir: string; cache: Cache }): Promise<Timing & { rssMb: number; cpuS: number }> {
  fs.mkdirSync(options.dir);
  const outFile = path.join(options.dir, 'evidence.zip');
  const entries = [{ name: 'masters/Camera 1/recording.dav', file: options.source, size: options.size, modifiedAt: new Date() }];
  await quiet();
  if (options.cache === 'cold') await dropCaches();
  else await warm({ file: options.source });
  const started = process.hrtime.bigint();
  const cpuBefore = process.cpuUsage();
  const { value: written, nodeMb } = await watchMemory({ work: () => writeAesZip({ outFile, entries, password: 'correct horse battery staple' }), children: false });
  const s = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuBefore);
  await settleDisk();
  const durableS = Number(process.hrtime.bigint() - started) / 1e9;
  if (written.size !== aesZipSize({ entries }) || fs.statSync(outFile).size !== written.size) throw new Error('zip size differs from aesZipSize');
  fs.rmSync(options.dir, { recursive: true });
  return { s, durableS, rssMb: nodeMb, cpuS: (cpu.user + cpu.system) / 1e6 };
}

/**
 * The floor: the hashing the zip cannot do without (SHA-256 of the source, HMAC-SHA1 and SHA-256 of what is written),
 * here all three over the source on one thread. Spread perfectly over every core, that much CPU is the least time any
 * writer of such a zip can take.
 */
async function timeHashes(options: { source: string }): Promise<number> {
  const hashes = [createHash('sha256'), createHmac('sha1', randomBytes(32)), createHash('sha256')];
  const buffer = Buffer.alloc(4 * 1024 * 1024);
  const handle = await fs.promises.open(options.source, 'r');
  await quiet();
  const started = process.hrtime.bigint();
  try {
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      for (const hash of hashes) hash.update(buffer.subarray(0, bytesRead));
    }
  } finally {
    await handle.close();
  }
  for (const hash of hashes) hash.digest();
  return Number(process.hrtime.bigint() - started) / 1e9;
}

async function main(): Promise<void> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'handover-bench-zip-'));
  try {
    process.stderr.write(`Making a ${GB} GB source file in ${scratch}…\n`);
    const source = path.join(scratch, 'source.bin');
    const size = makeSource({ file: source, gb: GB });
    await settleDisk();
    await warm({ file: source });
    const coldSkipped = coldCacheUnavailable();
    const timeRuns = async (cache: Cache) => {
      const runs: { cp: Timing; zip: Timing & { rssMb: number; cpuS: number } }[] = [];
      for (let index = 0; index < RUNS; index += 1) {
        process.stderr.write(`Timing cp and writeAesZip, ${cache} cache (${index + 1} of ${RUNS})…\n`);
        // Taking turns at going first, so neither always inherits the other's dirty pages or a calmer disk.
        if (index % 2 === 0) {
          const cp = await timeCp({ source, dir: path.join(scratch, 'cp'), cache });
          runs.push({ cp, zip: await timeZip({ source, size, dir: path.join(scratch, 'zip'), cache }) });
        } else {
          const zip = await timeZip({ source, size, dir: path.join(scratch, 'zip'), cache });
          runs.push({ cp: await timeCp({ source, dir: path.join(scratch, 'cp'), cache }), zip });
        }
      }
      return runs;
    };
    const runs = await timeRuns('warm');
    const coldRuns = coldSkipped === null ? await timeRuns('cold') : null;
    const hashS = await timeHashes({ source });
    let bigRss: number | null = null;
    if (RSS_GB > 0) {
      process.stderr.write(`Writing a ${RSS_GB} GB zip for its peak RSS…\n`);
      const big = path.join(scratch, 'big.bin');
      const bigSize = makeSource({ file: big, gb: RSS_GB });
      bigRss = (await timeZip({ source: big, size: bigSize, dir: path.join(scratch, 'zip-big'), cache: 'warm' })).rssMb;
      fs.rmSync(big);
    }

    type Runs = typeof runs;
    const pick = (list: Runs, get: (entry: Runs[number]) => number) => ({ median: median(list.map(get)), list: list.map((entry) => get(entry).toFixed(2)).join(', ') });
    const rate = (s: number) => `${(size / 1e6 / s).toFixed(0)} MB/s`;
    const pass = (ok: boolean) => (ok ? 'pass' : '**FAIL**');
    const judged = coldRuns ?? runs;
    const pair = (list: Runs, cache: Cache) => {
      const cp = pick(list, (entry) => entry.cp.durableS);
      const cpWritten = pick(list, (entry) => entry.cp.s);
      const zip = pick(list, (entry) => entry.zip.durableS);
      const zipWritten = pick(list, (entry) => entry.zip.s);
      const zipCpu = pick(list, (entry) => entry.zip.cpuS);
      const ratio = zip.median / cp.median;
      const verdict = list === judged ? `≤ ${TARGET_RATIO}× | ${pass(ratio <= TARGET_RATIO)}` : ' | ';
      return {
        cp,
        lines: [
          `| ${cache} cache: \`cp\` + \`sync\` (the baseline) | ${cp.median.toFixed(2)} s (${cp.list}); cp alone ${cpWritten.median.toFixed(2)} s | ${rate(cp.median)} | 1.00× | | |`,
          `| ${cache} cache: \`writeAesZip\` (AES-256, SHA-256 of source and zip, fsync) + \`sync\` | ${zip.median.toFixed(2)} s (${zip.list}); until it returned ${zipWritten.median.toFixed(2)} s; CPU time, all threads ${zipCpu.median.toFixed(2)} s | ${rate(zip.median)} | ${ratio.toFixed(2)}× | ${verdict} |`,
        ],
      };
    };
    const warmPair = pair(runs, 'warm');
    const coldPair = coldRuns ? pair(coldRuns, 'cold') : null;
    const rss = Math.max(...[...runs, ...(coldRuns ?? [])].map((entry) => entry.zip.rssMb), bigRss ?? 0);
    const lines = [
      `| ${(size / 1e9).toFixed(2)} GB, ${os.cpus().length} cores, ${RUNS} runs each | median to disk (runs) | throughput | vs cp | target | |`,
      '| --- | --- | --- | --- | --- | --- |',
      ...warmPair.lines,
      ...(coldPair ? coldPair.lines : [`| cold cache | skipped: ${coldSkipped} | | | | |`]),
      `| for comparison: the three hashes alone on one thread, warm (the CPU floor over ${os.cpus().length} cores: ${(hashS / os.cpus().length).toFixed(2)} s) | ${hashS.toFixed(2)} s | ${rate(hashS)} | ${(hashS / warmPair.cp.median).toFixed(2)}× warm cp | | |`,
      `| peak RSS of this process while writing${bigRss === null ? '' : ` (incl. a ${RSS_GB} GB zip)`} | ${rss.toFixed(0)} MB | | | ≤ 300 MB | ${pass(rss <= 300)} |`,
    ];
    const note =
      `Evidence zip writing (\`npx tsx scripts/bench/bundle-zip.ts --rss-gb ${RSS_GB} --write-readme\`, ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} cores, Node ${process.versions.node}). ` +
      'Each run is followed by `sync`; cp and the zip take turns going first. The target is judged on the cold-cache pair when it ran: ' +
      "a real bundle's files come off the disk. With a warm cache `cp` is a memory copy, while the zip must also compute SHA-256 of every " +
      'byte read, HMAC-SHA1 of every byte written (the format requires it) and SHA-256 of the zip (for evidence.zip.sha256): the hash row shows that CPU floor.';
    if (values['write-readme']) writeReadmeSection({ name: 'bundle', markdown: `${note}\n\n${lines.join('\n')}` });
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
