/**
 * Export speed and memory, through the real services (case, footage folder, scan, clip, export job):
 *  - 1 GB of H.264 footage exported (byte-for-byte master and a remuxed working copy, both hashed) against `cp` of the
 *    same bytes to the same file system in the same run. Target ≤ 2.5× cp, judged from a cold page cache and until
 *    everything is on disk (`sync`), as a real export runs; when the cache cannot be emptied (not root on Linux), from
 *    a warm one instead, and the table says so. The warm figures are shown as well. Beside each: the floor, the same
 *    two outputs made by the plainest tools one after the other.
 *  - A re-encoded working copy (caption burnt in) against the exact ffmpeg command line the export recorded for it,
 *    run again by itself. Target ≤ 1.1×.
 *  - RSS of this process during a bigger export (5 GB by default: its master and working copy are split for FAT32).
 *    Target ≤ 300 MB. ffmpeg runs as child processes with their own memory; their peak is shown beside it.
 * The footage is a noisy test-pattern clip encoded once, repeated by stream copy into one long recording under a
 * Dahua SD name (see export-setup.ts). Everything is made in a temporary folder and removed at the end.
 *
 *   npx tsx scripts/bench/export.ts [--gb 1] [--rss-gb 5] [--runs 3] [--write-readme]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { exportOptionsSchema } from '../../src-shared/domain/export';
import { createAppCore, type AppCore } from '../../src-main/app-core';
import { createExportService } from '../../src-main/services/export/export-service';
import { hashFile } from '../../src-main/services/export/hashed-copy';
import { detectH264Encoder, makeWorkingCopy, splitWorkingCopy } from '../../src-main/services/export/working-copy';
import { createMemoryLogger } from '../../src-main/services/logger';
import { resolveMediaTools } from '../../src-main/services/media/binaries';
import { quoteShellArg } from '../../src-main/services/media/command-line';
import {
  addCaseWithClip,
  describePhases,
  freeBytes,
  makeRecording,
  makeSeed,
  median,
  coldCacheUnavailable,
  dropCaches,
  quiet,
  run,
  runCommandLine,
  runExport,
  settleDisk,
  timed,
  warm,
  watchMemory,
  type ExportRun,
} from './export-setup';
import { writeReadmeSection } from './readme-section';

const { values } = parseArgs({
  options: {
    gb: { type: 'string', default: '1' },
    'rss-gb': { type: 'string', default: '5' },
    runs: { type: 'string', default: '3' },
    'write-readme': { type: 'boolean', default: false },
  },
});
const GB = Number(values.gb);
const RSS_GB = Number(values['rss-gb']);
const RUNS = Math.max(1, Math.round(Number(values.runs)));
const REENCODE_CLIP_S = 8;
const tools = resolveMediaTools();
const defaults = exportOptionsSchema.parse({});
const pass = (ok: boolean) => (ok ? 'pass' : '**FAIL**');

/** The last argument of a command line as formatCommandLine quotes it (the output file), unquoted. */
function lastArgument(commandLine: string): string {
  const token = /('(?:[^']|'\\'')*'|\S+)$/.exec(commandLine)?.[1] ?? '';
  return token.startsWith("'") ? token.slice(1, -1).replace(/'\\''/g, "'") : token;
}

interface Timing {
  /** Until the last write returned (the data may still be only in the page cache). */
  s: number;
  /** Until `sync` returned too: the data is on the disk. */
  durableS: number;
}

/**
 * How a timed step starts. Warm: its input read just before, so it comes from memory. Cold: the page cache emptied
 * first (see dropCaches), so it comes off the disk, as a real export's recordings come off the recorder's disk, and
 * so do the programs (ffmpeg here is a build with 215 shared libraries, 246 MB, that take 0.5-1 s to load from disk).
 * Cold footage: the same, then ffmpeg and ffprobe run once (-version), so that only the footage is cold, as during a
 * session of use, in which they have just made thumbnails and stills. Either way, everything written before is on
 * the disk and the disk has had a pause (see quiet()).
 */
