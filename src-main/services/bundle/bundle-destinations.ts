/**
 * Where step 5 writes: a USB stick from the drive list, a folder from the main-process dialog, or (bridge and CLI only)
 * a typed path. Each choice gets an id, never a path, for the renderer to send back, and is checked (pre-flight) on
 * every request; the bundle's folder name is fixed when the stick is chosen.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { bundleFolderName, type BundleDrive, type Destination, type DestinationChoice } from '../../../src-shared/domain/bundle';
import type { Drive } from '../../../src-shared/domain/drives';
import { wallClockAt } from '../../../src-shared/domain/time';
import type { CasesService } from '../cases/cases-service';
import type { CatalogueService } from '../catalogue/catalogue-service';
import { systemTimeZone } from '../catalogue/catalogue-service';
import { AppError } from '../errors';
import type { ExportService } from '../export/export-service';
import type { Dialogs } from '../index';
import { requireFinishedExport } from './bundle-contents';
import { estimateBundleBytes } from './build-bundle';
import { preflightDestination } from './destination/preflight';
import { BUNDLE_FILES } from './manifest/bundle-texts';
import type { BundleDrives } from './bundle-service';

export interface ChosenDestination {
  path: string;
  /** Set when the person picked a listed USB stick (then it can be ejected, and goes on the receipt). */
  drive: { driveId: string; details: BundleDrive } | null;
  /** How it was chosen: a folder from the dialog is checked against the drive list too; a typed one is not. */
  via: DestinationChoice['kind'];
  caseId: string;
  exportId: string;
  bundleName: string;
  neededBytes: number;
}

const SIDECAR_ESTIMATE = { [BUNDLE_FILES.readMe]: 8 * 1024, [BUNDLE_FILES.zipSum]: 96, [BUNDLE_FILES.opener]: 1024 * 1024 };

/** True when `folder` is `mount` or inside it (case-insensitively on Windows, where E:\ and e:\ are one). */
export function isInside(options: { folder: string; mount: string; platform?: NodeJS.Platform }): boolean {
  const pathApi = (options.platform ?? process.platform) === 'win32' ? path.win32 : path.posix;
  const relative = pathApi.relative(options.mount, options.folder);
  return relative === '' || (!relative.startsWith('..') && !pathApi.isAbsolute(relative));
}

