/**
 * Shared by the signing tests. RSA-3072 key generation takes seconds on a slow machine, so each test file makes its
 * producer once and every test gets a fresh copy of the stored files in its own folder.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../errors';
import { createPassphraseProtector, loadOrCreateProducerKey, type KeyProtector, type ProducerIdentity, type ProducerKey } from './producer-key';

export const IDENTITY: ProducerIdentity = { organisation: 'Corner Shop Ltd', person: 'Sam Patel', contact: 'sam@cornershop.example' };
export const PASSPHRASE = 'plain tiger orbit lantern';
/** The real time (to the second), because openssl checks certificate dates against the real clock. */
export const NOW = new Date(Math.floor(Date.now() / 1000) * 1000);

export function passphraseProtector(): KeyProtector {
  return createPassphraseProtector({ passphrase: PASSPHRASE });
}

export interface StoredProducer {
  key: ProducerKey;
  /** Every file the producer's folder held, by name. */
  files: Record<string, Buffer>;
}

export function createStoredProducer(options: { dir: string; identity?: ProducerIdentity }): StoredProducer {
  const key = loadOrCreateProducerKey({ dir: options.dir, identity: options.identity ?? IDENTITY, protector: passphraseProtector(), now: () => NOW });
  const files = Object.fromEntries(fs.readdirSync(options.dir).map((name) => [name, fs.readFileSync(path.join(options.dir, name))]));
  return { key, files };
}

export function restoreProducer(options: { producer: StoredProducer; dir: string }): string {
  for (const [name, data] of Object.entries(options.producer.files)) fs.writeFileSync(path.join(options.dir, name), data);
  return options.dir;
}

export interface OpensslRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function openssl(options: { args: string[]; cwd?: string }): OpensslRun {
  const run = spawnSync('openssl', options.args, { cwd: options.cwd, encoding: 'utf8' });
  if (run.error) throw run.error;
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** The AppError a call throws; any other error, or none, fails the test. */
export function appErrorOf(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}
