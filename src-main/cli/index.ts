import { processIo } from './cli-context';
import { runCli } from './main';

runCli({ argv: process.argv.slice(2), env: process.env, io: processIo }).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`Handover stopped unexpectedly: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
