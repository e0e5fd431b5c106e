/** Builds the complete handler table; both transports and the CLI call through this. */
import { schemaVersion } from '../db/database';
import { registerImports } from '../imports/service';
import { registerContactFiles } from './contact-files';
import { registerContent } from './content';
import { registerContacts } from './contacts';
import { registerDashboard } from './dashboard';
import { registerDemo } from './demo';
import { registerLists } from './lists';
import { HandlerTable, type ServiceContext } from './registry';
import { registerNewsletters } from './newsletters';
import { registerOrganisations } from './organisations';
import { registerSegments } from './segments';
import { registerSettings } from './settings';
import { registerTemplates } from './templates';

export function createHandlerTable(ctx: ServiceContext): HandlerTable {
  const table = new HandlerTable(ctx);
  table.register('app/info', (_input, c) => ({
    version: c.version,
    shell: c.shell,
    dataDir: c.dataDir,
    databaseFile: c.databaseFile,
    schemaVersion: schemaVersion(c.db),
  }));
  registerDashboard(table);
  registerSettings(table);
  registerDemo(table);
  registerContacts(table);
  registerOrganisations(table);
  registerLists(table);
  registerContactFiles(table);
  registerImports(table);
  registerSegments(table);
  registerNewsletters(table);
  registerContent(table);
  registerTemplates(table);
  return table.assertComplete();
}

export type { ServiceContext } from './registry';
export { HandlerTable } from './registry';
