/**
 * Render figures: 10,000 personalised messages (subject, HTML, plain text) of the German letter-style
 * mailing starter with 12 items, 3 chosen per recipient by relevance — from one MJML compile — against
 * compiling MJML per recipient, which is measured on a sample in the same run and extrapolated.
 */
import { performance } from 'node:perf_hooks';
import { itemColumnMjml, itemSectionMjml } from '../shared/newsletters/items';
import type { MergeRecipient } from '../shared/newsletters/merge';
import { chooseItems, type CandidateItem, type Interests } from '../shared/newsletters/relevance';
import { STARTER_TEMPLATES } from '../shared/newsletters/starters';
import { compileMjml } from '../electron/services/mjml';
import { compileIssue, compileStats, renderFor, type ItemBlock } from '../electron/services/render';

export const RECIPIENTS = 10_000;
const SAMPLE = 30;
const MAX_ITEMS = 3;

function prng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 48271) % 2147483647;
    return s / 2147483647;
  };
}

const KINDS = ['technological_knowledge', 'foreign_markets', 'foreign_contacts', 'other'];
const FIRST = ['Jana', 'Jens', 'Alex', 'Ümit', 'Marie-Luise', 'Chloé', 'Kim', 'Søren'];
const LAST = ['Müller', 'Schmidt', 'Beispiel', 'von der Heide', 'Özdemir', 'Lefèvre', 'Tan', 'Müller-Lüdenscheidt'];
const SALUTATIONS = ['frau', 'herr', 'divers', 'none'];
const TITLES = [null, null, 'Dr.', 'Prof. Dr.'];

interface Person {
  recipient: MergeRecipient;
  interests: Interests;
  funded: boolean;
}

function people(n: number): Person[] {
  const rnd = prng(11);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  return Array.from({ length: n }, (_, i) => ({
    recipient: {
      salutation: pick(SALUTATIONS),
      title: pick(TITLES),
      firstName: pick(FIRST),
      lastName: pick(LAST),
      organisation: `Firma ${i % 900} GmbH & Co. KG`,
      email: `person${i}@example.org`,
      unsubscribeUrl: `https://www.leichtbau-mittelelbe.example/abmelden?p=${i}&t=x${i}`,
    },
    interests: {
      topicIds: new Set([Math.floor(rnd() * 8), Math.floor(rnd() * 8)]),
      kinds: new Set([pick(KINDS)]),
      regionIds: new Set(rnd() < 0.3 ? [Math.floor(rnd() * 3)] : []),
      projectIds: new Set(rnd() < 0.2 ? [Math.floor(rnd() * 3)] : []),
    },
    funded: rnd() < 0.35,
  }));
}

const ITEMS: CandidateItem[] = Array.from({ length: 12 }, (_, i) => ({
  id: i + 1,
  topicId: i % 8,
  topic: `Thema ${i % 8}`,
  projectId: i % 4 === 0 ? i % 3 : null,
  project: i % 4 === 0 ? `PROJ-${i % 3}` : null,
  regionId: i % 5 === 0 ? i % 3 : null,
  region: i % 5 === 0 ? `Region ${i % 3}` : null,
  kind: KINDS[i % 4] ?? 'other',
}));

function blocksOf(items: readonly CandidateItem[]): ItemBlock[] {
  return items.map((it) => {
    const m = { id: it.id, title: `Meldung ${it.id}: Fortschritt im Projekt & neue Kontakte`, bodyMd: `Ein **Absatz** mit [Link](https://example.org/${it.id}) und Text über Leichtbau, Märkte und Partner.\n\n- Punkt eins\n- Punkt zwei`, imageSrc: null, imageAlt: null, link: `https://example.org/meldung/${it.id}` };
    return { itemId: it.id, section: itemSectionMjml(m, 'de'), column: itemColumnMjml(m, 'de') };
  });
}

const starter = STARTER_TEMPLATES.find((t) => t.kind === 'mailing' && t.language === 'de');
if (!starter) throw new Error('no German mailing starter template');
// A block on a person attribute too, so per-recipient conditions are part of the measured merge.
const MJML = starter.mjml.replace('{{items}}', '{{#if funded:no}}\n<mj-section><mj-column><mj-text>Auch ohne Förderung: sprechen Sie uns an.</mj-text></mj-column></mj-section>\n{{/if}}\n{{items}}');
const SUBJECT = '{{first_name|Ihre}} Auswahl: Neues aus dem Cluster/Netzwerk';

export interface RenderFigures {
  /** Compile once + 10,000 × (choose items, merge subject, HTML, text). */
  renderMs: number;
  /** Mean of compile-per-recipient on the sample, × 10,000. */
  perRecipientMs: number;
  ratio: number;
}

export async function renderFigures(): Promise<RenderFigures> {
  const persons = people(RECIPIENTS);
  const blocks = blocksOf(ITEMS);
  let bytes = 0;

  // The app loads the MJML compiler once, on its first compile (~1 s); that is start-up, not rendering,
  // and the per-recipient sample below runs with it loaded too.
  await compileMjml('<mjml><mj-body></mj-body></mjml>', { validationLevel: 'skip' });
  const before = compileStats.mjml;
  const started = performance.now();
  const issue = await compileIssue({ language: 'de', subject: SUBJECT, mjml: MJML, slots: { items: { blocks, choose: MAX_ITEMS } } });
  let nothing = 0;
  for (const p of persons) {
    const chosen = chooseItems(ITEMS, p.interests, MAX_ITEMS, 'de');
    if (chosen.length === 0) {
      nothing += 1;
      continue;
    }
    const m = renderFor(issue, p.recipient, { has: (k) => k === 'funded:no' && !p.funded }, chosen.map((c) => c.itemId));
    bytes += m.html.length + m.text.length + m.subject.length;
  }
  const renderMs = performance.now() - started;
  const compiles = compileStats.mjml - before;
  if (compiles !== 1) throw new Error(`render-10k compiled MJML ${compiles} times, not once`);
  if (!issue.ok) throw new Error(`the bench template has errors: ${issue.problems.map((p) => p.message).join('; ')}`);

  // The naive way: per recipient, build their MJML with their items and compile it.
  const sampleStarted = performance.now();
  for (const p of persons.slice(0, SAMPLE)) {
    const chosen = chooseItems(ITEMS, p.interests, MAX_ITEMS, 'de');
    const mine = blocks.filter((b) => chosen.some((c) => c.itemId === b.itemId));
    const own = await compileIssue({ language: 'de', subject: SUBJECT, mjml: MJML, slots: { items: { blocks: mine } } });
    const m = renderFor(own, p.recipient, { has: (k) => k === 'funded:no' && !p.funded });
    bytes += m.html.length;
  }
  const sampleMs = performance.now() - sampleStarted;
  const perRecipientMs = (sampleMs / SAMPLE) * RECIPIENTS;
  process.stderr.write(
    `render-10k: one compile + ${RECIPIENTS - nothing} messages (${nothing} with nothing relevant) in ${Math.round(renderMs)} ms, ${Math.round(bytes / 1e6)} MB; ` +
      `compile per recipient measured on ${SAMPLE} recipients in this run: ${(sampleMs / SAMPLE).toFixed(1)} ms each, extrapolated to ${RECIPIENTS}: ${Math.round(perRecipientMs)} ms\n`,
  );
  return { renderMs, perRecipientMs, ratio: perRecipientMs / renderMs };
}
