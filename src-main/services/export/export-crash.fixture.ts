/**
 * Run by export-failures.test.ts as a separate process, which the test then kills with SIGKILL: a real crash in the
 * middle of an export. Starts an export whose working copies never finish, and prints its ids as one JSON line once
 * its two masters are written.
 *
 *   tsx export-crash.fixture.ts <dataDir> <caseId>
 */
import path from 'node:path';
import { createAppCore } from '../../app-core';
import { createMemoryLogger } from '../logger';
import { createExportService } from './export-service';
import { hangingWorkingCopies, waitForMasters } from './export-test-setup';
import { exportOptionsSchema } from '../../../src-shared/domain/export';

async function main(): Promise<void> {
  const [dataDir, caseId] = process.argv.slice(2);
  if (!dataDir || !caseId) throw new Error('usage: export-crash.fixture.ts <dataDir> <caseId>');
  const core = createAppCore({ dataDir, appVersion: 'test', logger: createMemoryLogger() });
  const exports = createExportService({ ...core.services, workingCopies: hangingWorkingCopies });
  const started = exports.start({ caseId, options: exportOptionsSchema.parse({}), actor: 'user' });
  await waitForMasters({ core, jobId: started.jobId, exportDir: path.join(dataDir, 'cases', caseId, 'exports', started.exportId), count: 2 });
  process.stdout.write(`${JSON.stringify(started)}\n`);
  // Wait to be killed.
  setInterval(() => undefined, 60_000);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
