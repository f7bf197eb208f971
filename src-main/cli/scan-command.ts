import path from 'node:path';
import type { ScanSummary, TimeSource } from '../../src-shared/domain/catalogue';
import { formatInstantInZone, isValidTimeZone } from '../../src-shared/domain/time';
import type { AppCore } from '../app-core';
import { cameraOverviews, systemTimeZone } from '../services/catalogue/catalogue-service';
import { AppError } from '../services/errors';
import { printJson, type CliCommand } from './command';
import type { CliIo } from './cli-context';

export interface ScanCliReport {
  folder: string;
  timeZone: string;
  clockOffsetS: number;
  cameras: { id: string; label: string; layout: string; start: string | null; end: string | null; segments: number; gaps: { start: string; end: string }[] }[];
  files: {
    path: string;
    camera: string;
    start: string | null;
    end: string | null;
    recorderStart: string | null;
    recorderEnd: string | null;
    timeSource: TimeSource;
    status: string;
    reason: string;
  }[];
  skipped: { path: string; reason: string }[];
}

function parseClockOffset(value: string | undefined): number {
  if (value === undefined) return 0;
  const seconds = Number(value);
  if (value.trim() === '' || !Number.isFinite(seconds)) {
    throw new AppError('invalid_input', `--clock-offset takes seconds (recorder clock minus true time), e.g. 192 when the recorder is 3 min 12 s fast; got "${value}".`);
  }
  return seconds;
}

/** Adds (or reuses) the folder as a case-less source, applies zone and offset, scans, and reports in true time. */
export async function scanFolderForCli(options: {
  core: AppCore;
  folder: string;
  timeZone: string;
  clockOffsetS: number;
  /** The case the folder belongs to; none for a plain `scan`. */
  caseId?: string | null;
  onProgress?: (phase: string, ratio: number) => void;
}): Promise<ScanCliReport> {
  const { catalogue, jobs } = options.core.services;
  const source = catalogue.addSource({ caseId: options.caseId ?? null, rootPath: options.folder, timeZone: options.timeZone, actor: 'cli' });
  if (source.time_zone !== options.timeZone || source.clock_offset_s !== options.clockOffsetS) {
    catalogue.setClock({ sourceId: source.id, timeZone: options.timeZone, answer: { kind: 'offset', clockOffsetS: options.clockOffsetS, check: 'entered' }, actor: 'cli' });
  }
  const started = catalogue.startScan({ sourceId: source.id, actor: 'cli' });
  // The scan job, then the background check it starts (sizes, empty files, opening files whose names lack a time):
  // the report waits for both, so statuses such as empty or unreadable are final.
  let followed = started.id;
  const stop = jobs.onUpdate((job) => {
    if (job.id === followed && job.state === 'running') options.onProgress?.(job.progress.phase, job.progress.ratio);
  });
  try {
    const final = await jobs.waitFor({ jobId: started.id });
    if (final.state !== 'succeeded') throw new AppError(final.error?.code === 'cancelled' ? 'cancelled' : 'media_failed', final.error?.message ?? 'The scan did not finish.');
    const checkJobId = (final.result as ScanSummary).checkJobId;
    if (checkJobId) {
      followed = checkJobId;
      const checked = await jobs.waitFor({ jobId: checkJobId });
      if (checked.state !== 'succeeded') {
        throw new AppError(checked.error?.code === 'cancelled' ? 'cancelled' : 'media_failed', checked.error?.message ?? 'Checking the files did not finish.');
      }
    }
  } finally {
    stop();
  }

  const zone = options.timeZone;
  const iso = (ms: number | null) => (ms === null ? null : formatInstantInZone({ instantMs: Math.round(ms), timeZone: zone }));
  const rows = catalogue.recordings({ sourceId: source.id });
  const overview = catalogue.overview({ sourceId: source.id });
  return {
    folder: source.root_path,
    timeZone: zone,
    clockOffsetS: options.clockOffsetS,
    cameras: cameraOverviews(rows).map((camera) => ({
      id: camera.key,
      label: camera.label,
      layout: camera.layout,
      start: iso(camera.startMs),
      end: iso(camera.endMs),
      segments: camera.segments,
      gaps: camera.gaps.map((gap) => ({ start: iso(gap.startMs)!, end: iso(gap.endMs)! })),
    })),
    files: rows.map((row) => ({
      path: row.rel_path,
      camera: row.camera_key,
      start: iso(row.true_start_ms),
      end: iso(row.true_end_ms),
      recorderStart: iso(row.recorder_start_ms),
      recorderEnd: iso(row.recorder_end_ms),
      timeSource: row.time_source,
      status: row.status,
      reason: row.reason,
    })),
    skipped: overview.skipped,
  };
}

function printHuman(io: CliIo, report: ScanCliReport): void {
  io.out(`${report.folder}  (time zone ${report.timeZone}, clock offset ${report.clockOffsetS} s)\n\n`);
  for (const camera of report.cameras) {
    io.out(`${camera.label.padEnd(24)} ${camera.segments} recordings, ${camera.start ?? '?'} to ${camera.end ?? '?'}, ${camera.gaps.length} gap(s)\n`);
  }
  const problems = report.files.filter((file) => file.status !== 'ok');
  if (problems.length) io.out(`\nProblem files:\n${problems.map((file) => `  ${file.path}: ${file.status}. ${file.reason}`).join('\n')}\n`);
  if (report.skipped.length) io.out(`\nSkipped:\n${report.skipped.map((skip) => `  ${skip.path}: ${skip.reason}`).join('\n')}\n`);
}

export const scanCommand: CliCommand = {
  name: 'scan',
  usage: 'scan <dir> [--timezone <IANA>] [--clock-offset <seconds>] [--json]',
  summary: "Index a recorder's footage folder and print its cameras, gaps and files in true time.",
  options: { timezone: { type: 'string' }, 'clock-offset': { type: 'string' } },
  needsCore: true,
  async run({ core, positionals, values, io }) {
    const folder = positionals[0];
    if (!core || !folder || positionals.length > 1) {
      io.err('Usage: npm run handover -- scan <dir> [--timezone <IANA>] [--clock-offset <seconds>] [--json]\n');
      return 2;
    }
    const timeZone = typeof values.timezone === 'string' ? values.timezone : systemTimeZone();
    if (!isValidTimeZone(timeZone)) {
      io.err(`"${timeZone}" is not a time zone Handover knows; use an IANA name such as Europe/London.\n`);
      return 2;
    }
    const report = await scanFolderForCli({
      core,
      folder: path.resolve(folder),
      timeZone,
      clockOffsetS: parseClockOffset(values['clock-offset'] as string | undefined),
      onProgress: values.json ? undefined : (phase) => io.err(`\r${phase}`.padEnd(80)),
    });
    if (values.json) printJson(io, report);
    else {
      io.err('\n');
      printHuman(io, report);
    }
    return 0;
  },
};
