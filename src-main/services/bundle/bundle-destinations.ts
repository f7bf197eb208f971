/**
 * Where step 5 writes: a USB stick from the drive list, a folder from the main-process dialog, or (bridge and CLI only)
 * a typed path. Each choice gets an id, never a path, for the renderer to send back, and is checked (pre-flight) on
 * every request; the bundle's folder name is fixed when the stick is chosen.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { bundleFolderName, type BundleDrive, type Destination, type DestinationChoice } from '../../../src-shared/domain/bundle';
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
  caseId: string;
  exportId: string;
  bundleName: string;
  neededBytes: number;
}

const SIDECAR_ESTIMATE = { [BUNDLE_FILES.readMe]: 8 * 1024, [BUNDLE_FILES.zipSum]: 96, [BUNDLE_FILES.opener]: 1024 * 1024 };

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

  async function runPreflight(id: string, chosen: ChosenDestination): Promise<Destination> {
    const files = [{ name: BUNDLE_FILES.zip, size: chosen.neededBytes }, ...Object.entries(SIDECAR_ESTIMATE).map(([name, size]) => ({ name, size }))];
    const result = await preflightDestination({ destinationDir: chosen.path, bundleName: chosen.bundleName, files });
    const checks = [...clockChecks(chosen.caseId), ...result.checks.map((check) => ({ id: check.id, ok: check.ok, message: check.message }))];
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
    if (input.destination.kind === 'drive') {
      // Listed again, so a stick plugged in since the page last asked (or an app restart) is known by its id.
      await options.drives.list();
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
      caseId: input.caseId,
      exportId: input.exportId,
      bundleName: bundleFolderName({ reference: detail.reference, localYmdHm: wall }),
      neededBytes: estimateBundleBytes({ outputs: summary.outputs, documents: [{ name: 'clips-and-notes.txt', size: 64 * 1024 }] }),
    };
    const id = randomUUID();
    destinations.set(id, chosen);
    return runPreflight(id, chosen);
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
