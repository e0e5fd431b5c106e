import { describe, expect, it } from 'vitest';
import { chooseItems, relevance, type CandidateItem, type Interests } from './relevance';

const item = (id: number, over: Partial<CandidateItem> = {}): CandidateItem => ({ id, topicId: null, topic: null, projectId: null, project: null, regionId: null, region: null, kind: 'other', ...over });
const interests = (over: Partial<{ topicIds: number[]; kinds: string[]; regionIds: number[]; projectIds: number[] }> = {}): Interests => ({
  topicIds: new Set(over.topicIds ?? []),
  kinds: new Set(over.kinds ?? []),
  regionIds: new Set(over.regionIds ?? []),
  projectIds: new Set(over.projectIds ?? []),
});

const items = [
  item(1, { kind: 'foreign_markets' }),
  item(2, { topicId: 10, topic: 'Leichtbau' }),
  item(3, { projectId: 7, project: 'LightFrame', kind: 'technological_knowledge' }),
  item(4, { regionId: 5, region: 'Singapur' }),
  item(5, { topicId: 11, topic: 'Wasserstoff' }),
];

describe('relevance', () => {
  it('ranks own project over topic over region over kind, with reasons in the variant language', () => {
    const me = interests({ topicIds: [10], kinds: ['foreign_markets'], regionIds: [5], projectIds: [7] });
    const de = chooseItems(items, me, 10, 'de');
    expect(de.map((c) => c.itemId)).toEqual([3, 2, 4, 1]);
    expect(de.map((c) => c.reason)).toEqual(['Ihr Projekt LightFrame', 'Thema Leichtbau', 'Partnerregion Singapur', 'Interesse: Auslandsmärkte']);
    expect(chooseItems(items, me, 10, 'en').map((c) => c.reason)).toEqual(['Your project LightFrame', 'Topic Leichtbau', 'Partner region Singapur', 'Interest: foreign markets']);
  });
  it('compresses: at most max items, the most relevant', () => {
    const me = interests({ topicIds: [10, 11], kinds: ['foreign_markets'], projectIds: [7] });
    expect(chooseItems(items, me, 2, 'de').map((c) => c.itemId)).toEqual([3, 2]);
    expect(chooseItems(items, me, 0, 'de')).toEqual([]);
  });
  it('adds up several matches and keeps the editor order on ties', () => {
    const both = item(6, { topicId: 10, topic: 'Leichtbau', kind: 'foreign_markets' });
    const me = interests({ topicIds: [10, 11], kinds: ['foreign_markets'] });
    const got = chooseItems([...items, both], me, 10, 'de');
    expect(got[0]).toMatchObject({ itemId: 6, reason: 'Thema Leichtbau · Interesse: Auslandsmärkte' });
    expect(got.slice(1).map((c) => c.itemId)).toEqual([2, 5, 1]);
  });
  it('chooses nothing for a person without matching interests', () => {
    expect(chooseItems(items, interests({ topicIds: [99] }), 3, 'de')).toEqual([]);
    expect(relevance(items[0]!, interests(), 'de').score).toBe(0);
  });
  it('never chooses an item the person may not read, whatever it scores', () => {
    const me = interests({ projectIds: [7], topicIds: [10] });
    expect(chooseItems(items, me, 3, 'de', (id) => id !== 3).map((c) => c.itemId)).toEqual([2]);
  });
});
