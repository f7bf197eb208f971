import { parseArgs } from 'node:util';
import type { AppCore } from '../app-core';
import { isAppError } from '../services/errors';
import { openCliCore, type CliIo } from './cli-context';
import type { CliCommand } from './command';
import { CLI_COMMANDS } from './commands';

const COMMON_OPTIONS = {
  'data-dir': { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', default: false },
} as const;

function usage(commands: readonly CliCommand[]): string {
  const lines = commands.map((command) => `  ${command.usage}\n      ${command.summary}`);
  return `Usage: npm run handover -- <command> [options]

Commands:
${lines.join('\n')}

Options for every command:
  --data-dir <dir>  Where cases are kept (default: HANDOVER_DATA_DIR, else the app's data folder).
  --json            Print machine-readable JSON.
  --help            Show this help.
`;
}

/**
 * `--clock-offset -192` is natural to type, but parseArgs reads "-192" as an option; join negative numbers onto the
 * string option before them.
 */
export function joinNegativeNumberValues(options: { argv: readonly string[]; stringOptions: ReadonlySet<string> }): string[] {
  const out: string[] = [];
  for (let i = 0; i < options.argv.length; i += 1) {
    const arg = options.argv[i]!;
    const next = options.argv[i + 1];
    if (arg.startsWith('--') && options.stringOptions.has(arg.slice(2)) && next !== undefined && /^-\d/.test(next)) {
      out.push(`${arg}=${next}`);
      i += 1;
    } else {
      out.push(arg);
    }
  }
  return out;
}

/** Parses argv and runs one command; returns the process exit code. Errors are printed in plain words, never as stacks. */
export async function runCli(options: { argv: string[]; env: NodeJS.ProcessEnv; io: CliIo; commands?: readonly CliCommand[] }): Promise<number> {
  const { io, env } = options;
  const commands = options.commands ?? CLI_COMMANDS;
  const name = options.argv.find((arg) => !arg.startsWith('-'));
  const command = commands.find((candidate) => candidate.name === name);
  if (!command) {
    const asksHelp = options.argv.includes('--help') || options.argv.length === 0;
    if (name) io.err(`Unknown command "${name}".\n\n`);
    (asksHelp && !name ? io.out : io.err)(usage(commands));
    return asksHelp && !name ? 0 : 2;
  }
  let parsed;
  try {
    const optionSpec = { ...COMMON_OPTIONS, ...command.options };
    const stringOptions = new Set(Object.entries(optionSpec).filter(([, spec]) => spec.type === 'string').map(([key]) => key));
    const args = joinNegativeNumberValues({ argv: options.argv, stringOptions });
    parsed = parseArgs({ args, allowPositionals: true, strict: true, options: optionSpec });
  } catch (error) {
    io.err(`${error instanceof Error ? error.message : String(error)}\n\nUsage: npm run handover -- ${command.usage}\n`);
    return 2;
  }
  if (parsed.values.help) {
    io.out(`Usage: npm run handover -- ${command.usage}\n${command.summary}\n`);
    return 0;
  }
  const positionals = parsed.positionals.slice(parsed.positionals.indexOf(command.name) + 1);
  let core: AppCore | null = null;
  if (command.needsCore) {
    try {
      core = openCliCore({ dataDirFlag: parsed.values['data-dir'], env });
    } catch (error) {
      io.err(`Handover could not open its data folder: ${isAppError(error) ? error.message : String(error)}\n`);
      return 1;
    }
  }
  try {
    return await command.run({ positionals, values: parsed.values, io, env, core });
  } catch (error) {
    io.err(`${isAppError(error) ? error.message : `Handover stopped unexpectedly: ${error instanceof Error ? error.message : String(error)}`}\n`);
    return 1;
  } finally {
    await core?.close();
  }
}
