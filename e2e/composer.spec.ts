import { expect, test } from './fixtures';
import { watchPageProblems } from './pageProblems';
import { ComposerPage } from './pages/ComposerPage';

test.use({ viewport: { width: 1280, height: 800 } });

test('explore: build a newsletter from demo items', async ({ app, page }, testInfo) => {
  const problems = await watchPageProblems(page);
  const c = new ComposerPage(page);
  await page.goto(app.url);
  await page.goto(new URL('#/newsletters', app.baseUrl).href);
  await page.screenshot({ path: testInfo.outputPath('list-de.png') });
  await c.newNewsletter.click();
  await c.createDialog.getByRole('textbox', { name: 'Titel' }).fill('Cluster-News März');
  await c.createDialog.getByRole('button', { name: 'Anlegen und gestalten' }).click();
  await expect(c.title).toHaveValue('Cluster-News März');
  await c.chooseAudience('Schlüsselkontakte der Mitglieder');
  await page.waitForTimeout(1500);
  await page.screenshot({ path: testInfo.outputPath('composer-de.png') });
  await c.tab('Deutsch').click();
  await page.waitForTimeout(1000);
  await page.screenshot({ path: testInfo.outputPath('composer-variant-de.png') });
  expect(problems.errors).toEqual([]);
});
