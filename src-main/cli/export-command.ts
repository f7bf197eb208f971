/**
 * `handover export`: the whole handover in one go for scripts and acceptance checks: scan the folder, mark the
 * period on the chosen cameras, export masters and working copies, build the bundle, write it and read it back.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { initialsFromName, producerProfileSchema, type ProducerProfile } from '../../src-shared/domain/bundle';
import { exportOptionsSchema } from '../../src-shared/domain/export';
import { isValidTimeZone } from '../../src-shared/domain/time';
import type { AppCore } from '../app-core';
import { systemTimeZone } from '../services/catalogue/catalogue-service';
import { ERROR_CODES, type ErrorCode } from '../../src-shared/contract';
import { AppError } from '../services/errors';
import { printJson, type CliCommand, type CliOptionValues } from './command';
import type { CliIo } from './cli-context';
import { scanFolderForCli } from './scan-command';

const USAGE =
  'export --source <dir> [--timezone <IANA>] [--clock-offset <s>] --from <ISO> --to <ISO> [--camera <id>]... --case-ref <ref> --out <dir> ' +
  '(--password-file <f> | --generate-password) [--organisation <name>] [--person <name>] [--contact <text>] [--data-dir <d>] [--json]';

function requireString(values: CliOptionValues, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value.trim() === '') throw new AppError('invalid_input', `--${name} is required.\n\nUsage: npm run handover -- ${USAGE}`);
  return value;
}

function parseInstant(text: string, flag: string): number {
  // An ISO time without an offset would silently mean this computer's zone; the police need the instant exactly.
  if (!/(Z|[+-]\d\d:?\d\d)$/i.test(text.trim())) throw new AppError('invalid_input', `--${flag} needs a time with its zone, e.g. 2026-03-14T14:00:00Z or 2026-03-14T14:00:00+00:00; got "${text}".`);
  const ms = Date.parse(text);
  if (!Number.isFinite(ms)) throw new AppError('invalid_input', `--${flag} is not a time Handover can read: "${text}".`);
  return ms;
}

function readPassword(values: CliOptionValues): string | null {
  const file = values['password-file'];
  if (typeof file === 'string') {
    if (values['generate-password']) throw new AppError('invalid_input', 'Use either --password-file or --generate-password, not both.');
    // One trailing newline is how editors and `echo` end a file; it is not part of the password.
    return fs.readFileSync(file, 'utf8').replace(/\r?\n$/, '');
  }
  if (!values['generate-password']) throw new AppError('invalid_input', 'Give --password-file <file> or --generate-password.');
  return null;
}

/** The saved producer, updated by any flags given; a first run without flags records who ran it, plainly marked. */
function producerFor(options: { core: AppCore; values: CliOptionValues }): ProducerProfile {
  const { producer } = options.core.services;
  const saved = producer.profile();
  const flag = (name: string) => {
    const value = options.values[name];
    return typeof value === 'string' ? value : undefined;
  };
  const person = flag('person') ?? saved?.person ?? os.userInfo().username;
  const wanted = producerProfileSchema.parse({
    organisation: flag('organisation') ?? saved?.organisation ?? 'Not named (made with the Handover command line)',
    person,
    contact: flag('contact') ?? saved?.contact ?? 'Not given',
    initials: saved && !flag('person') ? saved.initials : initialsFromName(person),
  });
  if (!saved || JSON.stringify(saved) !== JSON.stringify(wanted)) producer.setProfile({ profile: wanted, actor: 'cli' });
  return wanted;
}

const isErrorCode = (code: string | undefined): code is ErrorCode => (ERROR_CODES as readonly string[]).includes(code ?? '');

async function waitForJob(options: { core: AppCore; jobId: string; io: CliIo; quiet: boolean }): Promise<void> {
  const { jobs } = options.core.services;
  const stop = jobs.onUpdate((job) => {
    if (!options.quiet && job.id === options.jobId && job.state === 'running') options.io.err(`\r${job.progress.phase} ${Math.round(job.progress.ratio * 100)}%`.padEnd(80));
  });
  try {
    const final = await jobs.waitFor({ jobId: options.jobId });
    if (final.state !== 'succeeded') throw new AppError(isErrorCode(final.error?.code) ? final.error.code : 'internal', final.error?.message ?? 'It did not finish.');
  } finally {
    stop();
    if (!options.quiet) options.io.err('\n');
  }
}

