import type { Locator, Page } from '@playwright/test';

/** A number as the dashboard prints it (grouping separators of any locale allowed). */
const NUMBER = /^\d[\d.,\u00a0\u202f\s]*$/;

/** The Übersicht/Overview screen. */
export class DashboardPage {
  constructor(readonly page: Page) {}

  /** One stat card (a labelled <section>), e.g. stat('Organisationen'). */
  stat(name: string): Locator {
    return this.page.getByRole('region', { name, exact: true });
  }

  /** The big number inside a stat card. */
  statValue(name: string): Locator {
    return this.stat(name).getByText(NUMBER);
  }

  /** The number shown in a stat card, once it is visible. */
  async count(name: string): Promise<number> {
    const text = await this.statValue(name).innerText();
    return Number(text.replace(/\D/g, ''));
  }

  /** The card listing the R&D projects. */
  projects(name = 'F&E-Projekte'): Locator {
    return this.page.getByRole('region', { name, exact: true });
  }

  /** The button offered on an empty database. */
  loadDemoButton(name = 'Demo-Cluster laden'): Locator {
    return this.page.getByRole('main').getByRole('button', { name, exact: true });
  }
}
