import type { Locator, Page } from '@playwright/test';

/** The Segmente / Zielgruppen screens: the list of saved segments and one segment's editor (German labels). */
export class SegmentsPage {
  constructor(readonly page: Page) {}

  get main(): Locator {
    return this.page.getByRole('main');
  }

  // --- the list ---

  get newSegment(): Locator {
    return this.main.getByRole('link', { name: 'Neue Zielgruppe' });
  }

  get table(): Locator {
    return this.main.getByRole('table', { name: 'Gespeicherte Zielgruppen' });
  }

  /** A segment's row in the list, by its exact name. */
  row(name: string): Locator {
    return this.table.getByRole('row').filter({ has: this.page.getByRole('link', { name, exact: true }) });
  }

  /** The link that opens a segment, by its exact name. */
  link(name: string): Locator {
    return this.table.getByRole('link', { name, exact: true });
  }

  deleteButton(name: string): Locator {
    return this.table.getByRole('button', { name: `${name} löschen`, exact: true });
  }

  get deleteDialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Zielgruppe löschen?' });
  }

  // --- the editor ---

  get backLink(): Locator {
    return this.main.getByRole('link', { name: 'Alle Zielgruppen' });
  }

  get name(): Locator {
    return this.main.getByRole('textbox', { name: 'Name' });
  }

  get description(): Locator {
    return this.main.getByRole('textbox', { name: 'Beschreibung' });
  }

  get save(): Locator {
    return this.main.getByRole('button', { name: 'Speichern', exact: true });
  }

  get savedNote(): Locator {
    return this.main.getByRole('status').filter({ hasText: 'Gespeichert.' });
  }

  get unsavedBadge(): Locator {
    return this.main.getByText('Nicht gespeichert', { exact: true });
  }

  get purpose(): Locator {
    return this.main.getByRole('radiogroup', { name: 'Zweck' });
  }

  async choosePurpose(label: 'Newsletter' | 'Personalisiertes Mailing'): Promise<void> {
    // The radio input itself is visually hidden; like a user, click its visible label.
    await this.purpose.getByText(label, { exact: true }).click();
  }

  get onePerOrg(): Locator {
    return this.main.getByRole('switch', { name: /Je Organisation eine Person/ });
  }

  get builder(): Locator {
    return this.main.getByRole('group', { name: 'Regel-Baukasten' });
  }

  /** The AND/OR toggle of the top group, or of nested group "2" etc. */
  groupToggle(group?: string): Locator {
    return this.builder.getByRole('radiogroup', { name: group ? `Gruppe ${group}: passend, wenn` : 'Passend, wenn', exact: true });
  }

  async setGroup(kind: 'alle Bedingungen' | 'mindestens eine', group?: string): Promise<void> {
    await this.groupToggle(group).getByText(kind, { exact: true }).click();
  }

  /** The "Bedingung hinzufügen" button of the top group (nested groups have their own, named after the group). */
  get addCondition(): Locator {
    return this.builder.getByRole('button', { name: 'Bedingung hinzufügen', exact: true });
  }

  get addGroup(): Locator {
    return this.builder.getByRole('button', { name: 'Gruppe hinzufügen', exact: true });
  }

  /** One condition row, by its number ("1", "2.1" …). */
  condition(row: string): Locator {
    return this.builder.getByRole('group', { name: `Bedingung ${row}`, exact: true });
  }

  field(row: string): Locator {
    return this.builder.getByRole('combobox', { name: `Bedingung ${row}: Feld`, exact: true });
  }

  /** The value control of a row, named after the row and its field ("Bedingung 1: Mitglied"). */
  value(row: string, fieldLabel: string): Locator {
    // Selects are comboboxes, free text and dates are textboxes; a row has one or the other.
    const name = `Bedingung ${row}: ${fieldLabel}`;
    return this.builder.getByRole('combobox', { name, exact: true }).or(this.builder.getByRole('textbox', { name, exact: true }));
  }

  notToggle(row: string): Locator {
    return this.builder.getByRole('button', { name: `Bedingung ${row}: nicht`, exact: true });
  }

  async choose(select: Locator, option: string): Promise<void> {
    await select.click();
    await this.page.getByRole('option', { name: option, exact: true }).click();
  }

  /** Sets a row's field and (for selects) its value: `setCondition('1', 'Mitglied', 'Ja')`. */
  async setCondition(row: string, fieldLabel: string, option: string): Promise<void> {
    await this.choose(this.field(row), fieldLabel);
    await this.choose(this.value(row, fieldLabel), option);
  }

  get ruleText(): Locator {
    return this.main.getByRole('textbox', { name: 'Regel als Suchtext' });
  }

  // --- the count ---

  get countPanel(): Locator {
    return this.main.getByRole('region', { name: 'Live-Zählung' });
  }

  /** "Empfänger: 28" */
  get audience(): Locator {
    return this.countPanel.getByText(/^Empfänger: [\d.]+$/);
  }

  /** "passend: 150" */
  get matched(): Locator {
    return this.countPanel.getByText(/^passend: [\d.]+$/);
  }

  /** "ausgeschlossen: 22" */
  get excluded(): Locator {
    return this.countPanel.getByText(/^ausgeschlossen: [\d.]+$/);
  }

  get exclusionReasons(): Locator {
    return this.countPanel.getByRole('list', { name: 'Gründe für den Ausschluss' });
  }

  // --- reach ---

  get reach(): Locator {
    return this.main.getByRole('region', { name: 'Reichweite bei den Mitgliedern' });
  }

  get checkReach(): Locator {
    return this.reach.getByRole('button', { name: 'Reichweite prüfen' });
  }

  get missingTable(): Locator {
    return this.reach.getByRole('table', { name: 'Nicht erreichte Mitgliedsorganisationen' });
  }

  missingRow(name: string): Locator {
    return this.missingTable.getByRole('row').filter({ has: this.page.getByRole('link', { name, exact: true }) });
  }

  // --- hand-picked lists ---

  get members(): Locator {
    return this.main.getByRole('table', { name: 'Mitglieder der Liste' });
  }

  memberRows(): Locator {
    return this.members.getByRole('row').filter({ has: this.page.getByRole('cell') });
  }
}
