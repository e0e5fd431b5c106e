import type { FrameLocator, Locator, Page } from '@playwright/test';

/** Newsletter & Mailings: the list, one issue's composer and its preview (German labels). */
export class ComposerPage {
  constructor(readonly page: Page) {}

  get main(): Locator {
    return this.page.getByRole('main');
  }

  // --- the list ---

  get table(): Locator {
    return this.main.getByRole('table', { name: 'Newsletter und Mailings' });
  }

  link(title: string): Locator {
    return this.table.getByRole('link', { name: title, exact: true });
  }

  get newNewsletter(): Locator {
    return this.main.getByRole('button', { name: 'Neuer Newsletter' });
  }

  get createDialog(): Locator {
    return this.page.getByRole('dialog');
  }

  // --- the composer ---

  get title(): Locator {
    return this.main.getByRole('textbox', { name: 'Titel', exact: true });
  }

  get saveStatus(): Locator {
    return this.main.getByTestId('save-status');
  }

  get undo(): Locator {
    return this.main.getByRole('button', { name: 'Rückgängig', exact: true });
  }

  get redo(): Locator {
    return this.main.getByRole('button', { name: 'Wiederholen', exact: true });
  }

  get audience(): Locator {
    return this.main.getByRole('combobox', { name: 'Adressatenkreis' });
  }

  async chooseAudience(name: string): Promise<void> {
    await this.audience.click();
    await this.audience.fill(name);
    await this.page.getByRole('option', { name, exact: true }).click();
  }

  tab(name: string | RegExp): Locator {
    return this.main.getByRole('tab', { name });
  }

  get library(): Locator {
    return this.main.getByRole('region', { name: 'Meldungen aus der Bibliothek' });
  }

  get librarySearch(): Locator {
    return this.library.getByRole('textbox', { name: 'Meldungen durchsuchen' });
  }

  addItem(title: string): Locator {
    return this.library.getByRole('button', { name: `„${title}“ hinzufügen`, exact: true });
  }

  get chosen(): Locator {
    return this.main.getByRole('list', { name: /^\d+ Meldung(en)? gewählt$/ });
  }

  chosenItem(title: string): Locator {
    return this.chosen.getByRole('listitem', { name: title, exact: true });
  }

  get subject(): Locator {
    return this.main.getByRole('textbox', { name: 'Betreff', exact: true });
  }

  get mode(): Locator {
    return this.main.getByRole('radiogroup', { name: 'Ansicht des Inhalts' });
  }

  /** Picks one option of a segmented control (the block/code switch, preview format and width). */
  async pick(group: string, option: string): Promise<void> {
    await this.main.getByRole('radiogroup', { name: group }).locator('label').filter({ hasText: option }).click();
  }

  async showCode(): Promise<void> {
    await this.pick('Ansicht des Inhalts', 'Code (MJML)');
  }

  async showBlocks(): Promise<void> {
    await this.pick('Ansicht des Inhalts', 'Bausteine');
  }

  get blocks(): Locator {
    return this.main.getByRole('region', { name: 'Bausteine' });
  }

  block(n: number): Locator {
    return this.blocks.getByRole('group', { name: new RegExp(`^Baustein ${n}: `) });
  }

  get code(): Locator {
    return this.main.locator('.cm-content');
  }

  // --- the preview ---

  get preview(): Locator {
    return this.main.getByRole('region', { name: 'Vorschau', exact: true });
  }

  get frame(): FrameLocator {
    return this.preview.frameLocator('iframe[title="Vorschau der E-Mail"]');
  }

  get frameElement(): Locator {
    return this.preview.locator('iframe[title="Vorschau der E-Mail"]');
  }

  get previewAs(): Locator {
    return this.preview.getByRole('combobox', { name: 'Vorschau als' });
  }

  get next(): Locator {
    return this.preview.getByRole('button', { name: 'Nächste Person' });
  }

  get previous(): Locator {
    return this.preview.getByRole('button', { name: 'Vorherige Person' });
  }

  get position(): Locator {
    return this.preview.getByTestId('preview-position');
  }

  get previewSubject(): Locator {
    return this.preview.getByTestId('preview-subject');
  }

  get guard(): Locator {
    return this.preview.getByRole('alert').filter({ hasText: 'Vertraulichkeit' });
  }

  get problems(): Locator {
    return this.preview.getByRole('region', { name: 'Fehler und Warnungen' });
  }

  exportButton(format: 'eml' | 'html' | 'mjml'): Locator {
    return this.preview.getByRole('button', { name: `.${format}`, exact: true });
  }
}
