import type { Locator, Page } from '@playwright/test';

/** A number as the UI prints it (grouping separators of any locale allowed). */
const NUMBER = /^\d[\d.,\u00a0\u202f\s]*$/;

/** Kontakte › Kontaktpflege and Kontakte › Dubletten (German labels). */
export class UpkeepPage {
  constructor(readonly page: Page) {}

  private get main(): Locator {
    return this.page.getByRole('main');
  }

  /** One upkeep card ("Unzustellbar (bounced)" …), a labelled section. */
  card(title: string): Locator {
    return this.main.getByRole('region', { name: title, exact: true });
  }

  /** The count shown in a card. */
  count(title: string): Locator {
    return this.card(title).getByText(NUMBER);
  }

  /** The card's link to the contact list with its search. */
  openList(title: string): Locator {
    return this.card(title).getByRole('link', { name: `${title}: Liste öffnen`, exact: true });
  }

  get organisationsWithoutKeyContact(): Locator {
    return this.main.getByRole('region', { name: 'Mitgliedsorganisationen ohne Ansprechperson' });
  }

  // --- Dubletten ---

  /** A duplicate group: a section named after its persons ("Mögliche Dublette: Sven Adler / Sven Adler"). */
  duplicateGroup(names: string | RegExp): Locator {
    return this.main.getByRole('region', { name: typeof names === 'string' ? `Mögliche Dublette: ${names}` : names });
  }

  get mergeDialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Personen zusammenführen' });
  }

  get noDuplicates(): Locator {
    return this.main.getByText('Keine Dubletten gefunden', { exact: true });
  }

  get status(): Locator {
    return this.main.getByRole('status');
  }
}
