/**
 * Step 5: choose where the evidence goes, check it can go there, then one job that builds the signed, encrypted
 * bundle, writes it to the destination and reads it back. The password passes through in memory only: it is never
 * stored, logged or put in a job's parameters.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import type { BundleDrive, BundleManifest, BundleSummary, BundleVerification, Destination } from '../../../src-shared/domain/bundle';
import type { Drive, EjectResult } from '../../../src-shared/domain/drives';
import type { JobSnapshot } from '../../../src-shared/domain/jobs';
import { isTerminalJobState } from '../../../src-shared/domain/jobs';
import { checkPasswordStrength, type PasswordStrength } from '../../../src-shared/password/password-strength';
import type { CasesService } from '../cases/cases-service';
import type { CatalogueService } from '../catalogue/catalogue-service';
import type { CustodyLog } from '../custody/custody-log';
import { AppError, isAppError } from '../errors';
import type { ExportService } from '../export/export-service';
import type { Dialogs } from '../index';
import type { JobManager } from '../jobs/job-manager';
import { createRowSettling } from '../jobs/rows-settled-by-jobs';
import type { Logger } from '../logger';
import type { ReviewService } from '../review/review-service';
import { gatherContents } from './bundle-contents';
import { createBundleDestinations } from './bundle-destinations';
import { createBundleStore, type BundleRow } from './bundle-store';
import { buildBundleFolder } from './build-bundle';
import { removeStalePartial } from './destination/preflight';
import { writeBundleToDestination } from './destination/write-bundle';
import { BUNDLE_FILES } from './manifest/bundle-texts';
import { generatePassword } from './password/generate-password';
import type { ProducerStore } from './producer-store';
import { verifyBundleFolder } from './verify-bundle';

export interface BundleServiceOptions {
  db: Database.Database;
  custody: CustodyLog;
  cases: CasesService;
  catalogue: CatalogueService;
  review: ReviewService;
  exports: ExportService;
  jobs: JobManager;
  producer: ProducerStore;
  dialogs: Dialogs | null;
  /** USB sticks listed by the OS; a destination may be one of these, by id. */
  drives: BundleDrives;
  dataDir: string;
  appVersion: string;
  logger: Logger;
  now?: () => Date;
}

/** What writing a bundle needs of the drives service. */
export interface BundleDrives {
  list(): Promise<Drive[]>;
  mountPathOf(options: { driveId: string }): string;
  describe(options: { driveId: string }): BundleDrive;
  eject(options: { driveId: string; signal?: AbortSignal }): Promise<EjectResult>;
}

/** Phases of the one job, with their share of the bar: locking the zip, writing it out, reading it back. */
const SHARES = { lock: 0.4, write: 0.3, verify: 0.27, eject: 0.02 } as const;
export const BUNDLE_PHASES = {
  preparing: 'Getting the evidence ready',
  lock: 'Locking the evidence with the password',
  write: 'Writing to the USB stick',
  verify: 'Checking what was written',
  eject: 'Ejecting the USB stick',
  finishing: 'Recording what was written',
} as const;

