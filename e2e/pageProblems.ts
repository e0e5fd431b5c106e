/**
 * What a page reports that a user would never see but that tells us something broke: console errors,
 * uncaught exceptions, and Content-Security-Policy violations (the browser only reports those as events).
 * Call before the first navigation.
 */
import type { Page } from '@playwright/test';

declare global {
  interface Window {
    /** Filled by an init script: every Content-Security-Policy violation the page reports. */
    __cspViolations?: string[];
  }
}

export interface PageProblems {
  /** console.error messages and uncaught page errors, as they happened. */
  readonly errors: string[];
  /** CSP violations of the current document. */
  cspViolations(): Promise<string[]>;
}

export async function watchPageProblems(page: Page): Promise<PageProblems> {
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console.error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => errors.push(`page error: ${err.message}`));
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations?.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`);
    });
  });
  return { errors, cspViolations: () => page.evaluate(() => window.__cspViolations ?? []) };
}
