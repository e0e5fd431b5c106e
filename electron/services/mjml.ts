/**
 * The one place that loads the MJML compiler. Loading mjml takes about a second (it pulls in its whole
 * component preset, html-minifier and js-beautify), so it is loaded on the first compile, not at start-up:
 * the app opens without it, and a preview or template check pays for it once.
 */
import type { MjmlOptions, MjmlResult } from 'mjml';

let loading: Promise<(input: string, options?: MjmlOptions) => Promise<MjmlResult>> | null = null;

export async function compileMjml(input: string, options: MjmlOptions): Promise<MjmlResult> {
  loading ??= import('mjml').then((m) => m.default);
  const mjml2html = await loading;
  return mjml2html(input, options);
}
