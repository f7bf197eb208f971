import type { CliCommand } from './command';
import { demoNvrCommand } from './demo-nvr-command';
import { doctorCommand } from './doctor-command';
import { drivesCommand } from './drives-command';
import { exportCommand } from './export-command';
import { scanCommand } from './scan-command';
import { verifyCommand } from './verify-command';

/** Every CLI command, in the order `--help` lists them. */
export const CLI_COMMANDS: readonly CliCommand[] = [doctorCommand, scanCommand, exportCommand, verifyCommand, drivesCommand, demoNvrCommand];
