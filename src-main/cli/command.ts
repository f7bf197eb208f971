import type { ParseArgsConfig } from 'node:util';
import type { AppCore } from '../app-core';
import type { CliIo } from './cli-context';

export type CliOptionValues = Record<string, string | boolean | string[] | undefined>;

/** One `handover <name>` command. Options are parsed strictly by node:util parseArgs, so typos are refused. */
export interface CliCommand {
  name: string;
  /** Usage line(s) without the leading "npm run handover --". */
  usage: string;
  summary: string;
  options: NonNullable<ParseArgsConfig['options']>;
  /** Whether the command needs the case database; `demo-nvr`, for one, does not. */
  needsCore: boolean;
  run(options: { positionals: string[]; values: CliOptionValues; io: CliIo; env: NodeJS.ProcessEnv; core: AppCore | null }): Promise<number>;
}

/** Prints a value as the command's `--json` output: one JSON document on stdout and nothing else. */
export function printJson(io: CliIo, value: unknown): void {
  io.out(`${JSON.stringify(value, null, 2)}\n`);
}