type Cache = 'warm' | 'cold' | 'cold footage';

async function prepare(options: { cache: Cache; source: string }): Promise<void> {
  await quiet();
  if (options.cache === 'warm') return warm({ file: options.source });
  await dropCaches();
  if (options.cache === 'cold footage') {
    await run(tools.ffmpeg.path, ['-hide_banner', '-version']);
    await run(tools.ffprobe.path, ['-hide_banner', '-version']);
  }
}

/** Times `work` from its start until it returns, and on until a `sync` after it returns. */
async function timeToDisk<T>(work: () => Promise<T>): Promise<Timing & { value: T }> {
  const started = process.hrtime.bigint();
  const value = await work();
  const s = Number(process.hrtime.bigint() - started) / 1e9;
  await settleDisk();
  return { s, durableS: Number(process.hrtime.bigint() - started) / 1e9, value };
}

async function timeCp(options: { source: string; dir: string; cache: Cache }): Promise<Timing> {
  fs.mkdirSync(options.dir, { recursive: true });
  const dest = path.join(options.dir, path.basename(options.source));
  await prepare({ cache: options.cache, source: options.source });
  const timing = await timeToDisk(() => run('cp', [options.source, dest]));
  fs.rmSync(dest);
  return timing;
}

/**
 * The floor: the same two outputs by the plainest tools, one after the other: `cp` for the master, the export's own
 * remux command (its output moved here) for the working copy, and a SHA-256 of each with Node's crypto, which is
 * OpenSSL and as fast as `openssl dgst` (coreutils' sha256sum is several times slower on this machine).
 */
