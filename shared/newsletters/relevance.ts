/**
 * Which items of a personalised mailing a recipient gets: at most `max` of those matching their interests,
 * most relevant first, each with a reason the composer shows in "preview as" ("Ihr Projekt LightFrame").
 *
 * What counts, strongest first (weights add up when several match):
 * - an R&D project one of the person's organisations takes part in (8) — their own work;
 * - a topic of the person or of their organisations (4);
 * - a partner region the person follows (3);
 * - a kind of information the person asked for (2).
 * Equal scores keep the order the editor gave the items. An item the person may not read (its circle) is
 * never chosen, whatever it scores. Nothing matching means nothing is sent: compressing means leaving out.
 */
import type { InformationKind } from '../domain';

export interface Interests {
  topicIds: ReadonlySet<number>;
  kinds: ReadonlySet<InformationKind | string>;
  regionIds: ReadonlySet<number>;
  /** Projects of the person's organisations. */
  projectIds: ReadonlySet<number>;
}

export interface CandidateItem {
  id: number;
  topicId: number | null;
  topic: string | null;
  projectId: number | null;
  project: string | null;
  regionId: number | null;
  region: string | null;
  kind: InformationKind | string;
}

export interface Choice {
  itemId: number;
  score: number;
  reason: string;
}

export const WEIGHTS = { project: 8, topic: 4, region: 3, kind: 2 } as const;

const KIND_NAMES: Readonly<Record<'de' | 'en', Readonly<Record<string, string>>>> = {
  de: { technological_knowledge: 'technologisches Wissen', foreign_markets: 'Auslandsmärkte', foreign_contacts: 'Auslandskontakte', other: 'Sonstiges' },
  en: { technological_knowledge: 'technological knowledge', foreign_markets: 'foreign markets', foreign_contacts: 'foreign contacts', other: 'other' },
};

interface Phrases {
  project(p: string): string;
  topic(t: string): string;
  region(r: string): string;
  kind(k: string): string;
}

// Made once: this runs for every recipient and item of a mailing.
const PHRASES: Readonly<Record<'de' | 'en', Phrases>> = {
  de: {
    project: (p) => `Ihr Projekt ${p}`,
    topic: (t) => `Thema ${t}`,
    region: (r) => `Partnerregion ${r}`,
    kind: (k) => `Interesse: ${KIND_NAMES.de[k] ?? k}`,
  },
  en: {
    project: (p) => `Your project ${p}`,
    topic: (t) => `Topic ${t}`,
    region: (r) => `Partner region ${r}`,
    kind: (k) => `Interest: ${KIND_NAMES.en[k] ?? k}`,
  },
};

/** Score and reason of one item for one person; score 0 means not relevant. */
export function relevance(item: CandidateItem, interests: Interests, language: string): { score: number; reason: string } {
  const say = PHRASES[language === 'de' ? 'de' : 'en'];
  let score = 0;
  const reasons: string[] = [];
  if (item.projectId !== null && interests.projectIds.has(item.projectId)) {
    score += WEIGHTS.project;
    reasons.push(say.project(item.project ?? `#${item.projectId}`));
  }
  if (item.topicId !== null && interests.topicIds.has(item.topicId)) {
    score += WEIGHTS.topic;
    reasons.push(say.topic(item.topic ?? `#${item.topicId}`));
  }
  if (item.regionId !== null && interests.regionIds.has(item.regionId)) {
    score += WEIGHTS.region;
    reasons.push(say.region(item.region ?? `#${item.regionId}`));
  }
  if (interests.kinds.has(item.kind)) {
    score += WEIGHTS.kind;
    reasons.push(say.kind(item.kind));
  }
  return { score, reason: reasons.join(' · ') };
}

/**
 * The items for one recipient: at most `max`, relevant ones only, most relevant first (ties: the order of
 * `items`), skipping those `mayRead` refuses.
 */
export function chooseItems(items: readonly CandidateItem[], interests: Interests, max: number, language: string, mayRead: (itemId: number) => boolean = () => true): Choice[] {
  const scored: (Choice & { order: number })[] = [];
  items.forEach((item, order) => {
    if (!mayRead(item.id)) return;
    const { score, reason } = relevance(item, interests, language);
    if (score > 0) scored.push({ itemId: item.id, score, reason, order });
  });
  scored.sort((a, b) => b.score - a.score || a.order - b.order);
  return scored.slice(0, Math.max(0, max)).map(({ itemId, score, reason }) => ({ itemId, score, reason }));
}
