import type { Locator, Page } from '@playwright/test';

/** The Inhalte screen: the Meldungen tab (library and item editor) and the Vorlagen tab (list and MJML editor), German labels. */
export class ContentPage {
  constructor(readonly page: Page) {}

  get main(): Locator {
    return this.page.getByRole('main');
  }

  tab(name: 'Meldungen' | 'Vorlagen' | 'Items' | 'Templates'): Locator {
    return this.main.getByRole('tab', { name, exact: true });
  }

  // --- items ---

  get newItem(): Locator {
    return this.main.getByRole('button', { name: 'Neue Meldung' });
  }

  get search(): Locator {
    return this.main.getByRole('searchbox', { name: 'Suchen' });
  }

  get table(): Locator {
    return this.main.getByRole('table', { name: 'Meldungen' });
  }

  get count(): Locator {
    return this.main.getByTestId('content-count');
  }

  /** A filter select above the table, by its label. */
  filter(label: string): Locator {
    return this.main.getByRole('combobox', { name: label, exact: true });
  }

  async chooseFilter(label: string, option: string): Promise<void> {
    await this.filter(label).click();
    await this.page.getByRole('option', { name: option, exact: true }).click();
  }

  itemLink(title: string): Locator {
    return this.table.getByRole('button', { name: `„${title}“ bearbeiten`, exact: true });
  }

  get editor(): Locator {
    return this.page.getByRole('dialog').filter({ has: this.page.getByRole('tab', { name: 'Deutsch' }) });
  }

  languageTab(name: 'Deutsch' | 'Englisch'): Locator {
    return this.editor.getByRole('tab', { name: new RegExp(`^${name}`) });
  }

  /** The title field of the visible language tab. */
  get titleInput(): Locator {
    return this.editor.getByRole('tabpanel').getByRole('textbox', { name: 'Titel' });
  }

  get bodyInput(): Locator {
    return this.editor.getByRole('tabpanel').getByRole('textbox', { name: 'Text' });
  }

  level(name: 'Öffentlich' | 'Mitglieder' | 'Projektgruppe' | 'Vertraulich'): Locator {
    return this.editor.getByText(name, { exact: true });
  }

  get groupProject(): Locator {
    return this.editor.getByRole('combobox', { name: 'Projektgruppe' });
  }

  get imageInput(): Locator {
    return this.editor.locator('input[type="file"]');
  }

  get uploadError(): Locator {
    return this.editor.getByTestId('upload-error');
  }

  get save(): Locator {
    return this.editor.getByRole('button', { name: 'Speichern', exact: true });
  }

  get close(): Locator {
    return this.editor.getByRole('button', { name: 'Schließen', exact: true }).last();
  }

  // --- templates ---

  get templatesTable(): Locator {
    return this.main.getByRole('table', { name: 'Vorlagen' });
  }

  templateLink(name: string): Locator {
    return this.templatesTable.getByRole('link', { name: `„${name}“ öffnen`, exact: true });
  }

  get importInput(): Locator {
    return this.main.locator('input[type="file"]');
  }

  get code(): Locator {
    return this.main.getByRole('textbox', { name: 'MJML-Code' });
  }

  get problems(): Locator {
    return this.main.getByTestId('template-problems');
  }

  get saveTemplate(): Locator {
    return this.main.getByRole('button', { name: 'Speichern', exact: true });
  }

  get duplicate(): Locator {
    return this.main.getByRole('button', { name: 'Duplizieren', exact: true });
  }

  get templateName(): Locator {
    return this.main.getByRole('textbox', { name: 'Name' });
  }
}
