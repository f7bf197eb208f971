/** All SQL for evidence bundles. */
import type Database from 'better-sqlite3';
import type { BundleDrive, BundleManifest, BundleSummary } from '../../../src-shared/domain/bundle';
import type { EjectResult } from '../../../src-shared/domain/drives';

export interface BundleRow {
  id: string;
  case_id: string;
  export_id: string;
  job_id: string;
  actor: string;
  bundle_name: string;
  /** Relative to the data folder, '/'-separated. */
  folder: string;
  destination: string | null;
  state: BundleSummary['state'];
  zip_sha256: string | null;
  zip_bytes: number | null;
  certificate_fingerprint: string | null;
  exhibits_json: string;
  verify_method: string | null;
  error: string | null;
  created_at: string;
  finished_at: string | null;
  /** The stick as the OS described it (BundleDrive as JSON); null for a folder that was not a listed drive. */
  drive_json: string | null;
  eject_json: string | null;
  manifest_json: string | null;
}

export interface BundleOutcome {
  state: BundleSummary['state'];
  finishedAt: string;
  zipSha256?: string | null;
  zipBytes?: number | null;
  certificateFingerprint?: string | null;
  exhibits?: BundleSummary['exhibits'];
  verifyMethod?: string | null;
  error?: string | null;
  manifest?: BundleManifest | null;
}

export function createBundleStore(db: Database.Database) {
  const insertStmt = db.prepare<BundleRow>(
    `INSERT INTO bundles (id, case_id, export_id, job_id, actor, bundle_name, folder, destination, state, zip_sha256, zip_bytes,
       certificate_fingerprint, exhibits_json, verify_method, error, created_at, finished_at, drive_json, eject_json, manifest_json)
     VALUES (@id, @case_id, @export_id, @job_id, @actor, @bundle_name, @folder, @destination, @state, @zip_sha256, @zip_bytes,
       @certificate_fingerprint, @exhibits_json, @verify_method, @error, @created_at, @finished_at, @drive_json, @eject_json, @manifest_json)`,
  );
  const getStmt = db.prepare<[string], BundleRow>('SELECT * FROM bundles WHERE id = ?');
  const byCaseStmt = db.prepare<[string], BundleRow>('SELECT * FROM bundles WHERE case_id = ? ORDER BY created_at DESC, rowid DESC');
  const runningStmt = db.prepare<[], BundleRow>("SELECT * FROM bundles WHERE state = 'running'");
  // Only a running bundle may be settled, and only once.
  const settleStmt = db.prepare(
    `UPDATE bundles SET state = @state, finished_at = @finished_at, zip_sha256 = @zip_sha256, zip_bytes = @zip_bytes,
       certificate_fingerprint = @certificate_fingerprint, exhibits_json = @exhibits_json, verify_method = @verify_method, error = @error,
       manifest_json = @manifest_json
     WHERE id = @id AND state = 'running'`,
  );
  const ejectStmt = db.prepare<[string, string]>('UPDATE bundles SET eject_json = ? WHERE id = ?');

  return {
    insert: (row: BundleRow) => insertStmt.run(row),
    get: (bundleId: string): BundleRow | undefined => getStmt.get(bundleId),
    byCase: (caseId: string): BundleRow[] => byCaseStmt.all(caseId),
    running: (): BundleRow[] => runningStmt.all(),
    /** True when this call moved the bundle out of 'running'. */
    settle(options: { bundleId: string; outcome: BundleOutcome }): boolean {
      const { outcome } = options;
      return (
        settleStmt.run({
          id: options.bundleId,
          state: outcome.state,
          finished_at: outcome.finishedAt,
          zip_sha256: outcome.zipSha256 ?? null,
          zip_bytes: outcome.zipBytes ?? null,
          certificate_fingerprint: outcome.certificateFingerprint ?? null,
          exhibits_json: JSON.stringify(outcome.exhibits ?? []),
          verify_method: outcome.verifyMethod ?? null,
          error: outcome.error ?? null,
          manifest_json: outcome.manifest ? JSON.stringify(outcome.manifest) : null,
        }).changes === 1
      );
    },
    recordEject(options: { bundleId: string; result: EjectResult }): void {
      ejectStmt.run(JSON.stringify(options.result), options.bundleId);
    },
    manifestOf(row: BundleRow): BundleManifest | null {
      return row.manifest_json === null ? null : (JSON.parse(row.manifest_json) as BundleManifest);
    },
    toSummary(row: BundleRow): BundleSummary {
      return {
        id: row.id,
        caseId: row.case_id,
        exportId: row.export_id,
        jobId: row.job_id,
        state: row.state,
        bundleName: row.bundle_name,
        destination: row.destination,
        zipSha256: row.zip_sha256,
        zipBytes: row.zip_bytes,
        certificateFingerprint: row.certificate_fingerprint,
        exhibits: JSON.parse(row.exhibits_json) as BundleSummary['exhibits'],
        verifyMethod: row.verify_method,
        createdAt: row.created_at,
        finishedAt: row.finished_at,
        error: row.error,
        drive: row.drive_json === null ? null : (JSON.parse(row.drive_json) as BundleDrive),
        eject: row.eject_json === null ? null : (JSON.parse(row.eject_json) as EjectResult),
      };
    },
  };
}
