/**
 * The rule builder's state: the Rule tree of shared/contacts/query.ts with an id on every node (so React can
 * keep rows and focus while the tree changes), and nothing else — no second model to keep in step. The root is
 * always a group. A condition still being filled in (no value yet, or a value its key does not accept) stays in
 * the builder but is left out of the rule, so the text view, the count and the saved segment only ever see
 * terms the parser would accept too.
 */
import {
  ALL,
  FILTER_KEY_NAMES,
  formatQuery,
  ORDERED_KEYS,
  valueProblem,
  type Comparator,
  type Filter,
  type FilterKey,
  type Rule,
  type Word,
} from '../../../../shared/contacts/query';

export type GroupType = 'and' | 'or';
export type FilterNode = Filter & { id: string };
export type WordNode = Word & { id: string };
export type GroupNode = { id: string; type: GroupType; children: BuilderNode[] };
export type NotNode = { id: string; type: 'not'; child: BuilderNode };
export type BuilderNode = FilterNode | WordNode | GroupNode | NotNode;

export function isGroup(node: BuilderNode): node is GroupNode {
  return node.type === 'and' || node.type === 'or';
}

/** What the field select offers: every filter key, plus a free word (name, e-mail, organisation). */
export type Field = FilterKey | 'word';

let seq = 0;
/** Ids only need to be unique within one page session; a counter is enough and keeps tests readable. */
export function newId(): string {
  seq += 1;
  return `n${seq}`;
}

function withIds(rule: Rule): BuilderNode {
  switch (rule.type) {
    case 'filter':
      return { ...rule, id: newId() };
    case 'word':
      return { ...rule, id: newId() };
    case 'not':
      // "nicht nicht x" is x: the builder shows one toggle per row, not a stack of them.
      return rule.child.type === 'not' ? withIds(rule.child.child) : { id: newId(), type: 'not', child: withIds(rule.child) };
    default:
      return { id: newId(), type: rule.type, children: rule.children.map(withIds) };
  }
}

/** The builder state for a rule; anything that is not an AND/OR group at the top is wrapped in "alle Bedingungen". */
export function fromRule(rule: Rule): GroupNode {
  const node = withIds(rule);
  return node.type === 'and' || node.type === 'or' ? node : { id: newId(), type: 'and', children: [node] };
}

export function emptyRoot(): GroupNode {
  return { id: newId(), type: 'and', children: [] };
}

/** A condition counts once its value is one the key accepts (the check the parser makes). */
export function isComplete(node: FilterNode | WordNode): boolean {
  if (node.type === 'word') return node.text.trim() !== '';
  return node.value.trim() !== '' && valueProblem(node) === undefined;
}

function strip(node: BuilderNode): Rule | undefined {
  switch (node.type) {
    case 'filter':
      return isComplete(node) ? { type: 'filter', key: node.key, op: node.op, value: node.value.trim() } : undefined;
    case 'word':
      return isComplete(node) ? { type: 'word', text: node.text.trim() } : undefined;
    case 'not': {
      const child = strip(node.child);
      return child ? { type: 'not', child } : undefined;
    }
    default: {
      const children = node.children.map(strip).filter((c): c is Rule => c !== undefined);
      // An empty group inside another means nothing yet; written out it would be "()", which the parser rejects.
      return children.length === 0 ? undefined : { type: node.type, children };
    }
  }
}

/** The rule the builder stands for: incomplete conditions and empty groups left out; nothing at all is "everyone". */
export function toRule(root: GroupNode): Rule {
  return strip(root) ?? ALL;
}

/** The rule as search text, for the text view beside the builder. */
export function toText(root: GroupNode): string {
  return formatQuery(toRule(root));
}

/** Conditions in the builder that are not (yet) part of the rule. */
export function incompleteCount(node: BuilderNode): number {
  switch (node.type) {
    case 'filter':
    case 'word':
      return isComplete(node) ? 0 : 1;
    case 'not':
      return incompleteCount(node.child);
    default:
      return node.children.reduce((n, c) => n + incompleteCount(c), 0);
  }
}

