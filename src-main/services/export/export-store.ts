/** All SQL for exports and their outputs. */
import type Database from 'better-sqlite3';
import { exportOptionsSchema, type ExportOutput, type ExportSummary } from '../../../src-shared/domain/export';

export type ExportState = ExportSummary['state'];

export interface ExportRow {
  id: string;
  case_id: string;
  job_id: string;
  restart_of: string | null;
  actor: string;
  options_json: string;
  state: ExportState;
  created_at: string;
  finished_at: string | null;
  /** Relative to the data folder, '/'-separated. */
  folder: string;
}

interface OutputRow {
  export_id: string;
  position: number;
  path: string;
  kind: ExportOutput['kind'];
  size: number;
  sha256: string;
  source_sha256: string | null;
  details_json: string;
}

type OutputDetails = Omit<ExportOutput, 'path' | 'kind' | 'size' | 'sha256' | 'sourceSha256'>;

export function createExportStore(db: Database.Database) {
  const insertStmt = db.prepare<ExportRow>(
    `INSERT INTO exports (id, case_id, job_id, restart_of, actor, options_json, state, created_at, finished_at, folder)
     VALUES (@id, @case_id, @job_id, @restart_of, @actor, @options_json, @state, @created_at, @finished_at, @folder)`,
  );
  const getStmt = db.prepare<[string], ExportRow>('SELECT * FROM exports WHERE id = ?');
  const byCaseStmt = db.prepare<[string], ExportRow>('SELECT * FROM exports WHERE case_id = ? ORDER BY created_at DESC, rowid DESC');
  const runningStmt = db.prepare<[], ExportRow>("SELECT * FROM exports WHERE state = 'running'");
  // Only a running export may be settled, and only once: the job's end and a later read can both try.
  const settleStmt = db.prepare<[ExportState, string, string]>("UPDATE exports SET state = ?, finished_at = ? WHERE id = ? AND state = 'running'");
  const outputsStmt = db.prepare<[string], OutputRow>('SELECT * FROM export_outputs WHERE export_id = ? ORDER BY position');
  const insertOutputStmt = db.prepare<OutputRow>(
    `INSERT INTO export_outputs (export_id, position, path, kind, size, sha256, source_sha256, details_json)
     VALUES (@export_id, @position, @path, @kind, @size, @sha256, @source_sha256, @details_json)`,
  );
  const dropOutputsStmt = db.prepare<[string]>('DELETE FROM export_outputs WHERE export_id = ?');

  function outputs(exportId: string): ExportOutput[] {
    return outputsStmt.all(exportId).map((row) => {
      const details = JSON.parse(row.details_json) as OutputDetails;
      return { ...details, kind: row.kind, path: row.path, size: row.size, sha256: row.sha256, sourceSha256: row.source_sha256 };
    });
  }

  return {
    insert: (row: ExportRow) => insertStmt.run(row),
    get: (exportId: string): ExportRow | undefined => getStmt.get(exportId),
    byCase: (caseId: string): ExportRow[] => byCaseStmt.all(caseId),
    running: (): ExportRow[] => runningStmt.all(),
    /** True when this call moved the export out of 'running'. */
    settle: (options: { exportId: string; state: ExportState; finishedAt: string }): boolean =>
      settleStmt.run(options.state, options.finishedAt, options.exportId).changes === 1,
    outputs,
    saveOutputs(options: { exportId: string; outputs: readonly ExportOutput[] }): void {
      dropOutputsStmt.run(options.exportId);
      options.outputs.forEach((output, position) => {
        const { path, kind, size, sha256, sourceSha256, ...details } = output;
        insertOutputStmt.run({ export_id: options.exportId, position, path, kind, size, sha256, source_sha256: sourceSha256, details_json: JSON.stringify(details) });
      });
    },
    dropOutputs: (exportId: string) => dropOutputsStmt.run(exportId),
    toSummary(row: ExportRow): ExportSummary {
      const list = outputs(row.id);
      return {
        id: row.id,
        caseId: row.case_id,
        jobId: row.job_id,
        state: row.state,
        options: exportOptionsSchema.parse(JSON.parse(row.options_json)),
        createdAt: row.created_at,
        finishedAt: row.finished_at,
        outputs: list,
        totalBytes: list.reduce((sum, output) => sum + output.size, 0),
      };
    },
  };
}

export type ExportStore = ReturnType<typeof createExportStore>;
