import type { Migration } from '../migration';
import { migration0001 } from './0001-cases-jobs-custody';
import { migration0002 } from './0002-footage-catalogue';
import { migration0003 } from './0003-review';
import { migration0004 } from './0004-exports';
import { migration0005 } from './0005-bundles';
import { migration0006 } from './0006-drives-receipts-papers';

/** Every schema version, oldest first. Add a new file per version; never edit one that has shipped. */
export const MIGRATIONS: readonly Migration[] = [migration0001, migration0002, migration0003, migration0004, migration0005, migration0006];
