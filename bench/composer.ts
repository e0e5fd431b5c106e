/**
 * The composer's live preview in Chromium: open the demo newsletter, type into a text block of the block
 * editor, and time each keystroke until the preview iframe has loaded a document with the new text (plus
 * one frame, so it is on screen). Keys are pressed one at a time, each measured alone.
 */
import type { Browser } from '@playwright/test';
import { makeTempDir, removeDir, startServer } from '../e2e/serve';

const DEMO_NEWSLETTER = 'Newsletter 1/2027';
const KEYS = 'abcdefghijklmnopqrstu';

export async function previewUpdate(browser: Browser): Promise<{ times: number[]; detail: string }> {
  const tmp = makeTempDir('spillover-bench-preview-');
  const context = await browser.newContext({ locale: 'de-DE', viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.addInitScript({ content: 'window.__name = (f) => f;' });
  // A fresh data folder: the first start loads the demo cluster with its newsletter.
  const server = await startServer({ dataDir: `${tmp}/data` });
  try {
    await page.goto(server.url);
    await page.getByRole('link', { name: 'Newsletter & Mailings' }).click();
    await page.getByRole('link', { name: DEMO_NEWSLETTER, exact: true }).click();
    await page.getByRole('tab', { name: 'Deutsch' }).click();
    const frame = page.getByRole('region', { name: 'Vorschau', exact: true }).locator('iframe[title="Vorschau der E-Mail"]');
    await frame.waitFor({ timeout: 30_000 });
    // The first text block of the body, its caret at the end.
    const field = page.getByRole('region', { name: 'Bausteine' }).getByRole('textbox').first();
    const start = (await field.inputValue()).trimEnd();
    await field.click();
    await page.keyboard.press('Control+End');
    const times: number[] = [];
    const served: number[] = [];
    page.on('response', (r) => {
      if (r.url().includes('newsletters/preview')) void r.json().then((j: { value?: { ms?: number } }) => served.push(j.value?.ms ?? Number.NaN));
    });
    let typed = '';
    for (const key of KEYS) {
      typed += key;
      const marker = `${start.split(/\s+/).pop() ?? ''}${typed}`;
      const handle = await frame.elementHandle();
      // The listeners are in place before the key goes down: one call to set them up, one to wait.
      await page.evaluate(
        ({ iframe, marker }) => {
          const el = iframe as HTMLIFrameElement;
          const w = window as unknown as { __previewDone?: Promise<number>; __phases?: string[] };
          w.__phases ??= [];
          let t0 = 0;
          document.addEventListener(
            'keydown',
            () => {
              t0 = performance.now();
            },
            { capture: true, once: true },
          );
          let srcSet = 0;
          const watch = new MutationObserver(() => {
            if (el.srcdoc.includes(marker)) {
              srcSet = performance.now();
              watch.disconnect();
            }
          });
          watch.observe(el, { attributes: true, attributeFilter: ['srcdoc'] });
          w.__previewDone = new Promise<number>((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error(`the preview did not show "${marker}" within 10 s`)), 10_000);
            const onLoad = (): void => {
              if (!el.srcdoc.includes(marker)) return;
              el.removeEventListener('load', onLoad);
              clearTimeout(timer);
              requestAnimationFrame(() => {
                const end = performance.now();
                // Where the time went: until the request left, on the wire and server, and after the answer.
                const req = performance
                  .getEntriesByType('resource')
                  .filter((e) => e.name.includes('newsletters/preview') && e.startTime >= t0)
                  .pop() as PerformanceResourceTiming | undefined;
                (window as unknown as { __phases: string[] }).__phases.push(
                  req ? [req.startTime - t0, req.responseEnd - req.startTime, srcSet - req.responseEnd, end - srcSet].map((x) => Math.round(x)).join('/') : '?',
                );
                resolve(end - t0);
              });
            };
            el.addEventListener('load', onLoad);
          });
        },
        { iframe: handle, marker },
      );
      await page.keyboard.press(key);
      const waiting = page.evaluate(() => (window as unknown as { __previewDone: Promise<number> }).__previewDone);
      times.push(await waiting);
    }
    const phases = await page.evaluate(() => (window as unknown as { __phases: string[] }).__phases);
    return { times, detail: `before request / request / answer to srcdoc / srcdoc to shown ${phases.join(', ')} ms; server compile+merge per preview ${served.slice(-KEYS.length).map((x) => Math.round(x)).join(', ')} ms` };
  } finally {
    await server.stop();
    await context.close();
    removeDir(tmp);
  }
}
