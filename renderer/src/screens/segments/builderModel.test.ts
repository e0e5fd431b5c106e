import { describe, expect, it } from 'vitest';
import { FILTER_KEY_NAMES, formatQuery, parseQuery, type Rule } from '../../../../shared/contacts/query';
import {
  addCondition,
  addGroup,
  ALL_FIELDS,
  changeField,
  emptyRoot,
  FIELD_GROUPS,
  FIELDS_BY_GROUP,
  findNode,
  fromRule,
  incompleteCount,
  isNegated,
  moveNode,
  newCondition,
  receivedValue,
  removeNode,
  setComparator,
  setGroupType,
  setValue,
  toggleNot,
  toRule,
  toText,
  type BuilderNode,
  type GroupNode,
} from './builderModel';
import { markProblems, problemMessage, type Translate } from './problems';
import { newSegmentHash, parseSegmentsHash, segmentHash } from './segmentsHash';

const rule = (text: string): Rule => {
  const parsed = parseQuery(text);
  expect(parsed.problems).toEqual([]);
  return parsed.rule;
};

/** The tree without ids, to compare shapes. */
function shape(node: BuilderNode): unknown {
  switch (node.type) {
    case 'filter':
      return `${node.key}${node.op}${node.value}`;
    case 'word':
      return `"${node.text}"`;
    case 'not':
      return { not: shape(node.child) };
    default:
      return { [node.type]: node.children.map(shape) };
  }
}

function ids(node: BuilderNode): string[] {
  if (node.type === 'not') return [node.id, ...ids(node.child)];
  if (node.type === 'and' || node.type === 'or') return [node.id, ...node.children.flatMap(ids)];
  return [node.id];
}

/** What a "nicht" wraps. */
function negated(node: BuilderNode): BuilderNode {
  if (node.type !== 'not') throw new Error('not negated');
  return node.child;
}

/** The n-th child of a group, failing the test when it is missing. */
function child(group: BuilderNode | undefined, n: number): BuilderNode {
  if (!group || (group.type !== 'and' && group.type !== 'or')) throw new Error('not a group');
  const c = group.children[n];
  if (!c) throw new Error(`no child ${n}`);
  return c;
}

