import type { Locator, Page } from '@playwright/test';

/** The Kontakte screen (German labels: the tests run with locale de-DE). */
export class ContactsPage {
  constructor(readonly page: Page) {}

  private get main(): Locator {
    return this.page.getByRole('main');
  }

  /** The search box; it holds the whole query, free words and filters such as kind:startup. */
  get search(): Locator {
    return this.main.getByRole('textbox', { name: 'Suche', exact: true });
  }

  /** "150 Personen" / "1 Person" next to the search box. */
  get count(): Locator {
    return this.main.getByText(/^\d[\d.]* Person(en)?$/);
  }

  /** The button that opens the filter panel; its name carries the number of active filters ("Filter 1"). */
  get filterToggle(): Locator {
    return this.main.getByRole('button', { name: /^Filter( \d+)?$/ });
  }

  get filterPanel(): Locator {
    return this.main.getByRole('region', { name: 'Filter für die Personensuche' });
  }

  /** A select in the filter panel, by its label ("Art der Organisation", "Land" …). */
  filterSelect(label: string): Locator {
    return this.filterPanel.getByRole('combobox', { name: label, exact: true });
  }

  async chooseFilter(label: string, option: string): Promise<void> {
    await this.filterSelect(label).click();
    await this.page.getByRole('option', { name: option, exact: true }).click();
  }

  /** The virtualised person table (role=grid); only rows near the viewport exist. */
  get grid(): Locator {
    return this.main.getByRole('grid', { name: 'Personen' });
  }

  /** A person's row, by (part of) the name shown in it. */
  row(name: string | RegExp): Locator {
    return this.grid.getByRole('row', { name: typeof name === 'string' ? new RegExp(escape(name)) : name });
  }

  /** The rendered rows below the header; skeleton rows of pages not loaded yet count as well. */
  get bodyRows(): Locator {
    return this.grid.getByRole('row').filter({ has: this.page.getByRole('gridcell') });
  }

  /** The name cell of a row: the grid's keyboard focus sits there (one tab stop, arrows move it). */
  nameCell(row: Locator): Locator {
    return row.getByRole('gridcell').first();
  }

  columnHeader(name: string): Locator {
    return this.grid.getByRole('columnheader', { name, exact: true });
  }

  /** The selection checkbox in a row; its name is "<person> auswählen". */
  selectBox(row: Locator): Locator {
    return row.getByRole('checkbox', { name: /auswählen$/ });
  }

  get bulkBar(): Locator {
    return this.main.getByRole('group', { name: 'Aktionen für die Auswahl' });
  }

  async bulk(action: string): Promise<void> {
    await this.bulkBar.getByRole('button', { name: action, exact: true }).click();
  }

  /** The confirmation dialog of a bulk action, titled like the action. */
  bulkDialog(action: string): Locator {
    return this.page.getByRole('dialog', { name: action });
  }

  /** The drawer with one person; its name is the person's name with salutation. */
  drawer(name: string | RegExp = /./): Locator {
    return this.page.getByRole('dialog', { name: typeof name === 'string' ? new RegExp(escape(name)) : name });
  }

  /** A titled section inside the drawer ("Einwilligungen", "Änderungsprotokoll" …). */
  drawerSection(drawer: Locator, title: string): Locator {
    return drawer.getByRole('region', { name: title, exact: true });
  }

  get unsavedDialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Änderungen verwerfen?' });
  }

  /** A tab at the top of Kontakte: "Alle Kontakte", "Import", "Kontaktpflege", "Dubletten". */
  tab(name: string): Locator {
    return this.main.getByRole('tab', { name, exact: true });
  }

  /** "Exportieren", or "3 ausgewählte exportieren" while persons are selected. */
  get exportButton(): Locator {
    return this.main.getByRole('button', { name: /exportieren$/i });
  }

  /** Opens the export menu and picks a format by its label; the caller waits for the download. */
  async exportAs(format: string): Promise<void> {
    await this.exportButton.click();
    await this.page.getByRole('menuitem', { name: format, exact: true }).click();
  }

  /** The green message above the table after an action ("3 geändert", "… wurde gelöscht."). */
  get notice(): Locator {
    return this.main.getByRole('status').filter({ has: this.page.getByRole('button', { name: 'Schließen' }) });
  }

  get eraseDialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Person endgültig löschen?' });
  }

  // --- a new person ---

  get newPersonButton(): Locator {
    return this.main.getByRole('button', { name: 'Neue Person', exact: true });
  }

  /** The dialog with the form for a new person. */
  get newPersonDialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Neue Person' });
  }

  /** A field of the new-person form, by its label ("E-Mail", "Quelle" …). */
  newPersonField(label: string): Locator {
    return this.newPersonDialog.getByRole('textbox', { name: label, exact: true });
  }

  /** "Eingaben verwerfen?": asked when a form with entries is closed without saving. */
  get discardDialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Eingaben verwerfen?' });
  }

  // --- consent by hand, in the drawer ---

  consentForm(drawer: Locator): Locator {
    return drawer.getByRole('form', { name: 'Einwilligung oder Widerruf erfassen' });
  }

  /** The question before a withdrawal is stored. */
  get withdrawDialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Einwilligung widerrufen?' });
  }
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
