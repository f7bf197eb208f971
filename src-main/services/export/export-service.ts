import type { ExportEstimate, ExportOptions, ExportSummary } from '../../../src-shared/domain/export';
import { AppError } from '../errors';

const notYet = () => new AppError('internal', 'Not built yet.');

/** Step 2: masters, working copies and stills into an export folder, as one job. STUB (issue 5). */
export function createExportService(_options: object) {
  return {
    estimate: (_input: { caseId: string; options: ExportOptions }): Promise<ExportEstimate> => Promise.reject(notYet()),
    start: (_input: { caseId: string; options: ExportOptions; actor: string }): { exportId: string; jobId: string } => {
      throw notYet();
    },
    restart: (_input: { exportId: string; actor: string }): { exportId: string; jobId: string } => {
      throw notYet();
    },
    list: (_input: { caseId: string }): ExportSummary[] => {
      throw notYet();
    },
    get: (_input: { exportId: string }): ExportSummary => {
      throw notYet();
    },
  };
}

export type ExportService = ReturnType<typeof createExportService>;
