import type { CliCommand } from './command';
import { demoNvrCommand } from './demo-nvr-command';
import { doctorCommand } from './doctor-command';
import { scanCommand } from './scan-command';

/** Every CLI command, in the order `--help` lists them. */
export const CLI_COMMANDS: readonly CliCommand[] = [doctorCommand, scanCommand, demoNvrCommand];