export function createBundleDestinations(options: {
  cases: CasesService;
  catalogue: CatalogueService;
  exports: ExportService;
  drives: BundleDrives;
  dialogs: Dialogs | null;
  now: () => Date;
}) {
  const { cases, exports, now } = options;
  const destinations = new Map<string, ChosenDestination>();

  function exportFor(input: { caseId: string; exportId: string }) {
    cases.get({ caseId: input.caseId });
    return requireFinishedExport({ summary: exports.get({ exportId: input.exportId }), caseId: input.caseId });
  }

  /**
   * The police need true times: writing waits until every footage folder's clock question is answered, or skipped
   * with a reason (which is recorded and goes into the manifest).
   */
  function clockChecks(caseId: string): { id: string; ok: boolean; message: string }[] {
    const unanswered = options.catalogue.listSources({ caseId }).filter((source) => source.clockCheck === 'unanswered');
    if (unanswered.length === 0) return [{ id: 'clock', ok: true, message: "The recorder's clock has been checked, or skipping it was explained." }];
    return unanswered.map((source) => ({
      id: 'clock',
      ok: false,
      message: `Answer the clock question for ${source.label} in step 1 first (or skip it and say why), so the police get true times.`,
    }));
  }

  /**
   * A stick from the list must still be plugged in and writable; a folder from the dialog must not be on the
   * computer's own disk (a shop owner may pick the Desktop by mistake). Typed folders (bridge and CLI) are not asked.
   */
  async function driveChecks(chosen: ChosenDestination, fresh?: Drive[]): Promise<{ id: string; ok: boolean; message: string }[]> {
    if (chosen.via === 'typed') return [];
    const listed = fresh ?? (await options.drives.list().catch(() => null));
    if (listed === null) return [{ id: 'drive', ok: chosen.via === 'dialog', message: 'Handover could not ask the computer which drives are plugged in.' }];
    if (chosen.drive) {
      const { driveId, details } = chosen.drive;
      const name = details.label ?? details.model ?? 'The USB stick';
      const now = listed.find((drive) => drive.driveId === driveId && drive.displayPath === chosen.path);
      if (!now) return [{ id: 'drive', ok: false, message: `${name} is not plugged in any more. Plug it back in, then press “Check again”.` }];
      if (!now.offered) return [{ id: 'drive', ok: false, message: now.reason ?? `Handover cannot write to ${name}.` }];
      return [{ id: 'drive', ok: true, message: `${name} is a USB stick Handover can write to.` }];
    }
    const holder = listed
      .filter((drive) => drive.displayPath !== null && isInside({ folder: chosen.path, mount: drive.displayPath }))
      .sort((a, b) => (b.displayPath?.length ?? 0) - (a.displayPath?.length ?? 0))[0];
    if (!holder) return [{ id: 'drive', ok: true, message: 'Handover could not tell which drive this folder is on. Make sure it is the USB stick.' }];
    if (!holder.offered) return [{ id: 'drive', ok: false, message: `This folder is on a drive Handover will not write to. ${holder.reason ?? ''} Choose the USB stick instead.`.trim() }];
    return [{ id: 'drive', ok: true, message: `This folder is on ${holder.label ?? holder.model ?? 'a USB stick'}, a USB stick Handover can write to.` }];
  }

  /** `fresh`: a drive list taken just now for this request, so the drives are not asked twice. */
  async function runPreflight(id: string, chosen: ChosenDestination, fresh?: Drive[]): Promise<Destination> {
    const files = [{ name: BUNDLE_FILES.zip, size: chosen.neededBytes }, ...Object.entries(SIDECAR_ESTIMATE).map(([name, size]) => ({ name, size }))];
    const result = await preflightDestination({ destinationDir: chosen.path, bundleName: chosen.bundleName, files });
    const checks = [
      ...clockChecks(chosen.caseId),
      ...(await driveChecks(chosen, fresh)),
      ...result.checks.map((check) => ({ id: check.id, ok: check.ok, message: check.message })),
    ];
    return {
      destinationId: id,
      displayPath: chosen.path,
      bundleName: chosen.bundleName,
      ok: checks.every((check) => check.ok),
      checks,
      filesystem: result.filesystem,
      freeBytes: result.freeBytes,
      neededBytes: result.neededBytes,
      stalePartial: result.stalePartial,
    };
  }

  async function chooseDestination(input: { caseId: string; exportId: string; destination: DestinationChoice }): Promise<Destination | null> {
    const summary = exportFor(input);
    let folder: string | null;
    let drive: ChosenDestination['drive'] = null;
    let fresh: Drive[] | undefined;
    if (input.destination.kind === 'drive') {
      // Listed again, so a stick plugged in since the page last asked (or an app restart) is known by its id.
      fresh = await options.drives.list();
      const driveId = input.destination.driveId;
      folder = options.drives.mountPathOf({ driveId });
      drive = { driveId, details: options.drives.describe({ driveId }) };
    } else if (input.destination.kind === 'dialog') {
      if (!options.dialogs) throw new AppError('invalid_input', 'Choosing a folder needs the desktop app. Type the folder instead.');
      folder = await options.dialogs.pickFolder({ title: 'Choose the USB stick to write the evidence to' });
      if (folder === null) return null;
    } else {
      folder = path.resolve(input.destination.path);
    }
    const wall = wallClockAt({ instantMs: now().getTime(), timeZone: systemTimeZone() });
    const detail = cases.get({ caseId: input.caseId });
    const chosen: ChosenDestination = {
      path: folder,
      drive,
      via: input.destination.kind,
      caseId: input.caseId,
      exportId: input.exportId,
      bundleName: bundleFolderName({ reference: detail.reference, localYmdHm: wall }),
      neededBytes: estimateBundleBytes({ outputs: summary.outputs, documents: [{ name: 'clips-and-notes.txt', size: 64 * 1024 }] }),
    };
    const id = randomUUID();
    destinations.set(id, chosen);
    return runPreflight(id, chosen, fresh);
  }

  function chosenDestination(destinationId: string): ChosenDestination {
    const chosen = destinations.get(destinationId);
    if (!chosen) throw new AppError('not_found', 'Please choose the USB stick again.');
    return chosen;
  }

  return {
    exportFor,
    clockChecks,
    chosenDestination,
    choose: chooseDestination,
    /** Runs the pre-flight again for a chosen destination. */
    check: (destinationId: string): Promise<Destination> => runPreflight(destinationId, chosenDestination(destinationId)),
    /** The listed stick that was chosen for this folder in this session, if any: what can be ejected again. */
    driveAt: (input: { path: string | null }): ChosenDestination | null =>
      [...destinations.values()].find((candidate) => candidate.drive !== null && candidate.path === input.path) ?? null,
  };
}
