import type { Locator, Page } from '@playwright/test';

/** The Einstellungen screen (German labels: the tests run with locale de-DE). */
export class SettingsPage {
  constructor(readonly page: Page) {}

  get dataCard(): Locator {
    return this.page.getByRole('region', { name: 'Daten', exact: true });
  }

  get clearButton(): Locator {
    return this.dataCard.getByRole('button', { name: 'Alle Daten löschen', exact: true });
  }

  get loadDemoButton(): Locator {
    return this.dataCard.getByRole('button', { name: 'Demo-Cluster laden', exact: true });
  }

  get confirmDialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Wirklich alle Daten löschen?' });
  }

  /** The success message after an action (role=status). */
  get status(): Locator {
    return this.dataCard.getByRole('status');
  }

  async clearData(): Promise<void> {
    await this.clearButton.click();
  }

  async confirmClear(): Promise<void> {
    await this.confirmDialog.getByRole('button', { name: 'Ja, alles löschen', exact: true }).click();
  }

  async cancelClear(): Promise<void> {
    await this.confirmDialog.getByRole('button', { name: 'Abbrechen', exact: true }).click();
  }

  async loadDemo(): Promise<void> {
    await this.loadDemoButton.click();
  }
}