// --- finding and replacing nodes -------------------------------------------------------------------------

export function findNode(node: BuilderNode, id: string): BuilderNode | undefined {
  if (node.id === id) return node;
  if (node.type === 'not') return findNode(node.child, id);
  if (node.type === 'and' || node.type === 'or') {
    for (const c of node.children) {
      const hit = findNode(c, id);
      if (hit) return hit;
    }
  }
  return undefined;
}

export function parentOf(node: BuilderNode, id: string): GroupNode | NotNode | undefined {
  if (node.type === 'not') return node.child.id === id ? node : parentOf(node.child, id);
  if (node.type === 'and' || node.type === 'or') {
    for (const c of node.children) {
      if (c.id === id) return node;
      const hit = parentOf(c, id);
      if (hit) return hit;
    }
  }
  return undefined;
}

/**
 * The place a row occupies in its group: the row itself, or the "nicht" wrapped around it. Moving or removing
 * a negated condition moves or removes its negation with it.
 */
export function slotId(root: GroupNode, id: string): string {
  const parent = parentOf(root, id);
  return parent?.type === 'not' ? parent.id : id;
}

/** The tree with node `id` replaced by `fn(node)`; `null` removes it. Unchanged branches keep their identity. */
function replace(node: BuilderNode, id: string, fn: (n: BuilderNode) => BuilderNode | null): BuilderNode | null {
  if (node.id === id) return fn(node);
  if (node.type === 'not') {
    const child = replace(node.child, id, fn);
    if (child === node.child) return node;
    return child === null ? null : { ...node, child };
  }
  if (node.type === 'and' || node.type === 'or') {
    let changed = false;
    const children: BuilderNode[] = [];
    for (const c of node.children) {
      const next = replace(c, id, fn);
      if (next !== c) changed = true;
      if (next !== null) children.push(next);
    }
    return changed ? { ...node, children } : node;
  }
  return node;
}

function replaceInRoot(root: GroupNode, id: string, fn: (n: BuilderNode) => BuilderNode | null): GroupNode {
  if (id === root.id) {
    const next = fn(root);
    // The root stays a group: the builder always has a top-level "alle / mindestens eine".
    return next && (next.type === 'and' || next.type === 'or') ? next : root;
  }
  const next = replace(root, id, fn);
  return next && (next.type === 'and' || next.type === 'or') ? next : root;
}

// --- edits -----------------------------------------------------------------------------------------------

export function newCondition(key: FilterKey = 'kind'): FilterNode {
  return { id: newId(), type: 'filter', key, op: '=', value: defaultValue(key) };
}

/** Keys with a single possible value get it at once; the others wait for the user. */
function defaultValue(key: FilterKey): string {
  return key === 'recontact' ? 'due' : key === 'received' ? '*' : '';
}

/** Adds a condition at the end of group `groupId`; returns the new tree and the new row's id (to focus it). */
export function addCondition(root: GroupNode, groupId: string, condition: FilterNode | WordNode = newCondition()): { root: GroupNode; id: string } {
  const next = replaceInRoot(root, groupId, (g) => (g.type === 'and' || g.type === 'or' ? { ...g, children: [...g.children, condition] } : g));
  return { root: next, id: condition.id };
}

/**
 * Adds a nested group with one empty condition. Its type is the opposite of its parent's, because a group of
 * the same type inside another changes nothing — "alle" inside "alle" is just more conditions.
 */
export function addGroup(root: GroupNode, groupId: string): { root: GroupNode; id: string; conditionId: string } {
  const parent = findNode(root, groupId);
  const type: GroupType = parent?.type === 'or' ? 'and' : 'or';
  const condition = newCondition();
  const group: GroupNode = { id: newId(), type, children: [condition] };
  const next = replaceInRoot(root, groupId, (g) => (g.type === 'and' || g.type === 'or' ? { ...g, children: [...g.children, group] } : g));
  return { root: next, id: group.id, conditionId: condition.id };
}

