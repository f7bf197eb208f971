/**
 * For scripts/bench/export.ts: big H.264 footage made quickly, a case with it scanned, an export run with its phase
 * times, and the timing and memory helpers the measurements share.
 */
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { ScanSummary } from '../../src-shared/domain/catalogue';
import type { ExportOptions, ExportSummary } from '../../src-shared/domain/export';
import type { AppCore } from '../../src-main/app-core';
import type { ExportService } from '../../src-main/services/export/export-service';
import type { MediaTools } from '../../src-main/services/media/binaries';

export const run = promisify(execFile);
/** One noisy 720p test-pattern clip at a high bit rate: ~100 MB that H.264 cannot squeeze, encoded in seconds. */
export const SEED = { seconds: 10, bitrate: '80M', size: '1280x720', fps: 25 } as const;
const ZONE = 'Europe/London';
/** Long enough for writes and deletions before it to be written back and the disk to calm down. */
const QUIET_MS = 5000;

export const median = (values: number[]) => values.slice().sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
export const mb = (bytes: number) => bytes / 1024 / 1024;

async function ffmpeg(options: { tools: MediaTools; args: string[] }): Promise<void> {
  await run(options.tools.ffmpeg.path, ['-hide_banner', '-nostdin', '-loglevel', 'error', '-y', ...options.args], { maxBuffer: 16 * 1024 * 1024 });
}

export async function makeSeed(options: { tools: MediaTools; file: string }): Promise<void> {
  const { size, fps, seconds, bitrate } = SEED;
  await ffmpeg({
    tools: options.tools,
    args: [
      ...['-f', 'lavfi', '-i', `testsrc2=size=${size}:rate=${fps}`, '-t', String(seconds), '-vf', 'noise=alls=40:allf=t'],
      ...['-c:v', 'libx264', '-preset', 'ultrafast', '-b:v', bitrate, '-maxrate', bitrate, '-bufsize', '20M', '-g', String(fps * 2), '-pix_fmt', 'yuv420p', options.file],
    ],
  });
}

/**
 * A Dahua SD folder with one recording: the seed repeated by stream copy to about `gb` GB (once when 0), named with
 * its times so the scan needs to open nothing.
 */
export async function makeRecording(options: { tools: MediaTools; seed: string; root: string; gb: number }): Promise<{ file: string; bytes: number }> {
  const loops = Math.max(1, Math.round((options.gb * 1e9) / fs.statSync(options.seed).size));
  const end = new Date(Date.UTC(2026, 2, 14, 14, 0, loops * SEED.seconds));
  const p = (n: number) => String(n).padStart(2, '0');
  const dir = path.join(options.root, '2026-03-14', '001', 'dav', '14');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `14.00.00-${p(end.getUTCHours())}.${p(end.getUTCMinutes())}.${p(end.getUTCSeconds())}[R][0@0][0].mp4`);
  await ffmpeg({ tools: options.tools, args: ['-stream_loop', String(loops - 1), '-i', options.seed, '-c', 'copy', '-movflags', '+faststart', file] });
  return { file, bytes: fs.statSync(file).size };
}

/**
 * A case with the folder added, scanned and checked, and one clip on its camera: the whole recording, or `spanMs` from
 * `offsetMs` into it.
 */
export async function addCaseWithClip(options: { core: AppCore; root: string; offsetMs?: number; spanMs?: number }): Promise<{ caseId: string }> {
  const { cases, catalogue, jobs, review } = options.core.services;
  const created = cases.create({ title: 'Bench', incidentType: 'theft', actor: 'bench' });
  const source = catalogue.addSource({ caseId: created.id, rootPath: options.root, timeZone: ZONE, actor: 'bench' });
  const scan = await jobs.waitFor({ jobId: catalogue.startScan({ sourceId: source.id, actor: 'bench' }).id });
  if (scan.state !== 'succeeded') throw new Error(`scan ${scan.state}`);
  const checkJobId = (scan.result as ScanSummary).checkJobId;
  if (checkJobId) await jobs.waitFor({ jobId: checkJobId });
  const timeline = catalogue.cameraTimelines({ sourceId: source.id })[0]!;
  const startMs = timeline.starts[0]! + (options.offsetMs ?? 0);
  const endMs = options.spanMs === undefined ? timeline.ends[0]! : startMs + options.spanMs;
  review.addClips({ caseId: created.id, cameras: [{ sourceId: source.id, cameraKey: timeline.cameraKey }], startMs, endMs, actor: 'bench' });
  return { caseId: created.id };
}

export interface ExportRun {
  s: number;
  summary: ExportSummary;
  /** Seconds from the start of the job to each phase change, in order. */
  phases: { phase: string; atS: number }[];
}

