import type { Locator, Page } from '@playwright/test';

type Membership = 'Alle' | 'Mitglieder' | 'Partner im Ausland' | 'Extern';

/** The Organisationen screen: the list and one organisation's page (German labels). */
export class OrganisationsPage {
  constructor(readonly page: Page) {}

  private get main(): Locator {
    return this.page.getByRole('main');
  }

  get search(): Locator {
    return this.main.getByRole('textbox', { name: 'Suche', exact: true });
  }

  /** "nur Mitglieder ohne Ansprechperson" */
  get withoutKeyContact(): Locator {
    return this.main.getByRole('switch', { name: 'nur Mitglieder ohne Ansprechperson' });
  }

  private get memberships(): Locator {
    return this.main.getByRole('radiogroup', { name: 'Mitgliedschaft' });
  }

  membership(name: Membership): Locator {
    return this.memberships.getByRole('radio', { name, exact: true });
  }

  async chooseMembership(name: Membership): Promise<void> {
    // The radio input itself is visually hidden; like a user, click its visible label.
    await this.memberships.getByText(name, { exact: true }).click();
  }

  /** "40 Organisationen" / "1 Organisation" */
  get count(): Locator {
    return this.main.getByText(/^\d[\d.]* Organisation(en)?$/);
  }

  get table(): Locator {
    return this.main.getByRole('table', { name: 'Organisationen' });
  }

  /** The rows of the list below its header. */
  get rows(): Locator {
    return this.table.getByRole('row').filter({ has: this.page.getByRole('cell') });
  }

  /** The link that opens an organisation, by its exact name. */
  link(name: string): Locator {
    return this.table.getByRole('link', { name, exact: true });
  }

  // --- one organisation ---

  /** The orange warning on a member organisation without a key contact. */
  get noKeyContactWarning(): Locator {
    return this.main.getByRole('alert').filter({ hasText: 'Keine Ansprechperson' });
  }

  get people(): Locator {
    return this.main.getByRole('table', { name: 'Personen' });
  }

  /** A person in the organisation's people table, by the button with their name. */
  person(name: string): Locator {
    return this.people.getByRole('button', { name, exact: true });
  }

  get backLink(): Locator {
    return this.main.getByRole('link', { name: 'Alle Organisationen' });
  }

  get website(): Locator {
    return this.main.getByRole('region', { name: 'Angaben' }).getByRole('link');
  }

  /** The facts table on an organisation's page ("Art", "Beschäftigte", "Anschrift" …). */
  fact(label: string): Locator {
    return this.main.getByRole('region', { name: 'Angaben' }).getByRole('row', { name: new RegExp(`^${label}`) }).getByRole('cell');
  }

  get historyList(): Locator {
    return this.main.getByRole('list', { name: 'Änderungsprotokoll' });
  }

  // --- the organisation form ---

  get newButton(): Locator {
    return this.main.getByRole('button', { name: 'Neue Organisation', exact: true });
  }

  get editButton(): Locator {
    return this.main.getByRole('button', { name: 'Bearbeiten', exact: true });
  }

  /** The dialog with the form: "Neue Organisation" or "Organisation bearbeiten". */
  formDialog(title: 'Neue Organisation' | 'Organisation bearbeiten'): Locator {
    return this.page.getByRole('dialog', { name: title });
  }

  /** A text field of the form by its label ("Name", "Website", "Beschäftigte" …). */
  field(dialog: Locator, label: string): Locator {
    return dialog.getByRole('textbox', { name: label, exact: true });
  }

  /** Picks an option of a select in the form ("Art", "Mitgliedschaft", "Land"); searchable ones are typed into. */
  async choose(dialog: Locator, label: string, option: string, type?: string): Promise<void> {
    const box = dialog.getByRole('combobox', { name: label, exact: true });
    if (type !== undefined) await box.fill(type);
    else await box.click();
    await this.page.getByRole('option', { name: option, exact: true }).click();
  }

  /** The green message on the page after saving. */
  get notice(): Locator {
    return this.main.getByRole('status').filter({ hasText: /./ });
  }
}