/** Removes a row (with its "nicht") or a whole nested group. The root cannot be removed, only emptied. */
export function removeNode(root: GroupNode, id: string): GroupNode {
  if (id === root.id) return { ...root, children: [] };
  return replaceInRoot(root, slotId(root, id), () => null);
}

export function setGroupType(root: GroupNode, id: string, type: GroupType): GroupNode {
  return replaceInRoot(root, id, (g) => (g.type === 'and' || g.type === 'or' ? { ...g, type } : g));
}

export function isNegated(root: GroupNode, id: string): boolean {
  return parentOf(root, id)?.type === 'not';
}

/** "nicht" on or off for a row or nested group. */
export function toggleNot(root: GroupNode, id: string): GroupNode {
  if (id === root.id) return root;
  const parent = parentOf(root, id);
  if (parent?.type === 'not') return replaceInRoot(root, parent.id, (n) => (n.type === 'not' ? n.child : n));
  return replaceInRoot(root, id, (n) => ({ id: newId(), type: 'not', child: n }));
}

/** Moves a row one place up (-1) or down (+1) within its group; at either end nothing happens. */
export function moveNode(root: GroupNode, id: string, direction: -1 | 1): GroupNode {
  const slot = slotId(root, id);
  const group = parentOf(root, slot);
  if (!group || group.type === 'not') return root;
  const i = group.children.findIndex((c) => c.id === slot);
  const j = i + direction;
  if (i < 0 || j < 0 || j >= group.children.length) return root;
  return replaceInRoot(root, group.id, (g) => {
    if (g.type !== 'and' && g.type !== 'or') return g;
    const children = [...g.children];
    const [moved] = children.splice(i, 1);
    if (moved) children.splice(j, 0, moved);
    return { ...g, children };
  });
}

/** Chooses another field for a condition row: the value starts over, since values rarely carry across keys. */
export function changeField(root: GroupNode, id: string, field: Field): GroupNode {
  return replaceInRoot(root, id, (n) => {
    if (n.type !== 'filter' && n.type !== 'word') return n;
    if (field === 'word') return n.type === 'word' ? n : { id: n.id, type: 'word', text: '' };
    if (n.type === 'filter' && n.key === field) return n;
    return { id: n.id, type: 'filter', key: field, op: '=', value: defaultValue(field) };
  });
}

export function setComparator(root: GroupNode, id: string, op: Comparator): GroupNode {
  return replaceInRoot(root, id, (n) => (n.type === 'filter' ? { ...n, op: ORDERED_KEYS.has(n.key) ? op : '=' } : n));
}

export function setValue(root: GroupNode, id: string, value: string): GroupNode {
  return replaceInRoot(root, id, (n) => (n.type === 'filter' ? { ...n, value } : n.type === 'word' ? { ...n, text: value } : n));
}

// --- values with structure -------------------------------------------------------------------------------

/** `received:` value from its two parts: any topic is `*`, the date is optional (see RECEIVED_VALUE). */
export function receivedValue(topic: string | null, since: string | null): string {
  const t = topic === null || topic.trim() === '' ? '*' : topic.trim();
  return since ? `${t}>=${since}` : t;
}

// --- the field select ------------------------------------------------------------------------------------

export const FIELD_GROUPS = ['person', 'organisation', 'interests', 'sending', 'segments'] as const;
export type FieldGroup = (typeof FIELD_GROUPS)[number];

/** Every field once, in the group the field select lists it under. */
export const FIELDS_BY_GROUP: Record<FieldGroup, readonly Field[]> = {
  person: ['word', 'salutation', 'function', 'email', 'key', 'lang', 'verified', 'stale', 'source', 'recontact'],
  organisation: ['org', 'kind', 'size', 'employees', 'member', 'membership', 'funded', 'country', 'city', 'network', 'project'],
  interests: ['topic', 'interest', 'region', 'tag'],
  sending: ['status', 'consent', 'received'],
  segments: ['segment'],
};

export const ALL_FIELDS: readonly Field[] = ['word', ...FILTER_KEY_NAMES];

export function fieldOf(node: FilterNode | WordNode): Field {
  return node.type === 'word' ? 'word' : node.key;
}
