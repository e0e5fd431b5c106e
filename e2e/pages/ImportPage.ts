import type { Locator, Page } from '@playwright/test';

export interface FilePayload {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

/** Kontakte › Import: the four-step wizard and the list of earlier imports (German labels). */
export class ImportPage {
  constructor(readonly page: Page) {}

  private get main(): Locator {
    return this.page.getByRole('main');
  }

  /** "Schritt 2 von 4: Zuordnung" — every step starts with such a heading. */
  get stepHeading(): Locator {
    return this.main.getByRole('heading', { level: 3, name: /^Schritt \d von 4: / });
  }

  /** The file input behind "Datei auswählen"; Playwright fills it as a user's file dialog would. */
  async chooseFile(file: FilePayload): Promise<void> {
    await this.main.getByLabel('Kontaktdatei', { exact: true }).setInputFiles(file);
  }

  /** What the server recognised in the file (format, encoding, delimiter, rows, shape). */
  get detected(): Locator {
    return this.main.getByRole('region', { name: 'Erkannte Datei' });
  }

  /** The red notice for a file that cannot be read. */
  get openError(): Locator {
    return this.main.getByRole('alert').filter({ hasText: 'Diese Datei lässt sich nicht importieren' });
  }

  get nextButton(): Locator {
    return this.main.getByRole('button', { name: 'Weiter', exact: true });
  }

  get startButton(): Locator {
    return this.main.getByRole('button', { name: 'Import starten', exact: true });
  }

  /** The field chosen for one column of the file, by the column's header. */
  mappingFor(header: string): Locator {
    return this.main.getByRole('combobox', { name: `Feld für Spalte „${header}“`, exact: true });
  }

  get source(): Locator {
    return this.main.getByRole('textbox', { name: 'Quelle' });
  }

  /** A stat card of the check report or of the summary ("Neu", "Übersprungen", "Neu angelegt" …). */
  stat(name: string): Locator {
    return this.main.getByRole('region', { name, exact: true });
  }

  get problems(): Locator {
    return this.main.getByRole('table', { name: 'Zeilen mit Hinweisen' });
  }

  /** The report row for one line of the file (the first cell holds the line number). */
  problemRow(line: number): Locator {
    return this.problems.getByRole('row').filter({ has: this.page.getByRole('cell', { name: String(line), exact: true }) });
  }

  get progress(): Locator {
    return this.main.getByRole('progressbar', { name: 'Fortschritt des Imports' });
  }

  get history(): Locator {
    return this.main.getByRole('region', { name: 'Frühere Importe' });
  }

  /** The "Rückgängig" button of an earlier import, by its source (its name also says when it ran). */
  undoButton(source: string): Locator {
    return this.history.getByRole('button', { name: new RegExp(`^Import „${source.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}“ vom .+ rückgängig machen$`) });
  }

  get undoDialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Import rückgängig machen?' });
  }
}
