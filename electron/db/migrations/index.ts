import { sql as members } from './001-members';
import { sql as communication } from './002-communication';
import { sql as contacts } from './003-contacts';
import { sql as segments } from './004-segments';
import { sql as content } from './005-content';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Numbered, append-only: never edit a released migration, add the next one. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'members', sql: members },
  { version: 2, name: 'communication', sql: communication },
  { version: 3, name: 'contacts', sql: contacts },
  { version: 4, name: 'segments', sql: segments },
  { version: 5, name: 'content', sql: content },
];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
