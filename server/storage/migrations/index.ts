import type { Migration, MigrationProvider } from 'kysely';
import { initial } from './001-initial.js';

/** Every migration, in order. A new one gets the next number; a released one never changes. */
const MIGRATIONS: Record<string, Migration> = {
  '001-initial': initial,
};

export const migrations: MigrationProvider = { getMigrations: async () => MIGRATIONS };
