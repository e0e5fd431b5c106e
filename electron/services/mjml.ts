/**
 * The one place that loads the MJML compiler. Loading mjml takes about a second (it pulls in its whole
 * component preset, html-minifier and js-beautify), so it is loaded on the first compile, not at start-up:
 * the app opens without it, and a preview or template check pays for it once.
 *
 * The last few compiles are remembered by their exact input. The composer recompiles an issue on every
 * change, and many changes leave the MJML the compiler sees untouched (typing in the subject, picking
 * another recipient language that shares a variant, saving a template unchanged): those cost no compile.
 */
import type { MjmlOptions, MjmlResult } from 'mjml';

let loading: Promise<(input: string, options?: MjmlOptions) => Promise<MjmlResult>> | null = null;

const REMEMBERED = 8;
const recent = new Map<string, Promise<MjmlResult>>();

/** How often the compiler itself ran (not answered from the remembered ones); read by tests. */
export const mjmlStats = { compiles: 0 };

/** The result is shared between callers that compiled the same input: read it, never change it. */
export function compileMjml(input: string, options: MjmlOptions): Promise<MjmlResult> {
  const key = `${JSON.stringify(options)}\n${input}`;
  const known = recent.get(key);
  if (known) {
    // Most recently used last, so the oldest is the one that goes.
    recent.delete(key);
    recent.set(key, known);
    return known;
  }
  loading ??= import('mjml').then((m) => m.default);
  const compiled = loading.then((mjml2html) => {
    mjmlStats.compiles += 1;
    return mjml2html(input, options);
  });
  recent.set(key, compiled);
  // A failed compile (mjml throws on input it cannot read) is not kept: the caller reports it each time.
  compiled.catch(() => recent.delete(key));
  if (recent.size > REMEMBERED) recent.delete(recent.keys().next().value as string);
  return compiled;
}