export function createBundleService(options: BundleServiceOptions) {
  const { db, custody, cases, exports, jobs, producer, dataDir, logger } = options;
  const now = options.now ?? (() => new Date());
  const store = createBundleStore(db);

  const picks = createBundleDestinations({ cases, catalogue: options.catalogue, exports, drives: options.drives, dialogs: options.dialogs, now });
  const { chosenDestination, clockChecks, exportFor } = picks;

  function settle(row: BundleRow, job: JobSnapshot | null): void {
    const jobState = job?.state ?? 'failed';
    if (!isTerminalJobState(jobState)) return;
    if (jobState === 'succeeded') return; // Recorded by the job itself, before it reported success.
    const state = jobState === 'cancelled' ? 'cancelled' : 'failed';
    const error = job?.error?.message ?? 'Handover stopped while writing the evidence.';
    db.transaction(() => {
      if (!store.settle({ bundleId: row.id, outcome: { state, finishedAt: job?.finishedAt ?? now().toISOString(), error } })) return;
      custody.append({ caseId: row.case_id, actor: row.actor, action: `bundle.${state}`, details: { bundleId: row.id, bundleName: row.bundle_name, destination: row.destination, error } });
    }).immediate();
    fs.rmSync(path.join(dataDir, ...row.folder.split('/')), { recursive: true, force: true });
  }

  const settling = createRowSettling<BundleRow>({ jobs, settle, logger, what: 'bundle' });
  const reconcile = settling.reconcile;

  function start(input: { caseId: string; exportId: string; destinationId: string; password: string; eject?: boolean; actor: string }): { bundleId: string; jobId: string } {
    const chosen = chosenDestination(input.destinationId);
    if (chosen.caseId !== input.caseId || chosen.exportId !== input.exportId) throw new AppError('invalid_input', 'Please choose the USB stick again for this export.');
    const summary = exportFor(input);
    const unanswered = clockChecks(input.caseId).filter((check) => !check.ok);
    if (unanswered.length > 0) throw new AppError('invalid_input', unanswered.map((check) => check.message).join(' '));
    const profile = producer.requireProfile();
    const detail = cases.get({ caseId: input.caseId });
    const strength = checkPasswordStrength({ password: input.password, contextWords: [profile.organisation, profile.person, detail.title, detail.reference ?? ''] });
    if (!strength.ok) throw new AppError('weak_password', strength.feedback);
    const key = producer.key();
    const bundleId = randomUUID();
    const row: BundleRow = {
      id: bundleId,
      case_id: input.caseId,
      export_id: input.exportId,
      job_id: '',
      actor: input.actor,
      bundle_name: chosen.bundleName,
      folder: `cases/${input.caseId}/bundles/${bundleId}`,
      destination: chosen.path,
      state: 'running',
      zip_sha256: null,
      zip_bytes: null,
      certificate_fingerprint: key.fingerprintSha256,
      exhibits_json: '[]',
      verify_method: null,
      error: null,
      created_at: now().toISOString(),
      finished_at: null,
      drive_json: chosen.drive ? JSON.stringify(chosen.drive.details) : null,
      eject_json: null,
      manifest_json: null,
    };
    const ejectAfter = chosen.drive !== null && input.eject !== false ? chosen.drive : null;
    const localFolder = path.join(dataDir, ...row.folder.split('/'), chosen.bundleName);
    const password = input.password;
    const job = jobs.start({
      kind: 'bundle.write',
      caseId: input.caseId,
      params: { bundleId, exportId: input.exportId, bundleName: chosen.bundleName },
      run: async (ctx) => {
        ctx.progress({ phase: BUNDLE_PHASES.preparing, ratio: 0 });
        const contents = gatherContents({
          deps: options,
          caseId: input.caseId,
          exportSummary: summary,
          exportFolder: exports.folderOf({ exportId: input.exportId }),
          producer: profile,
          bundleName: chosen.bundleName,
          createdAt: now(),
          software: { name: 'Handover', version: options.appVersion },
        });
        const built = await buildBundleFolder({
          folder: localFolder,
          contents,
          custodyEntries: custody.list({ caseId: input.caseId }),
          key,
          password,
          signal: ctx.signal,
          onProgress: ({ bytesDone, bytesTotal }) => ctx.progress({ phase: BUNDLE_PHASES.lock, ratio: SHARES.lock * (bytesDone / Math.max(1, bytesTotal)) }),
        });
        const written = await writeBundleToDestination({
          destinationDir: chosen.path,
          bundleName: chosen.bundleName,
          files: built.files,
          // The fingerprint file last: with it present, everything it describes was written before it.
          lastFiles: [BUNDLE_FILES.zipSum],
          signal: ctx.signal,
          onProgress: (progress) => {
            const part = progress.bytesDone / Math.max(1, progress.bytesTotal);
            // USB sticks differ tenfold in speed; the rate tells the person whether a long wait is the stick.
            const rate = progress.bytesPerSecond ? ` (${(progress.bytesPerSecond / 1e6).toFixed(0)} MB/s)` : '';
            ctx.progress(
              progress.phase === 'writing'
                ? { phase: `${BUNDLE_PHASES.write}${rate}`, ratio: SHARES.lock + SHARES.write * part }
                : { phase: `${BUNDLE_PHASES.verify}${rate}`, ratio: SHARES.lock + SHARES.write + SHARES.verify * part },
            );
          },
        });
        ctx.finalizing(BUNDLE_PHASES.finishing);
        const exhibits = built.manifest.exhibits.map((exhibit) => ({ id: exhibit.id, kind: exhibit.kind, file: exhibit.file, size: exhibit.size, sha256: exhibit.sha256 }));
        const finishedAt = now().toISOString();
        db.transaction(() => {
          store.settle({
            bundleId,
            outcome: {
              state: 'succeeded',
              finishedAt,
              zipSha256: built.zip.sha256,
              zipBytes: built.zip.size,
              certificateFingerprint: key.fingerprintSha256,
              exhibits,
              verifyMethod: written.verifyMethod,
              manifest: built.manifest,
            },
          });
          custody.append({
            caseId: input.caseId,
            actor: input.actor,
            action: 'bundle.written',
            details: { bundleId, bundleName: chosen.bundleName, destination: chosen.path, zipSha256: built.zip.sha256, zipBytes: built.zip.size, exhibits: exhibits.length },
          });
          custody.append({
            caseId: input.caseId,
            actor: input.actor,
            action: 'bundle.verified',
            details: { bundleId, files: written.files.length, method: written.verifyMethod, seconds: written.verifySeconds },
          });
        }).immediate();
        // Written and read back: step 5 is done (the person can still say otherwise on the checklist).
        cases.setStepState({ caseId: input.caseId, step: 'usb', state: 'done', actor: input.actor });
        if (ejectAfter) {
          ctx.progress({ phase: BUNDLE_PHASES.eject, ratio: SHARES.lock + SHARES.write + SHARES.verify });
          await ejectWrittenStick({ drives: options.drives, store, custody, driveId: ejectAfter.driveId, bundleId, caseId: input.caseId, actor: input.actor, logger });
        }
        return { bundleId, zipSha256: built.zip.sha256 };
      },
    });
    row.job_id = job.id;
    db.transaction(() => {
      store.insert(row);
      custody.append({
        caseId: input.caseId,
        actor: input.actor,
        action: 'bundle.started',
        details: { bundleId, jobId: job.id, exportId: input.exportId, bundleName: chosen.bundleName, destination: chosen.path, certificateFingerprint: key.fingerprintSha256 },
      });
    }).immediate();
    settling.whenJobEnds({ jobId: job.id, id: bundleId, row: () => store.get(bundleId)! });
    return { bundleId, jobId: job.id };
  }

  function getRow(bundleId: string): BundleRow {
    const row = store.get(bundleId);
    if (!row) throw new AppError('not_found', 'That evidence bundle could not be found.');
    reconcile([row]);
    return store.get(bundleId)!;
  }

  return {
    chooseDestination: picks.choose,
    refreshDestination: (input: { destinationId: string }): Promise<Destination> => picks.check(input.destinationId),
    /** Deletes only `<bundleName>.partial`, the unfinished copy a failed write left, then checks again. */
    removeStalePartial: async (input: { destinationId: string; actor: string }): Promise<Destination> => {
      const chosen = chosenDestination(input.destinationId);
      await removeStalePartial({ destinationDir: chosen.path, bundleName: chosen.bundleName });
      custody.append({ caseId: chosen.caseId, actor: input.actor, action: 'bundle.partialRemoved', details: { destination: chosen.path, folder: `${chosen.bundleName}.partial` } });
      return picks.check(input.destinationId);
    },
    suggestPassword: (): { password: string; bits: number } => {
      const { password, bits } = generatePassword();
      return { password, bits };
    },
    checkPassword: (input: { password: string; caseId?: string }): PasswordStrength => {
      const profile = producer.profile();
      const detail = input.caseId ? cases.get({ caseId: input.caseId }) : null;
      const context = [profile?.organisation, profile?.person, detail?.title, detail?.reference].filter((word): word is string => !!word);
      return checkPasswordStrength({ password: input.password, contextWords: context });
    },
    start,
    list: (input: { caseId: string }): BundleSummary[] => {
      cases.get({ caseId: input.caseId });
      reconcile(store.byCase(input.caseId));
      return store.byCase(input.caseId).map((row) => store.toSummary(row));
    },
    get: (input: { bundleId: string }): BundleSummary => store.toSummary(getRow(input.bundleId)),
    /** The manifest as signed into the zip; null for a bundle that was not finished. */
    manifestOf: (input: { bundleId: string }): BundleManifest | null => store.manifestOf(getRow(input.bundleId)),
    /** Ejects the stick a bundle was written to (again, after a refusal); the result is kept with the bundle. */
    eject: async (input: { bundleId: string; actor: string }): Promise<EjectResult> => {
      const row = getRow(input.bundleId);
      const chosen = picks.driveAt({ path: row.destination });
      if (!chosen?.drive) throw new AppError('not_found', 'That USB stick is not in the list any more. If it is still plugged in, eject it from the computer.');
      return ejectWrittenStick({ drives: options.drives, store, custody, driveId: chosen.drive.driveId, bundleId: row.id, caseId: row.case_id, actor: input.actor, logger });
    },
    /** Reads the written copy back again (e.g. after the stick was replugged) and records the result. */
    verify: async (input: { bundleId: string; password: string | null; actor: string }): Promise<BundleVerification> => {
      const row = getRow(input.bundleId);
      if (row.state !== 'succeeded' || !row.destination) throw new AppError('conflict', 'This bundle was not written, so there is nothing to check.');
      const result = await verifyBundleFolder({ bundleDir: path.join(row.destination, row.bundle_name), password: input.password });
      custody.append({ caseId: row.case_id, actor: input.actor, action: 'bundle.checked', details: { bundleId: row.id, ok: result.ok, contentsChecked: result.contentsChecked, failing: result.failing } });
      return result;
    },
  };
}

export type BundleService = ReturnType<typeof createBundleService>;

/**
 * The evidence is already written and checked when this runs, so a stick that will not eject (a program still has it
 * open) is not a failed bundle: the person is told who refused, and can press Eject again.
 */
async function ejectWrittenStick(options: {
  drives: BundleDrives;
  store: ReturnType<typeof createBundleStore>;
  custody: CustodyLog;
  driveId: string;
  bundleId: string;
  caseId: string;
  actor: string;
  logger: Logger;
}): Promise<EjectResult> {
  let result: EjectResult;
  try {
    result = await options.drives.eject({ driveId: options.driveId });
  } catch (error) {
    options.logger.warn('bundle: eject failed', { bundleId: options.bundleId, error: String(error) });
    const why = isAppError(error) ? error.message : 'The computer did not say why.';
    result = { ok: false, message: `The evidence is written and checked, but the USB stick could not be ejected. ${why}`, vetoedBy: null };
  }
  options.store.recordEject({ bundleId: options.bundleId, result });
  options.custody.append({ caseId: options.caseId, actor: options.actor, action: 'bundle.ejected', details: { bundleId: options.bundleId, ok: result.ok, vetoedBy: result.vetoedBy } });
  return result;
}
