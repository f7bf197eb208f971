/**
 * Who produces the evidence, and their signing key. One profile and one key per installation: the key signs every
 * bundle's manifest, so police can tell later bundles from the same shop apart from anyone else's.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { producerProfileSchema, type ProducerProfile } from '../../../src-shared/domain/bundle';
import type { CustodyLog } from '../custody/custody-log';
import { AppError } from '../errors';
import { createPassphraseProtector, loadOrCreateProducerKey, type KeyProtector, type ProducerKey } from './signing/producer-key';

interface ProfileRow {
  organisation: string;
  person: string;
  contact: string;
  initials: string;
  updated_at: string;
}

export const PASSPHRASE_ENV = 'HANDOVER_KEY_PASSPHRASE';

/**
 * Outside Electron (the CLI and the test bridge) there is no OS keychain. The key is then protected by a passphrase:
 * HANDOVER_KEY_PASSPHRASE when set, else a random one kept beside it readable only by this user. The latter guards
 * against a copied key file, not against someone who can read this user's files; the desktop app uses safeStorage.
 */
export function defaultKeyProtector(options: { keysDir: string; env: NodeJS.ProcessEnv }): KeyProtector {
  const fromEnv = options.env[PASSPHRASE_ENV];
  if (fromEnv !== undefined && fromEnv !== '') return createPassphraseProtector({ passphrase: fromEnv });
  const file = path.join(options.keysDir, 'key-passphrase');
  fs.mkdirSync(options.keysDir, { recursive: true, mode: 0o700 });
  if (!fs.existsSync(file)) {
    const temporary = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, crypto.randomBytes(32).toString('base64url'), { mode: 0o600, flag: 'wx' });
    fs.renameSync(temporary, file);
  }
  return createPassphraseProtector({ passphrase: fs.readFileSync(file, 'utf8').trim() });
}

export interface ProducerStore {
  /** Null until the person has said who they are. */
  profile(): ProducerProfile | null;
  setProfile(options: { profile: ProducerProfile; actor: string }): ProducerProfile;
  /** The profile, or a plain error saying it must be filled in first. */
  requireProfile(): ProducerProfile;
  /** Created on first use; a new certificate when the shop's name changed. */
  key(): ProducerKey;
}

export function createProducerStore(options: { db: Database.Database; custody: CustodyLog; keysDir: string; protector: () => KeyProtector; now?: () => Date }): ProducerStore {
  const { db, custody } = options;
  const now = options.now ?? (() => new Date());
  const getStmt = db.prepare<[], ProfileRow>('SELECT organisation, person, contact, initials, updated_at FROM producer_profile WHERE id = 1');
  const upsertStmt = db.prepare(
    `INSERT INTO producer_profile (id, organisation, person, contact, initials, updated_at) VALUES (1, @organisation, @person, @contact, @initials, @updated_at)
     ON CONFLICT(id) DO UPDATE SET organisation = excluded.organisation, person = excluded.person, contact = excluded.contact,
       initials = excluded.initials, updated_at = excluded.updated_at`,
  );
  let cachedKey: ProducerKey | null = null;

  function profile(): ProducerProfile | null {
    const row = getStmt.get();
    return row ? { organisation: row.organisation, person: row.person, contact: row.contact, initials: row.initials } : null;
  }

  function requireProfile(): ProducerProfile {
    const current = profile();
    if (!current) throw new AppError('invalid_input', 'Please fill in who is handing over the footage (your shop, your name and a contact) first.');
    return current;
  }

  return {
    profile,
    requireProfile,
    setProfile({ profile: input, actor }) {
      const parsed = producerProfileSchema.parse(input);
      db.transaction(() => {
        upsertStmt.run({ ...parsed, updated_at: now().toISOString() });
        custody.append({ caseId: null, actor, action: 'producer.updated', details: { ...parsed } });
      }).immediate();
      cachedKey = null;
      return parsed;
    },
    key() {
      const current = requireProfile();
      const identity = { organisation: current.organisation, person: current.person, contact: current.contact };
      if (cachedKey && cachedKey.subject.includes(current.organisation)) return cachedKey;
      cachedKey = loadOrCreateProducerKey({ dir: options.keysDir, identity, protector: options.protector(), now });
      return cachedKey;
    },
  };
}