async function timeFloor(options: { source: string; dir: string; remuxCommandLine: string; cache: Cache }): Promise<Timing> {
  fs.mkdirSync(options.dir, { recursive: true });
  const master = path.join(options.dir, 'master.mp4');
  const working = path.join(options.dir, 'working.mp4');
  const commandLine = options.remuxCommandLine.replace(/('[^']*'|\S+)$/, quoteShellArg(working));
  const signal = new AbortController().signal;
  await prepare({ cache: options.cache, source: options.source });
  const timing = await timeToDisk(async () => {
    await run('cp', [options.source, master]);
    await runCommandLine({ commandLine });
    await hashFile({ file: master, signal });
    await hashFile({ file: working, signal });
  });
  fs.rmSync(options.dir, { recursive: true });
  return timing;
}

interface Round {
  cp: Timing;
  exported: Timing & { run: ExportRun };
  floor: Timing;
}

/**
 * 1. The remux path: cp, the export and the floor take turns (the last two swapping places), RUNS times from a warm
 * cache, and RUNS times from a cold one when this machine allows it.
 */
async function benchRemux(options: { scratch: string; seed: string }): Promise<string[]> {
  const root = path.join(options.scratch, 'footage');
  const recording = await makeRecording({ tools, seed: options.seed, root, gb: GB });
  const dataDir = path.join(options.scratch, 'data');
  const core = createAppCore({ dataDir, appVersion: 'bench', logger: createMemoryLogger() });
  const { caseId } = await addCaseWithClip({ core, root });
  const exportsDir = path.join(dataDir, 'cases', caseId, 'exports');
  await warm({ file: recording.file });
  // Untimed: from here on ffmpeg's encoder check is cached, as in a session of use; gives the floor its command.
  const warmUp = await runExport({ core, exports: core.services.exports, caseId, exportOptions: defaults });
  const remuxCommandLine = warmUp.summary.outputs.find((output) => output.kind === 'working')!.processing[0]!.commandLine;
  fs.rmSync(exportsDir, { recursive: true });

  const timeExport = async (cache: Cache): Promise<Timing & { run: ExportRun }> => {
    await prepare({ cache, source: recording.file });
    const timing = await timeToDisk(() => runExport({ core, exports: core.services.exports, caseId, exportOptions: defaults }));
    if (timing.value.summary.outputs.find((output) => output.kind === 'working')?.method !== 'remux') throw new Error('expected a remuxed working copy');
    fs.rmSync(exportsDir, { recursive: true });
    // The job's own clock (from its start to its end), which is what the timing until it returned measures too.
    return { s: timing.value.s, durableS: timing.durableS, run: timing.value };
  };
  const round = async (cache: Cache, index: number): Promise<Round> => {
    const cp = await timeCp({ source: recording.file, dir: path.join(dataDir, 'cp-target'), cache });
    // Only cp and the export in this state; there is no floor to show for it.
    if (cache === 'cold footage') return { cp, exported: await timeExport(cache), floor: cp };
    const floor = () => timeFloor({ source: recording.file, dir: path.join(dataDir, 'floor'), remuxCommandLine, cache });
    if (index % 2 === 0) {
      const exported = await timeExport(cache);
      return { cp, exported, floor: await floor() };
    }
    const floorTiming = await floor();
    return { cp, exported: await timeExport(cache), floor: floorTiming };
  };
  const coldSkipped = coldCacheUnavailable();
  const warmRuns: Round[] = [];
  const coldRuns: Round[] = [];
  const footageRuns: Round[] = [];
  for (let index = 0; index < RUNS; index += 1) {
    process.stderr.write(`Timing cp, the export and the floor from a warm cache (${index + 1} of ${RUNS})…\n`);
    warmRuns.push(await round('warm', index));
    if (coldSkipped !== null) continue;
    process.stderr.write(`Timing cp, the export and the floor from a cold cache (${index + 1} of ${RUNS})…\n`);
    coldRuns.push(await round('cold', index));
    process.stderr.write(`Timing cp and the export with only the footage cold (${index + 1} of ${RUNS})…\n`);
    footageRuns.push(await round('cold footage', index));
  }
  await core.close();
  fs.rmSync(root, { recursive: true });
  fs.rmSync(dataDir, { recursive: true });

  const size = `${(recording.bytes / 1e9).toFixed(2)} GB`;
  const pick = (runs: Round[], get: (entry: Round) => number) => ({ median: median(runs.map(get)), list: runs.map((entry) => get(entry).toFixed(2)).join(', ') });
  const summarise = (runs: Round[]) => {
    const exported = pick(runs, (entry) => entry.exported.s);
    const exportedDurable = pick(runs, (entry) => entry.exported.durableS);
    return {
      cp: pick(runs, (entry) => entry.cp.s),
      cpDurable: pick(runs, (entry) => entry.cp.durableS),
      exported,
      exportedDurable,
      floor: pick(runs, (entry) => entry.floor.s),
      floorDurable: pick(runs, (entry) => entry.floor.durableS),
      // The run whose time on disk is the median, for its phases and its final sync.
      typical: runs.find((entry) => entry.exported.durableS === exportedDurable.median)!.exported,
    };
  };
  const w = summarise(warmRuns);
  const warmRatio = w.exported.median / w.cp.median;
  const warmDurableRatio = w.exportedDurable.median / w.cpDurable.median;
  const rows: string[] = [];
  if (coldRuns.length === 0) {
    rows.push(
      `| \`cp\` of the ${size} recording to the same file system, warm cache (the baseline) | ${w.cp.median.toFixed(2)} s (runs: ${w.cp.list}); on disk ${w.cpDurable.median.toFixed(2)} s | 1.00× | | |`,
      `| export job, warm cache: byte-for-byte master and remuxed working copy, each SHA-256'd, export.json (${describePhases(w.typical.run)}) | ${w.exported.median.toFixed(2)} s (runs: ${w.exported.list}); on disk ${w.exportedDurable.median.toFixed(2)} s | ${warmRatio.toFixed(2)}×; on disk ${warmDurableRatio.toFixed(2)}× | ≤ 2.5× | ${pass(warmRatio <= 2.5)} (judged warm: the cold measurement was skipped, ${coldSkipped}) |`,
      `| for comparison, the floor, warm cache: the same two outputs by \`cp\`, the export's own ffmpeg command and a SHA-256 of each, one after the other | ${w.floor.median.toFixed(2)} s (runs: ${w.floor.list}); on disk ${w.floorDurable.median.toFixed(2)} s | ${(w.floor.median / w.cp.median).toFixed(2)}× (the export: ${(w.exported.median / w.floor.median).toFixed(2)}× the floor) | | |`,
    );
    return rows;
  }
  const c = summarise(coldRuns);
  const coldRatio = c.exportedDurable.median / c.cpDurable.median;
  const f = summarise(footageRuns);
  rows.push(
    `| \`cp\` of the ${size} recording to the same file system, cold cache, until on disk (the baseline for the target) | ${c.cpDurable.median.toFixed(2)} s (runs: ${c.cpDurable.list}); until cp returned ${c.cp.median.toFixed(2)} s | 1.00× | | |`,
    `| **export job, cold cache, until on disk**: byte-for-byte master and remuxed working copy, each SHA-256'd, export.json (${describePhases(c.typical.run)}; then \`sync\` ${(c.typical.durableS - c.typical.s).toFixed(1)} s) | ${c.exportedDurable.median.toFixed(2)} s (runs: ${c.exportedDurable.list}); until the job ended ${c.exported.median.toFixed(2)} s | ${coldRatio.toFixed(2)}× | ≤ 2.5× | ${pass(coldRatio <= 2.5)} |`,
    `| for comparison, the floor, cold cache, until on disk: the same two outputs by \`cp\`, the export's own ffmpeg command and a SHA-256 of each, one after the other | ${c.floorDurable.median.toFixed(2)} s (runs: ${c.floorDurable.list}) | ${(c.floorDurable.median / c.cpDurable.median).toFixed(2)}× (the export: ${(c.exportedDurable.median / c.floorDurable.median).toFixed(2)}× the floor) | | |`,
    `| for information: the export with only the footage cold (ffmpeg and ffprobe run once after the cache was emptied, as during a session of use), until on disk, against \`cp\` in the same state (${f.cpDurable.median.toFixed(2)} s; runs: ${f.cpDurable.list}) | ${f.exportedDurable.median.toFixed(2)} s (runs: ${f.exportedDurable.list}) | ${(f.exportedDurable.median / f.cpDurable.median).toFixed(2)}× | | not judged |`,
    `| \`cp\` of the same recording, warm cache (it is in memory, and the clock stops when \`cp\` returns) | ${w.cp.median.toFixed(2)} s (runs: ${w.cp.list}); on disk ${w.cpDurable.median.toFixed(2)} s | 1.00× | | |`,
    `| export job, warm cache (${describePhases(w.typical.run)}) | ${w.exported.median.toFixed(2)} s (runs: ${w.exported.list}); on disk ${w.exportedDurable.median.toFixed(2)} s | ${warmRatio.toFixed(2)}×; on disk ${warmDurableRatio.toFixed(2)}× | | not judged (see below) |`,
    `| for comparison, the floor, warm cache | ${w.floor.median.toFixed(2)} s (runs: ${w.floor.list}); on disk ${w.floorDurable.median.toFixed(2)} s | ${(w.floor.median / w.cp.median).toFixed(2)}× (the export: ${(w.exported.median / w.floor.median).toFixed(2)}× the floor) | | |`,
  );
  return rows;
}

/** Said under the table: why the target is judged cold and on disk, and what the warm ratio does and does not say. */
const WARM_NOTE =
  'The target is judged on the cold-cache, on-disk comparison, which is what a real export does: the recordings come off the recorder’s disk and the ' +
  'export is only safe once it is on disk. From a warm cache with the clock stopped when the last write returns, `cp` is a memory-to-memory copy, ' +
  'while the export must also read every byte through SHA-256 twice (master and working copy, about 0.7 s per GB each on one core with SHA-NI), ' +
  'run ffmpeg over them, and it waits until its files are on the disk before it says it has finished: on 2 cores that work alone is several times ' +
  '`cp`’s time, so the warm ratio stays well above 2.5× and is shown for tracking, not judged. In the cold rows the programs are cold too; ' +
  'the row with only the footage cold shows what that costs.';

/**
 * 2. A re-encode inside the export, timed from the call to makeWorkingCopy to its return, against its recorded command
 * line run bare, taking turns. The recording is the seed alone, so the master copied beside it is small.
 */
async function benchReencode(options: { scratch: string; seed: string }): Promise<string[]> {
  const root = path.join(options.scratch, 'footage-short');
  await makeRecording({ tools, seed: options.seed, root, gb: 0 });
  const dataDir = path.join(options.scratch, 'data-reencode');
  const core: AppCore = createAppCore({ dataDir, appVersion: 'bench', logger: createMemoryLogger() });
  const { caseId } = await addCaseWithClip({ core, root, offsetMs: 1000, spanMs: REENCODE_CLIP_S * 1000 });
  let insideS = 0;
  const exports = createExportService({
    ...core.services,
    workingCopies: {
      detectH264Encoder,
      splitWorkingCopy,
      makeWorkingCopy: async (request) => {
        const result = await timed(() => makeWorkingCopy(request));
        insideS = result.s;
        return result.value;
      },
    },
  });
  const exportsDir = path.join(dataDir, 'cases', caseId, 'exports');
  const captioned = { ...defaults, caption: true };
  // Untimed: gives the command lines the bare runs repeat. Its folder stays, so that their output, the temporary name
  // this export renamed, is free for them each time: the commands run exactly as recorded.
  const warmUp = await runExport({ core, exports, caseId, exportOptions: captioned });
  const working = warmUp.summary.outputs.find((output) => output.kind === 'working')!;
  if (working.method !== 'reencode') throw new Error(`expected a re-encode, got ${working.method}`);
  // Each processing step (re-encode, caption, …) names the ffmpeg run it was part of; several share one run.
  const commandLines = [...new Set(working.processing.filter((step) => step.tool === 'ffmpeg').map((step) => step.commandLine))];
  const encoder = commandLines.map((commandLine) => /-c:v (\S+)/.exec(commandLine)?.[1]).find(Boolean) ?? '?';
  const keep = new Set(fs.readdirSync(exportsDir));

  const timeInside = async () => {
    await quiet();
    const exportRun = await runExport({ core, exports, caseId, exportOptions: captioned });
    for (const name of fs.readdirSync(exportsDir)) if (!keep.has(name)) fs.rmSync(path.join(exportsDir, name), { recursive: true });
    return { insideS, exportS: exportRun.s };
  };
  const timeBare = async () => {
    await quiet();
    let bareS = 0;
    for (const commandLine of commandLines) {
      bareS += await runCommandLine({ commandLine });
      fs.rmSync(lastArgument(commandLine));
    }
    return bareS;
  };
  const runs: { insideS: number; exportS: number; bareS: number }[] = [];
  for (let index = 0; index < RUNS; index += 1) {
    process.stderr.write(`Timing a re-encode inside the export and bare (${index + 1} of ${RUNS})…\n`);
    // Taking turns at going first, so a drift in the machine's speed does not always favour the same one.
    if (index % 2 === 0) {
      const inside = await timeInside();
      runs.push({ ...inside, bareS: await timeBare() });
    } else {
      const bareS = await timeBare();
      runs.push({ ...(await timeInside()), bareS });
    }
  }
  await core.close();
  fs.rmSync(root, { recursive: true });
  fs.rmSync(dataDir, { recursive: true });

  const pick = (get: (entry: (typeof runs)[number]) => number) => ({ median: median(runs.map(get)), list: runs.map((entry) => get(entry).toFixed(1)).join(', ') });
  const bare = pick((entry) => entry.bareS);
  const inside = pick((entry) => entry.insideS);
  const whole = pick((entry) => entry.exportS);
  const ratio = inside.median / bare.median;
  return [
    `| bare ffmpeg: the export's recorded command line for an ${REENCODE_CLIP_S} s 720p clip with a caption (${encoder}, "Original quality"), run by itself | ${bare.median.toFixed(1)} s (runs: ${bare.list}) | 1.00× | | |`,
    `| the same working copy inside the export (makeWorkingCopy: probes, cut points, ffmpeg, check of the output) | ${inside.median.toFixed(1)} s (runs: ${inside.list}) | ${ratio.toFixed(2)}× | ≤ 1.1× | ${pass(ratio <= 1.1)} |`,
    `| for comparison: that whole export job (the 10 s recording's master copied beside it, everything hashed, export.json) | ${whole.median.toFixed(1)} s (runs: ${whole.list}) | ${(whole.median / bare.median).toFixed(2)}× | | |`,
  ];
}

/** 3. Memory during a bigger export: this process's RSS, and its ffmpeg children's apart. */
async function benchMemory(options: { scratch: string; seed: string }): Promise<string> {
  const needed = RSS_GB * 1e9 * 3.2;
  const free = freeBytes({ dir: options.scratch });
  if (free < needed) {
    return `| peak RSS during a ${RSS_GB} GB export | skipped: ${(needed / 1e9).toFixed(0)} GB of free disk needed, ${(free / 1e9).toFixed(0)} GB free | | ≤ 300 MB | |`;
  }
  process.stderr.write(`Making ${RSS_GB} GB of footage and exporting it…\n`);
  const root = path.join(options.scratch, 'footage-big');
  const recording = await makeRecording({ tools, seed: options.seed, root, gb: RSS_GB });
  const core = createAppCore({ dataDir: path.join(options.scratch, 'data-big'), appVersion: 'bench', logger: createMemoryLogger() });
  const { caseId } = await addCaseWithClip({ core, root });
  const memory = await watchMemory({ work: () => runExport({ core, exports: core.services.exports, caseId, exportOptions: defaults }) });
  await core.close();
  const outputs = memory.value.summary.outputs.map((output) => output.kind + (output.part ? ` ${output.part.index}/${output.part.count}` : '')).join(', ');
  return (
    `| peak RSS of this process during a ${(recording.bytes / 1e9).toFixed(1)} GB export (${memory.value.s.toFixed(0)} s; outputs: ${outputs}) | ${memory.nodeMb.toFixed(0)} MB ` +
    `(its ffmpeg children, separate processes: ${memory.childMb.toFixed(0)} MB) | | ≤ 300 MB | ${pass(memory.nodeMb <= 300)} |`
  );
}

async function main(): Promise<void> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'handover-bench-export-'));
  try {
    process.stderr.write('Encoding the seed clip…\n');
    const seed = path.join(scratch, 'seed.mp4');
    await makeSeed({ tools, file: seed });
    const remuxRows = await benchRemux({ scratch, seed });
    const reencodeRows = await benchReencode({ scratch, seed });
    const memoryRow = await benchMemory({ scratch, seed });
    const coldSkipped = coldCacheUnavailable();
    const cold =
      coldSkipped === null
        ? ' "Cold cache": the page cache emptied (`sync; echo 3 > /proc/sys/vm/drop_caches`) before each run, so the footage and the programs come off the disk.'
        : ` Cold-cache runs skipped: ${coldSkipped}.`;
    const markdown = [
      `Export of H.264 footage (\`npx tsx scripts/bench/export.ts --write-readme\`, ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} cores, Node ${process.versions.node}, ${tools.ffmpeg.path}). Medians of ${RUNS} runs taking turns; "on disk" includes a \`sync\` at the end.${cold}`,
      '',
      '| measurement | time | vs baseline | target | result |',
      '| --- | --- | --- | --- | --- |',
      ...remuxRows,
      ...reencodeRows,
      memoryRow,
      ...(coldSkipped === null ? ['', WARM_NOTE] : []),
    ].join('\n');
    process.stdout.write(`${markdown}\n`);
    if (values['write-readme']) writeReadmeSection({ name: 'export', markdown });
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
