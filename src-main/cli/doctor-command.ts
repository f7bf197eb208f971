import type { DoctorReport, ToolStatus } from '../../src-shared/domain/system';
import { CLI_SENDER } from './cli-context';
import { printJson, type CliCommand } from './command';

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
export const doctorCommand: CliCommand = {
  name: 'doctor',
  usage: 'doctor [--json]',
  summary: 'Check that ffmpeg, ffprobe and the case database work here.',
  options: {},
  needsCore: true,
  async run({ core, io, values }) {
    if (!core) return 1;
    const result = await core.router.handle('system.doctor', {}, CLI_SENDER);
    if (!result.ok) {
      io.err(`${result.error.message}\n`);
      return 1;
    }
    const report = result.value as DoctorReport;
    if (values.json) printJson(io, report);
    else io.out(formatDoctorReport(report));
    return report.ok ? 0 : 1;
  },
};