describe('builder state and rule', () => {
  it('round-trips rules through the builder: the text view shows what the search box would', () => {
    for (const text of [
      'key:yes member:yes',
      'member:yes funded:no (size:micro OR size:small OR kind:startup) interest:foreign_markets',
      '-(status:bounced OR consent:none) lang:en',
      'employees:>=50 verified:<2025-01-01 müller',
      'received:"Additive Fertigung">=2026-01-01 segment:"Schlüsselkontakte der Mitglieder"',
      'kind:startup OR kind:university',
      '',
    ]) {
      const r = rule(text);
      expect(formatQuery(toRule(fromRule(r)))).toBe(formatQuery(r));
      expect(toText(fromRule(r))).toBe(formatQuery(r));
    }
  });

  it('always has a group at the top and gives every node its own id', () => {
    const root = fromRule(rule('-kind:startup'));
    expect(root.type).toBe('and');
    expect(shape(root)).toEqual({ and: [{ not: 'kind=startup' }] });
    const all = ids(fromRule(rule('a (b OR -c) d')));
    expect(new Set(all).size).toBe(all.length);
  });

  it('drops double negation when reading a rule', () => {
    expect(shape(fromRule({ type: 'not', child: { type: 'not', child: { type: 'word', text: 'x' } } }))).toEqual({ and: ['"x"'] });
  });

  it('leaves incomplete conditions and empty groups out of the rule, and nothing means everyone', () => {
    let root = emptyRoot();
    expect(toRule(root)).toEqual({ type: 'and', children: [] });
    const first = addCondition(root, root.id, newCondition('member'));
    root = first.root;
    expect(toText(root)).toBe('');
    expect(incompleteCount(root)).toBe(1);
    root = setValue(root, first.id, 'yes');
    expect(toText(root)).toBe('member:yes');
    const g = addGroup(root, root.id);
    root = g.root;
    // The new group's empty condition is not part of the rule yet, so the group is not either.
    expect(toText(root)).toBe('member:yes');
    root = setValue(root, g.conditionId, 'startup');
    expect(toText(root)).toBe('member:yes kind:startup');
    // A value the key does not accept stays in the builder but out of the rule.
    const emp = addCondition(root, root.id, newCondition('employees'));
    root = setValue(emp.root, emp.id, 'viele');
    expect(toText(root)).toBe('member:yes kind:startup');
    expect(incompleteCount(root)).toBe(1);
  });

  it('adds nested groups of the opposite kind and toggles a group between AND and OR', () => {
    let root = fromRule(rule('key:yes member:yes'));
    const g = addGroup(root, root.id);
    root = g.root;
    expect(findNode(root, g.id)?.type).toBe('or');
    root = setValue(root, g.conditionId, 'startup');
    const second = addCondition(root, g.id, newCondition('kind'));
    root = setValue(second.root, second.id, 'university');
    expect(toText(root)).toBe('key:yes member:yes (kind:startup OR kind:university)');
    root = setGroupType(root, root.id, 'or');
    expect(toText(root)).toBe('key:yes OR member:yes OR kind:startup OR kind:university');
    root = setGroupType(root, g.id, 'and');
    // AND binds tighter than OR, so the text needs no parentheses here.
    expect(toText(root)).toBe('key:yes OR member:yes OR kind:startup kind:university');
    const inner = addGroup(root, g.id);
    expect(findNode(inner.root, inner.id)?.type).toBe('or');
  });

  it('negates and un-negates conditions and groups, keeping the row id', () => {
    let root = fromRule(rule('kind:startup (lang:en OR lang:fr)'));
    const cond = child(root, 0);
    const group = child(root, 1);
    root = toggleNot(root, cond.id);
    expect(isNegated(root, cond.id)).toBe(true);
    expect(toText(root)).toBe('-kind:startup (lang:en OR lang:fr)');
    root = toggleNot(root, group.id);
    expect(toText(root)).toBe('-kind:startup -(lang:en OR lang:fr)');
    root = toggleNot(root, cond.id);
    expect(isNegated(root, cond.id)).toBe(false);
    expect(findNode(root, cond.id)).toBeDefined();
    expect(toText(root)).toBe('kind:startup -(lang:en OR lang:fr)');
    // The root itself has no "nicht": negate a nested group instead.
    expect(toggleNot(root, root.id)).toBe(root);
  });

  it('removes rows with their negation, and whole groups', () => {
    let root = fromRule(rule('-kind:startup member:yes (lang:en OR lang:fr)'));
    const row = negated(child(root, 0));
    root = removeNode(root, row.id);
    expect(toText(root)).toBe('member:yes (lang:en OR lang:fr)');
    root = removeNode(root, child(root, 1).id);
    expect(toText(root)).toBe('member:yes');
    expect(removeNode(root, root.id).children).toEqual([]);
  });

  it('moves rows within their group and stops at the ends', () => {
    let root = fromRule(rule('a -b c'));
    const b = negated(child(root, 1));
    root = moveNode(root, b.id, -1);
    expect(toText(root)).toBe('-b a c');
    expect(moveNode(root, b.id, -1)).toBe(root);
    root = moveNode(moveNode(root, b.id, 1), b.id, 1);
    expect(toText(root)).toBe('a c -b');
    expect(moveNode(root, b.id, 1)).toBe(root);
  });

  it('changes a row’s field: the value starts over, comparators only where the key has an order', () => {
    let root = fromRule(rule('kind:startup'));
    const row = child(root, 0);
    root = changeField(root, row.id, 'employees');
    expect(toText(root)).toBe('');
    root = setValue(setComparator(root, row.id, '>='), row.id, '50');
    expect(toText(root)).toBe('employees:>=50');
    root = changeField(root, row.id, 'lang');
    root = setValue(setComparator(root, row.id, '>'), row.id, 'en');
    expect(toText(root)).toBe('lang:en');
    root = changeField(root, row.id, 'word');
    root = setValue(root, row.id, 'Müller');
    expect(toText(root)).toBe('Müller');
    root = changeField(root, row.id, 'recontact');
    expect(toText(root)).toBe('recontact:due');
    root = changeField(root, row.id, 'received');
    expect(toText(root)).toBe('received:*');
  });

  it('leaves unchanged branches as they were, so React keeps their rows', () => {
    const root: GroupNode = fromRule(rule('(a OR b) (c OR d)'));
    const left = child(root, 0);
    const right = child(root, 1);
    const next = setValue(root, child(right, 0).id, 'x');
    expect(child(next, 0)).toBe(left);
    expect(child(next, 1)).not.toBe(right);
  });

  it('writes received values from topic and date', () => {
    expect(receivedValue(null, null)).toBe('*');
    expect(receivedValue('Leichtbau', null)).toBe('Leichtbau');
    expect(receivedValue('', '2026-01-01')).toBe('*>=2026-01-01');
    expect(receivedValue('Additive Fertigung', '2026-01-01')).toBe('Additive Fertigung>=2026-01-01');
    expect(parseQuery(`received:"${receivedValue('Additive Fertigung', '2026-01-01')}"`).problems).toEqual([]);
  });

  it('lists every filter key exactly once in the field select', () => {
    const listed = FIELD_GROUPS.flatMap((g) => FIELDS_BY_GROUP[g]);
    expect([...listed].sort()).toEqual([...ALL_FIELDS].sort());
    expect(new Set(listed).size).toBe(listed.length);
    for (const k of FILTER_KEY_NAMES) expect(listed).toContain(k);
  });
});

