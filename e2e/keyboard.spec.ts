import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';

/** Presses Tab until `target` has the focus; fails after `max` presses. */
async function tabTo(page: Page, target: Locator, max = 20): Promise<number> {
  for (let presses = 1; presses <= max; presses++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((el) => el === document.activeElement)) return presses;
  }
  throw new Error(`Focus never reached the target within ${max} Tab presses.`);
}

test('the navigation is reachable with Tab and Enter opens a section', async ({ app, shell, page }) => {
  await shell.open(app.url);
  await expect(shell.heading('Übersicht')).toBeVisible();

  const first = shell.navLink('Übersicht');
  const presses = await tabTo(page, first);
  // Only the header (language switch) comes before the navigation.
  expect(presses).toBeLessThanOrEqual(4);
  await expect(first).toBeFocused();

  await page.keyboard.press('Tab');
  await expect(shell.navLink('Kontakte')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(shell.heading('Kontakte')).toBeVisible();
  await expect(shell.navLink('Kontakte')).toHaveAttribute('aria-current', 'page');

  // Shift+Tab goes back up the list.
  await shell.navLink('Kontakte').focus();
  await page.keyboard.press('Shift+Tab');
  await expect(first).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(shell.heading('Übersicht')).toBeVisible();
});
