/** `handover verify`: checks a bundle folder as the police would, and names every failing file and check. */
import fs from 'node:fs';
import path from 'node:path';
import { verifyBundleFolder } from '../services/bundle/verify-bundle';
import { AppError } from '../services/errors';
import { printJson, type CliCommand } from './command';

const USAGE = 'verify <bundle-dir> [--password-file <f>] [--json]';

export const verifyCommand: CliCommand = {
  name: 'verify',
  usage: USAGE,
  summary: "Check an evidence bundle: without the password, evidence.zip's fingerprint and layout; with it, every file, the signature and the custody log.",
  options: { 'password-file': { type: 'string' } },
  needsCore: false,
  async run({ positionals, values, io }) {
    const dir = positionals[0];
    if (!dir || positionals.length > 1) {
      io.err(`Usage: npm run handover -- ${USAGE}\n`);
      return 2;
    }
    const bundleDir = path.resolve(dir);
    if (!fs.existsSync(bundleDir) || !fs.statSync(bundleDir).isDirectory()) throw new AppError('not_found', `${bundleDir} is not a folder.`);
    const passwordFile = values['password-file'];
    const password = typeof passwordFile === 'string' ? fs.readFileSync(passwordFile, 'utf8').replace(/\r?\n$/, '') : null;
    const result = await verifyBundleFolder({ bundleDir, password });
    if (values.json) printJson(io, result);
    else {
      for (const check of result.checks) io.out(`${check.ok ? 'ok  ' : 'FAIL'}  ${check.message}\n`);
      io.out(result.ok ? `\nThe bundle is valid${result.contentsChecked ? '' : " (without the password only evidence.zip's fingerprint and layout were checked)"}.\n` : `\nThe bundle failed: ${result.failing.join(', ')}\n`);
    }
    return result.ok ? 0 : 1;
  },
};
