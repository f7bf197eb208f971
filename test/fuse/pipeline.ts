/**
 * Tests only: the app core with one real case, export and producer profile, made once per test file (a real export
 * takes seconds), then as many bundle writes onto different targets as a test wants, through the same calls the
 * Write USB screen makes: choose the destination (which runs the pre-flight), start, wait.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BundleSummary, Destination } from '../../src-shared/domain/bundle';
import type { JobSnapshot } from '../../src-shared/domain/jobs';
import type { AppCore } from '../../src-main/app-core';
import { makeExportedCase } from '../../src-main/services/bundle/bundle-test-setup';

export interface StartedBundle {
  destination: Destination;
  bundleId: string;
  jobId: string;
  password: string;
  /** The bundle folder the app built in its data folder before copying it to the stick. */
  localFolder: string;
  finished: Promise<JobSnapshot>;
}

export interface Pipeline {
  core: AppCore;
  root: string;
  caseId: string;
  exportId: string;
  /** Runs the pre-flight on `target`, as choosing it on the Write USB screen does. */
  choose(target: string): Promise<Destination>;
  /** Starts writing a bundle onto a destination that passed its pre-flight. */
  start(destination: Destination): StartedBundle;
  /** choose + start + wait: the job, and the bundle's record afterwards. */
  write(target: string): Promise<{ started: StartedBundle; job: JobSnapshot; bundle: BundleSummary }>;
  close(): Promise<void>;
}

export async function createPipeline(options: { prefix: string }): Promise<Pipeline> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), options.prefix));
  const { core, caseId, exportId } = await makeExportedCase({ root });
  const dataDir = path.join(root, 'data');
  const { bundles, jobs } = core.services;

  const choose = async (target: string): Promise<Destination> => {
    const destination = await bundles.chooseDestination({ caseId, exportId, destination: { kind: 'typed', path: target } });
    if (!destination) throw new Error('no destination');
    return destination;
  };
  const start = (destination: Destination): StartedBundle => {
    const password = bundles.suggestPassword().password;
    const run = bundles.start({ caseId, exportId, destinationId: destination.destinationId, password, actor: 'user' });
    return {
      destination,
      bundleId: run.bundleId,
      jobId: run.jobId,
      password,
      localFolder: path.join(dataDir, 'cases', caseId, 'bundles', run.bundleId, destination.bundleName),
      finished: jobs.waitFor({ jobId: run.jobId }),
    };
  };
  return {
    core,
    root,
    caseId,
    exportId,
    choose,
    start,
    async write(target) {
      const destination = await choose(target);
      if (!destination.ok) throw new Error(`the pre-flight refused ${target}: ${destination.checks.filter((check) => !check.ok).map((check) => check.message).join(' ')}`);
      const started = start(destination);
      const job = await started.finished;
      return { started, job, bundle: bundles.get({ bundleId: started.bundleId }) };
    },
    async close() {
      await core.close();
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}
