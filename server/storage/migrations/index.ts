import type { Migration, MigrationProvider } from 'kysely';
import { initial } from './001-initial.js';
import { sessionPasswordStamp } from './002-session-password-stamp.js';

/** Every migration, in order. A new one gets the next number; a released one never changes. */
const MIGRATIONS: Record<string, Migration> = {
  '001-initial': initial,
  '002-session-password-stamp': sessionPasswordStamp,
};

export const migrations: MigrationProvider = { getMigrations: async () => MIGRATIONS };
