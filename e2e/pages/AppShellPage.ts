import type { Locator, Page } from '@playwright/test';

export type UiLanguage = 'DE' | 'EN';

/** The frame around every screen: header with the language switch, and the main navigation. */
export class AppShellPage {
  constructor(readonly page: Page) {}

  /** Opens the app at the address `spillover serve` printed (with #token=…). */
  async open(url: string): Promise<void> {
    await this.page.goto(url);
  }

  /** The main navigation; its accessible name follows the UI language. */
  navigation(name: string | RegExp = /^(Hauptnavigation|Main navigation)$/): Locator {
    return this.page.getByRole('navigation', { name });
  }

  /** The link for one section in the main navigation, by its visible label. */
  navLink(name: string): Locator {
    return this.navigation().getByRole('link', { name, exact: true });
  }

  async nav(name: string): Promise<void> {
    await this.navLink(name).click();
  }

  /** The page heading (h2) each screen starts with. */
  heading(name: string): Locator {
    return this.page.getByRole('heading', { level: 2, name, exact: true });
  }

  /** The DE/EN switch in the header (a radio group named "Sprache" / "Language"). */
  languageSwitch(): Locator {
    return this.page.getByRole('banner').getByRole('radiogroup', { name: /^(Sprache|Language)$/ });
  }

  /** One option of the switch, for checking its state. */
  languageOption(lang: UiLanguage): Locator {
    return this.languageSwitch().getByRole('radio', { name: lang, exact: true });
  }

  async switchLanguage(lang: UiLanguage): Promise<void> {
    // The radio input itself is visually hidden; like a user, click its visible label.
    await this.languageSwitch().getByText(lang, { exact: true }).click();
  }
}