export const exportCommand: CliCommand = {
  name: 'export',
  usage: USAGE,
  summary: 'Scan, mark the period, export, and write a signed, encrypted evidence bundle into --out, then check it.',
  options: {
    source: { type: 'string' },
    timezone: { type: 'string' },
    'clock-offset': { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    camera: { type: 'string', multiple: true },
    'case-ref': { type: 'string' },
    out: { type: 'string' },
    'password-file': { type: 'string' },
    'generate-password': { type: 'boolean', default: false },
    organisation: { type: 'string' },
    person: { type: 'string' },
    contact: { type: 'string' },
  },
  needsCore: true,
  async run({ core, values, io }) {
    if (!core) return 2;
    const quiet = values.json === true;
    const source = path.resolve(requireString(values, 'source'));
    const out = path.resolve(requireString(values, 'out'));
    const caseRef = requireString(values, 'case-ref');
    const startMs = parseInstant(requireString(values, 'from'), 'from');
    const endMs = parseInstant(requireString(values, 'to'), 'to');
    if (endMs <= startMs) throw new AppError('invalid_input', '--to must be after --from.');
    const timeZone = typeof values.timezone === 'string' ? values.timezone : systemTimeZone();
    if (!isValidTimeZone(timeZone)) throw new AppError('invalid_input', `"${timeZone}" is not a time zone Handover knows; use an IANA name such as Europe/London.`);
    const clockOffsetS = values['clock-offset'] === undefined ? 0 : Number(values['clock-offset']);
    if (!Number.isFinite(clockOffsetS)) throw new AppError('invalid_input', `--clock-offset takes seconds; got "${String(values['clock-offset'])}".`);
    const given = readPassword(values);
    const { cases, catalogue, review, exports, bundles } = core.services;
    producerFor({ core, values });

    const created = cases.create({ reference: caseRef, title: `Evidence for ${caseRef}`, incidentType: 'other', actor: 'cli' });
    await scanFolderForCli({ core, folder: source, timeZone, clockOffsetS, caseId: created.id, onProgress: quiet ? undefined : (phase) => io.err(`\r${phase}`.padEnd(80)) });
    const added = catalogue.listSources({ caseId: created.id })[0]!;
    // The bundle records how the clock was checked: typed in with --clock-offset, or plainly not checked.
    catalogue.setClock({
      sourceId: added.id,
      timeZone,
      answer:
        values['clock-offset'] === undefined
          ? { kind: 'skip', reason: 'Not checked: no --clock-offset was given on the command line, so recorder time is taken as true time.' }
          : { kind: 'offset', clockOffsetS, check: 'entered', note: 'Given on the command line (--clock-offset).' },
      actor: 'cli',
    });
    const timelines = catalogue.cameraTimelines({ sourceId: added.id });
    const wanted = (values.camera as string[] | undefined) ?? [];
    const unknown = wanted.filter((id) => !timelines.some((timeline) => timeline.cameraKey === id || timeline.label === id));
    if (unknown.length > 0) throw new AppError('not_found', `No camera ${unknown.join(', ')} in ${source}. Cameras: ${timelines.map((t) => `${t.cameraKey} (${t.label})`).join(', ')}.`);
    const chosen = timelines.filter((timeline) => wanted.length === 0 || wanted.includes(timeline.cameraKey) || wanted.includes(timeline.label));
    const covering = chosen.filter((timeline) => timeline.starts.some((start, index) => start < endMs && timeline.ends[index]! > startMs));
    if (covering.length === 0) throw new AppError('not_found', 'No recordings cover that period on the chosen cameras.');
    review.addClips({ caseId: created.id, cameras: covering.map((timeline) => ({ sourceId: added.id, cameraKey: timeline.cameraKey })), startMs, endMs, actor: 'cli' });

    const started = exports.start({ caseId: created.id, options: exportOptionsSchema.parse({}), actor: 'cli' });
    await waitForJob({ core, jobId: started.jobId, io, quiet });

    const password = given ?? bundles.suggestPassword().password;
    fs.mkdirSync(out, { recursive: true });
    let destination = await bundles.chooseDestination({ caseId: created.id, exportId: started.exportId, destination: { kind: 'typed', path: out } });
    if (destination!.stalePartial) {
      // Only an earlier run of this command that was stopped part-way leaves "<name>.partial"; it is never evidence.
      if (!quiet) io.err(`Removing the unfinished copy an earlier, interrupted run left: ${destination!.bundleName}.partial\n`);
      destination = await bundles.removeStalePartial({ destinationId: destination!.destinationId, actor: 'cli' });
    }
    if (!destination!.ok) throw new AppError('invalid_input', destination!.checks.filter((check) => !check.ok).map((check) => check.message).join(' '));
    const bundle = bundles.start({ caseId: created.id, exportId: started.exportId, destinationId: destination!.destinationId, password, actor: 'cli' });
    await waitForJob({ core, jobId: bundle.jobId, io, quiet });
    const summary = bundles.get({ bundleId: bundle.bundleId });
    const report = {
      bundle: path.join(out, summary.bundleName),
      ...(given === null ? { passphrase: password } : {}),
      certificateFingerprint: summary.certificateFingerprint,
      zipSha256: summary.zipSha256,
      exhibits: summary.exhibits.map((exhibit) => ({ id: exhibit.id, kind: exhibit.kind, file: exhibit.file, sha256: exhibit.sha256 })),
    };
    if (values.json) printJson(io, report);
    else {
      io.out(`Evidence written and checked: ${report.bundle}\nevidence.zip SHA-256: ${report.zipSha256}\nProducer certificate: ${report.certificateFingerprint}\n`);
      if (given === null) io.out(`Password (give it to the police separately): ${password}\n`);
      for (const exhibit of report.exhibits) io.out(`  ${exhibit.id.padEnd(8)} ${exhibit.kind.padEnd(8)} ${exhibit.file}\n`);
    }
    return 0;
  },
};
