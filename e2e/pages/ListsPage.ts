import type { Locator, Page } from '@playwright/test';

/** The two managed lists on Kontakte › "Themen & Schlagwörter" (German labels). */
export type ListTitle = 'Themen' | 'Schlagwörter (Tags)';

export class ListsPage {
  constructor(readonly page: Page) {}

  /** One list's card, by its heading. */
  section(title: ListTitle): Locator {
    return this.page.getByRole('main').getByRole('region', { name: title, exact: true });
  }

  table(title: ListTitle): Locator {
    return this.section(title).getByRole('table', { name: title });
  }

  /** An entry's row, by its exact name. */
  row(title: ListTitle, name: string): Locator {
    return this.table(title)
      .getByRole('row')
      .filter({ has: this.page.getByText(name, { exact: true }) });
  }

  /** The rows below the header. */
  rows(title: ListTitle): Locator {
    return this.table(title).getByRole('row').filter({ has: this.page.getByRole('cell') });
  }

  /** The "new topic" / "new tag" field at the top of a list. */
  addInput(title: ListTitle): Locator {
    return this.section(title).getByRole('textbox', { name: title === 'Themen' ? 'Neues Thema' : 'Neues Schlagwort', exact: true });
  }

  async add(title: ListTitle, name: string): Promise<void> {
    await this.addInput(title).fill(name);
    await this.section(title).getByRole('button', { name: 'Hinzufügen' }).click();
  }

  renameButton(title: ListTitle, name: string): Locator {
    return this.section(title).getByRole('button', { name: `„${name}“ umbenennen`, exact: true });
  }

  /** The inline field that replaces the name while renaming. */
  renameInput(title: ListTitle, name: string): Locator {
    return this.section(title).getByRole('textbox', { name: `Neuer Name für „${name}“`, exact: true });
  }

  mergeButton(title: ListTitle, name: string): Locator {
    return this.section(title).getByRole('button', { name: `„${name}“ zusammenführen in …`, exact: true });
  }

  deleteButton(title: ListTitle, name: string): Locator {
    return this.section(title).getByRole('button', { name: `„${name}“ löschen`, exact: true });
  }

  mergeDialog(name: string): Locator {
    return this.page.getByRole('dialog', { name: `„${name}“ zusammenführen` });
  }

  deleteDialog(name: string): Locator {
    return this.page.getByRole('dialog', { name: `„${name}“ löschen?` });
  }

  /** Picks the target in the merge dialog's searchable select and confirms. */
  async mergeInto(from: string, into: string): Promise<void> {
    const dialog = this.mergeDialog(from);
    await dialog.getByRole('combobox', { name: 'Zusammenführen in' }).fill(into);
    await this.page.getByRole('option', { name: into, exact: true }).click();
    await dialog.getByRole('button', { name: 'Zusammenführen', exact: true }).click();
  }

  /** The green message in a list after a change ("„X“ wurde gelöscht."). */
  notice(title: ListTitle): Locator {
    return this.section(title).getByRole('status');
  }
}
