import type { Drive } from '../../src-shared/domain/drives';
import { formatSize } from '../services/bundle/destination/space';
import { CLI_SENDER } from './cli-context';
import { printJson, type CliCommand } from './command';

/** One line per drive: where it is, what it is, and whether Handover would write to it (and if not, why). */
export function formatDriveList(drives: readonly Drive[]): string {
  if (drives.length === 0) return 'No removable drives found. Plug the USB stick in and run this again.\n';
  const lines = drives.map((drive) => {
    const facts = [drive.model, drive.sizeBytes !== null ? formatSize({ bytes: drive.sizeBytes }) : null, drive.filesystem, drive.freeBytes !== null ? `${formatSize({ bytes: drive.freeBytes })} free` : null]
      .filter((fact): fact is string => fact !== null)
      .join(', ');
    const verdict = drive.offered ? 'can be written to' : `not used: ${drive.reason ?? 'Handover will not write to it.'}`;
    return `${drive.displayPath ?? '(not open)'}  ${drive.label ?? ''}${facts ? ` (${facts})` : ''}\n    ${verdict}`;
  });
  return `${lines.join('\n')}\n`;
}

export const drivesCommand: CliCommand = {
  name: 'drives',
  usage: 'drives [--json]',
  summary: 'List the USB sticks and other removable drives, and whether Handover will write to each.',
  options: {},
  needsCore: true,
  async run({ core, io, values }) {
    if (!core) return 1;
    const result = await core.router.handle('drives.list', {}, CLI_SENDER);
    if (!result.ok) {
      io.err(`${result.error.message}\n`);
      return 1;
    }
    const drives = result.value as Drive[];
    if (values.json) printJson(io, drives);
    else io.out(formatDriveList(drives));
    return 0;
  },
};
