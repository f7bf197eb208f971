/**
 * Tests only: a case with real demo footage, a clip, a still and a finished export, ready to be written as a bundle
 * (a real export and a real RSA key take seconds, so a test file makes one in beforeAll).
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { exportOptionsSchema } from '../../../src-shared/domain/export';
import { createAppCore, type AppCore } from '../../app-core';
import type { DriveSource } from '../drives/drive-source';
import { createMemoryLogger } from '../logger';
import { resolveMediaTools } from '../media/binaries';
import { addCaseWithFootage, FOOTAGE_START_MS as T0, makeDemoFootage } from '../review/review-test-setup';

export const TEST_PRODUCER = { organisation: 'Corner Shop Ltd', person: 'Jane Smith', contact: 'jane@example.com', initials: 'JS' };

export interface ExportedCase {
  core: AppCore;
  caseId: string;
  sourceId: string;
  exportId: string;
}

export async function makeExportedCase(options: { root: string; driveSource?: DriveSource }): Promise<ExportedCase> {
  const footage = path.join(options.root, 'footage');
  fs.mkdirSync(footage, { recursive: true });
  await makeDemoFootage({ dir: footage, tools: resolveMediaTools() });
  const core = createAppCore({
    dataDir: path.join(options.root, 'data'),
    appVersion: 'test',
    logger: createMemoryLogger(),
    env: { ...process.env, HANDOVER_KEY_PASSPHRASE: 'a test passphrase for the key' },
    driveSource: options.driveSource,
  });
  const added = await addCaseWithFootage({ core, footageDir: footage });
  const { review, exports, jobs, producer, catalogue } = core.services;
  catalogue.setClock({ sourceId: added.sourceId, timeZone: 'Europe/London', answer: { kind: 'offset', clockOffsetS: 0, check: 'entered' }, actor: 'user' });
  review.addClips({ caseId: added.caseId, cameras: [{ sourceId: added.sourceId, cameraKey: 'ch01' }], startMs: T0 + 30_000, endMs: T0 + 50_000, label: 'At the till', actor: 'user' });
  await review.takeStill({ caseId: added.caseId, camera: { sourceId: added.sourceId, cameraKey: 'ch01' }, atMs: T0 + 40_000, actor: 'user' });
  const started = exports.start({ caseId: added.caseId, options: exportOptionsSchema.parse({}), actor: 'user' });
  expect((await jobs.waitFor({ jobId: started.jobId })).state).toBe('succeeded');
  producer.setProfile({ profile: TEST_PRODUCER, actor: 'user' });
  return { core, caseId: added.caseId, sourceId: added.sourceId, exportId: started.exportId };
}

/** Writes the export as a bundle into `folder` (typed, as the bridge does) and waits for the job. */
export async function writeBundleTo(options: { exported: Pick<ExportedCase, 'core' | 'caseId' | 'exportId'>; destination: { kind: 'typed'; path: string } | { kind: 'drive'; driveId: string }; eject?: boolean }) {
  const { core, caseId, exportId } = options.exported;
  const { bundles, jobs } = core.services;
  const destination = await bundles.chooseDestination({ caseId, exportId, destination: options.destination });
  expect(destination).toMatchObject({ ok: true });
  const password = bundles.suggestPassword().password;
  const run = bundles.start({ caseId, exportId, destinationId: destination!.destinationId, password, eject: options.eject, actor: 'user' });
  const job = await jobs.waitFor({ jobId: run.jobId });
  return { job, password, bundle: bundles.get({ bundleId: run.bundleId }) };
}