describe('segment addresses', () => {
  it('read list, new and one segment from the hash', () => {
    expect(parseSegmentsHash('#/segments')).toEqual({ page: 'list' });
    expect(parseSegmentsHash('#/segments/')).toEqual({ page: 'list' });
    expect(parseSegmentsHash('#/segments/new')).toEqual({ page: 'new', query: '' });
    expect(parseSegmentsHash(newSegmentHash('kind:startup lang:en'))).toEqual({ page: 'new', query: 'kind:startup lang:en' });
    expect(parseSegmentsHash(segmentHash(12))).toEqual({ page: 'edit', id: 12 });
    expect(parseSegmentsHash('#/segments/0')).toEqual({ page: 'list' });
    expect(parseSegmentsHash('#/segments/abc')).toEqual({ page: 'list' });
  });
});

describe('rule problems', () => {
  const t: Translate = (key, params) => `${key}${params ? ` ${JSON.stringify(params)}` : ''}`;

  it('are phrased by code with their position, the English message only for codes the UI does not know', () => {
    const [p] = parseQuery('kind:startup farbe:rot').problems;
    expect(p).toBeDefined();
    expect(problemMessage(t, p!)).toBe(`segments.problems.at ${JSON.stringify({ position: 14, text: `segments.problems.unknown_key ${JSON.stringify({ token: 'farbe:rot', filter: 'farbe' })}` })}`);
    const ref = { code: 'unknown_reference' as const, token: 'topic:Holz', key: 'topic', message: 'There is no topic named "Holz".' };
    expect(problemMessage(t, ref)).toBe(`segments.problems.unknown_reference ${JSON.stringify({ token: 'topic:Holz', filter: 'contacts.filter.topic' })}`);
    expect(problemMessage(t, { ...ref, code: 'something_new' as 'unknown_reference' })).toBe('There is no topic named "Holz".');
  });

  it('mark the faulty terms in the text', () => {
    const text = 'kind:startup farbe:rot (lang:en';
    const { problems } = parseQuery(text);
    const pieces = markProblems(text, problems);
    expect(pieces.map((p) => p.text).join('')).toBe(text);
    expect(pieces.filter((p) => p.problem !== null).map((p) => p.text)).toEqual(['farbe:rot', '(']);
    expect(markProblems('abc', [{ start: undefined, end: undefined }])).toEqual([{ text: 'abc', problem: null }]);
    expect(markProblems('abc', [{ start: 0, end: 2 }, { start: 1, end: 3 }])).toEqual([
      { text: 'ab', problem: 0 },
      { text: 'c', problem: null },
    ]);
  });
});
