import { parseArgs } from 'node:util';
import { isAppError } from '../services/errors';
import { openCliCore, type CliIo } from './cli-context';
import { doctorCommand } from './doctor-command';

const USAGE = `Usage: npm run handover -- <command> [options]

Commands:
  doctor            Check that ffmpeg, ffprobe and the case database work here.

Options:
  --data-dir <dir>  Where cases are kept (default: HANDOVER_DATA_DIR, else the app's data folder).
  --json            Print machine-readable JSON.
  --help            Show this help.
`;

/** Parses argv and runs one command; returns the process exit code. Errors are printed in plain words, never as stacks. */
export async function runCli(options: { argv: string[]; env: NodeJS.ProcessEnv; io: CliIo }): Promise<number> {
  const { io } = options;
  let parsed;
  try {
    parsed = parseArgs({
      args: options.argv,
      allowPositionals: true,
      strict: true,
      options: { 'data-dir': { type: 'string' }, json: { type: 'boolean', default: false }, help: { type: 'boolean', default: false } },
    });
  } catch (error) {
    io.err(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  const [command] = parsed.positionals;
  if (parsed.values.help || !command) {
    (command ? io.out : io.err)(USAGE);
    return parsed.values.help ? 0 : 2;
  }
  if (command !== 'doctor') {
    io.err(`Unknown command "${command}".\n\n${USAGE}`);
    return 2;
  }
  let core;
  try {
    core = openCliCore({ dataDirFlag: parsed.values['data-dir'], env: options.env });
  } catch (error) {
    io.err(`Handover could not open its data folder: ${isAppError(error) ? error.message : String(error)}\n`);
    return 1;
  }
  try {
    return await doctorCommand({ core, io, json: parsed.values.json });
  } finally {
    await core.close();
  }
}
