import { resolveCliDataDir } from '../services/data-dir';
import { startWebApp } from './start-web-app';

/** `npm run dev:web`: the app in any browser, through the loopback bridge. Ctrl+C stops it. */
async function main(): Promise<void> {
  const flagIndex = process.argv.indexOf('--data-dir');
  const dataDir = resolveCliDataDir({ flag: flagIndex > 0 ? process.argv[flagIndex + 1] : undefined, env: process.env });
  const port = process.env.HANDOVER_BRIDGE_PORT ? Number(process.env.HANDOVER_BRIDGE_PORT) : undefined;
  const app = await startWebApp({ dataDir, port });
  process.stdout.write(`Handover is running at:\n  ${app.bridge.openUrl}\nData folder: ${dataDir}\nPress Ctrl+C to stop.\n`);
  const stop = () => {
    void app.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`Handover could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
