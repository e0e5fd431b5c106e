/**
 * Playwright fixtures: `app` starts a private `spillover serve` on a fresh temporary data folder for each
 * test (so the demo cluster is loaded on first start) and removes both afterwards; the page models wrap the
 * screens. Tests import { test, expect } from here instead of from @playwright/test.
 */
import { test as base, expect } from '@playwright/test';
import path from 'node:path';
import { AppShellPage } from './pages/AppShellPage';
import { ContactsPage } from './pages/ContactsPage';
import { DashboardPage } from './pages/DashboardPage';
import { ImportPage } from './pages/ImportPage';
import { ListsPage } from './pages/ListsPage';
import { OrganisationsPage } from './pages/OrganisationsPage';
import { SettingsPage } from './pages/SettingsPage';
import { UpkeepPage } from './pages/UpkeepPage';
import { makeTempDir, removeDir, startServer } from './serve';

export interface App {
  /** The full address with `#token=…`, as `spillover serve` prints it. */
  url: string;
  /** `http://127.0.0.1:<port>/` without the token. */
  baseUrl: string;
  token: string;
  dataDir: string;
}

interface Options {
  /** How long `spillover serve` may take to print its address. */
  serverStartTimeout: number;
}

interface Fixtures {
  app: App;
  shell: AppShellPage;
  dashboard: DashboardPage;
  settings: SettingsPage;
  contacts: ContactsPage;
  organisations: OrganisationsPage;
  importWizard: ImportPage;
  upkeep: UpkeepPage;
  lists: ListsPage;
}

export const test = base.extend<Fixtures & Options>({
  serverStartTimeout: [20_000, { option: true }],
  app: async ({ serverStartTimeout }, use, testInfo) => {
    const tmp = makeTempDir('spillover-e2e-');
    // A folder that does not exist yet: exactly what a first start looks like.
    const dataDir = path.join(tmp, 'data');
    try {
      const server = await startServer({ dataDir, timeoutMs: serverStartTimeout });
      try {
        await use({ url: server.url, baseUrl: server.baseUrl, token: server.token, dataDir });
      } finally {
        await server.stop();
        if (testInfo.status !== testInfo.expectedStatus) {
          await testInfo.attach('spillover-serve-stderr', { body: server.stderr(), contentType: 'text/plain' });
        }
      }
    } finally {
      removeDir(tmp);
    }
  },
  shell: async ({ page }, use) => use(new AppShellPage(page)),
  dashboard: async ({ page }, use) => use(new DashboardPage(page)),
  settings: async ({ page }, use) => use(new SettingsPage(page)),
  contacts: async ({ page }, use) => use(new ContactsPage(page)),
  organisations: async ({ page }, use) => use(new OrganisationsPage(page)),
  importWizard: async ({ page }, use) => use(new ImportPage(page)),
  upkeep: async ({ page }, use) => use(new UpkeepPage(page)),
  lists: async ({ page }, use) => use(new ListsPage(page)),
});

export { expect };
