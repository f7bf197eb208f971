import type { DoctorReport, ToolStatus } from '../../src-shared/domain/system';
import type { AppCore } from '../app-core';
import { CLI_SENDER, type CliIo } from './cli-context';

function describeTool(name: string, status: ToolStatus): string {
  return status.found ? `${name.padEnd(9)} ${status.version}  (${status.path}, from ${status.source})` : `${name.padEnd(9)} MISSING: ${status.message}`;
}

export function formatDoctorReport(report: DoctorReport): string {
  const lines = [
    `Handover  ${report.appVersion}`,
    `Node      ${report.nodeVersion}`,
    `SQLite    ${report.sqliteVersion}`,
    `Data      ${report.dataDir}`,
    describeTool('ffmpeg', report.ffmpeg),
    describeTool('ffprobe', report.ffprobe),
    '',
    report.ok ? 'Everything Handover needs is here.' : `Problems:\n${report.problems.map((p) => `  - ${p}`).join('\n')}`,
  ];
  return `${lines.join('\n')}\n`;
}

/** Exit code 0 when everything is present, 1 otherwise. */
export async function doctorCommand(options: { core: AppCore; io: CliIo; json: boolean }): Promise<number> {
  const result = await options.core.router.handle('system.doctor', {}, CLI_SENDER);
  if (!result.ok) {
    options.io.err(`${result.error.message}\n`);
    return 1;
  }
  const report = result.value as DoctorReport;
  options.io.out(options.json ? `${JSON.stringify(report, null, 2)}\n` : formatDoctorReport(report));
  return report.ok ? 0 : 1;
}