export async function runExport(options: { core: AppCore; exports: ExportService; caseId: string; exportOptions: ExportOptions }): Promise<ExportRun> {
  const { core, exports } = options;
  const phases: { phase: string; atS: number }[] = [];
  let jobId = '';
  const started = process.hrtime.bigint();
  const stop = core.services.jobs.onUpdate((job) => {
    if (job.id !== jobId || phases.at(-1)?.phase === job.progress.phase) return;
    phases.push({ phase: job.progress.phase, atS: Number(process.hrtime.bigint() - started) / 1e9 });
  });
  const start = exports.start({ caseId: options.caseId, options: options.exportOptions, actor: 'bench' });
  jobId = start.jobId;
  const final = await core.services.jobs.waitFor({ jobId });
  const s = Number(process.hrtime.bigint() - started) / 1e9;
  stop();
  if (final.state !== 'succeeded') throw new Error(`export ${final.state}: ${final.error?.message ?? ''}`);
  return { s, summary: exports.get({ exportId: start.exportId }), phases };
}

/** "copying … 4.8 s; writing the list … 0.0 s": how long each phase of a run took. */
export function describePhases(exportRun: ExportRun): string {
  return exportRun.phases
    .filter((entry) => !['Waiting to start', 'Starting', 'Done'].includes(entry.phase))
    .map((entry, index, shown) => `${entry.phase.toLowerCase()} ${((shown[index + 1]?.atS ?? exportRun.s) - entry.atS).toFixed(1)} s`)
    .join('; ');
}

export async function timed<T>(work: () => Promise<T>): Promise<{ s: number; value: T }> {
  const started = process.hrtime.bigint();
  const value = await work();
  return { s: Number(process.hrtime.bigint() - started) / 1e9, value };
}

/** Dirty pages from one step would otherwise be written back during the next and charged to it. */
export async function settleDisk(): Promise<void> {
  await run('sync');
}

/**
 * Before each timed step: everything written back, and a pause. This machine's disk sometimes writes slower for a
 * while after a burst of writes or deletions, which would otherwise be charged to whichever step comes next.
 */
export async function quiet(): Promise<void> {
  await settleDisk();
  await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
}

const DROP_CACHES = '/proc/sys/vm/drop_caches';

/**
 * Whether this run can start steps from a cold page cache, as a real export does (the recordings come off the
 * recorder's disk): only as root on Linux, where /proc/sys/vm/drop_caches is writable. Null when it can, else why not.
 */
export function coldCacheUnavailable(): string | null {
  if (process.platform !== 'linux') return `not Linux (${process.platform})`;
  if (process.getuid?.() !== 0) return 'not running as root';
  try {
    fs.accessSync(DROP_CACHES, fs.constants.W_OK);
  } catch {
    return `${DROP_CACHES} is not writable`;
  }
  return null;
}

/**
 * Everything written back, then the page cache (and dentries and inodes) emptied, for the whole machine: the next
 * step reads its input from the disk. Only when coldCacheUnavailable() is null.
 */
export async function dropCaches(): Promise<void> {
  await settleDisk();
  fs.writeFileSync(DROP_CACHES, '3');
}

/** Reads a file once, so every timed step starts from the same warm cache. */
export async function warm(options: { file: string }): Promise<void> {
  await run('sh', ['-c', 'cat "$1" > /dev/null', 'sh', options.file]);
}

/** Runs a recorded command line by itself, exactly as written (it is quoted for a POSIX shell); its seconds. */
export async function runCommandLine(options: { commandLine: string }): Promise<number> {
  const { commandLine } = options;
  const { s } = await timed(
    () =>
      new Promise<void>((resolve, reject) => {
        const child = spawn('sh', ['-c', commandLine], { stdio: ['ignore', 'ignore', 'pipe'] });
        let stderr = '';
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        child.on('error', reject);
        child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`exit ${code}: ${commandLine}\n${stderr}`))));
      }),
  );
  return s;
}

/**
 * Peak RSS of this process (sampled, and the kernel's high-water mark) and of its ffmpeg children while `work` runs.
 * Children are sampled with `ps` every 250 ms; work that starts none says `children: false`, so those `ps` runs (a
 * fork of this process and a walk of /proc each time) are not charged to it.
 */
export async function watchMemory<T>(options: { work: () => Promise<T>; children?: boolean }): Promise<{ value: T; nodeMb: number; childMb: number }> {
  let nodePeak = process.memoryUsage().rss;
  let childPeak = 0;
  const sampleNode = setInterval(() => (nodePeak = Math.max(nodePeak, process.memoryUsage().rss)), 50);
  const sampleChildren = setInterval(() => {
    if (options.children === false) return;
    void run('ps', ['-o', 'rss=', '--ppid', String(process.pid)])
      .then(({ stdout }) => {
        for (const line of stdout.split('\n')) if (line.trim()) childPeak = Math.max(childPeak, Number(line.trim()) * 1024);
      })
      .catch(() => undefined);
  }, 250);
  try {
    const value = await options.work();
    return { value, nodeMb: mb(Math.max(nodePeak, process.resourceUsage().maxRSS * 1024)), childMb: mb(childPeak) };
  } finally {
    clearInterval(sampleNode);
    clearInterval(sampleChildren);
  }
}

export function freeBytes(options: { dir: string }): number {
  const stats = fs.statfsSync(options.dir);
  return stats.bavail * stats.bsize;
}
