/**
 * The rule builder: nested groups ("alle Bedingungen" / "mindestens eine"), each with condition rows
 * (field · comparator · value) and nested groups; every row and group can be negated ("nicht"), moved and
 * removed. It edits the builder state (builderModel.ts) and reports each new state; the text view beside it
 * is the same rule written out.
 */
import { ActionIcon, Box, Button, Group, Paper, SegmentedControl, Select, Stack, Text, Tooltip } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconFolderPlus, IconPlus, IconTrash } from '@tabler/icons-react';
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { COMPARATORS, ORDERED_KEYS, type Comparator } from '../../../../shared/contacts/query';
import type { Vocabulary } from '../../../../shared/segments/schemas';
import {
  addCondition,
  addGroup,
  ALL_FIELDS,
  changeField,
  FIELD_GROUPS,
  FIELDS_BY_GROUP,
  fieldOf,
  isComplete,
  isGroup,
  moveNode,
  newCondition,
  removeNode,
  setComparator,
  setGroupType,
  setValue,
  toggleNot,
  type Field,
  type FilterNode,
  type GroupNode,
  type GroupType,
  type WordNode,
} from './builderModel';
import classes from './Segments.module.css';
import { ValueInput } from './ValueInput';

export interface RuleBuilderProps {
  root: GroupNode;
  onChange(root: GroupNode): void;
  vocabulary: Vocabulary | undefined;
  /** The segment being edited, which cannot refer to itself. */
  selfName: string | null;
}

interface Ctx {
  /** The current tree, read when a control is used (not while rendering), so the context stays stable. */
  readonly root: GroupNode;
  edit(next: GroupNode, focus?: string): void;
  /** "Enter in a value adds the next condition": appends a new condition to the group `groupId`. */
  addTo(groupId: string): void;
  vocabulary: Vocabulary | undefined;
  selfName: string | null;
}

/** The `verified:never` value, offered in the comparator select. */
const NEVER = 'never';

const fieldInputId = (id: string): string => `segment-rule-${id}-field`;
const groupToggleId = (id: string): string => `segment-rule-${id}-type`;

export const RuleBuilder = memo(function RuleBuilder({ root, onChange, vocabulary, selfName }: RuleBuilderProps) {
  const { t } = useTranslation();
  // Which control to focus once the next state has rendered: the new row's field after "add condition".
  const [focus, setFocus] = useState<string | null>(null);
  useEffect(() => {
    if (focus === null) return;
    document.getElementById(focus)?.focus();
    setFocus(null);
  }, [focus, root]);

  // One stable context for all rows, so that memoised rows whose node did not change skip rendering: an
  // edit re-renders the changed row and its groups, not every select in the builder.
  const rootRef = useRef(root);
  rootRef.current = root;
  const ctx = useMemo<Ctx>(() => {
    const edit = (next: GroupNode, focusId?: string): void => {
      onChange(next);
      if (focusId) setFocus(focusId);
    };
    return {
      get root() {
        return rootRef.current;
      },
      vocabulary,
      selfName,
      edit,
      addTo: (groupId) => {
        const r = addCondition(rootRef.current, groupId, newCondition());
        edit(r.root, fieldInputId(r.id));
      },
    };
  }, [onChange, vocabulary, selfName]);
  return (
    <Box role="group" aria-label={t('segments.builder.label')}>
      <GroupView node={root} path="" depth={0} negated={false} ctx={ctx} />
      {root.children.length === 0 && (
        <Text size="sm" c="dimmed" mt="xs">
          {t('segments.builder.emptyHint')}
        </Text>
      )}
      <Text size="xs" c="dimmed" mt={6}>
        {t('segments.builder.keyboardHint')}
      </Text>
    </Box>
  );
});

/** "nicht" before a row or group: a toggle button, pressed when the row is negated. */
function NotToggle({ pressed, onToggle, label }: { pressed: boolean; onToggle(): void; label: string }) {
  const { t } = useTranslation();
  return (
    <Button
      size="compact-sm"
      variant={pressed ? 'filled' : 'subtle'}
      color={pressed ? 'red' : 'gray'}
      aria-pressed={pressed}
      aria-label={label}
      onClick={onToggle}
      miw={58}
      className={classes.notToggle}
    >
      {t('segments.builder.not')}
    </Button>
  );
}

function RowTools({ ctx, id, label, first, last }: { ctx: Ctx; id: string; label: string; first: boolean; last: boolean }) {
  const { t } = useTranslation();
  return (
    <Group gap={2} wrap="nowrap">
      <Tooltip label={t('segments.builder.moveUp')} withArrow openDelay={400}>
        <ActionIcon variant="subtle" color="gray" aria-label={t('segments.builder.moveUpOf', { row: label })} disabled={first} onClick={() => ctx.edit(moveNode(ctx.root, id, -1))}>
          <IconArrowUp size={16} aria-hidden="true" />
        </ActionIcon>
      </Tooltip>
      <Tooltip label={t('segments.builder.moveDown')} withArrow openDelay={400}>
        <ActionIcon variant="subtle" color="gray" aria-label={t('segments.builder.moveDownOf', { row: label })} disabled={last} onClick={() => ctx.edit(moveNode(ctx.root, id, 1))}>
          <IconArrowDown size={16} aria-hidden="true" />
        </ActionIcon>
      </Tooltip>
      <Tooltip label={t('segments.builder.remove')} withArrow openDelay={400}>
        <ActionIcon variant="subtle" color="red" aria-label={t('segments.builder.removeOf', { row: label })} onClick={() => ctx.edit(removeNode(ctx.root, id))}>
          <IconTrash size={16} aria-hidden="true" />
        </ActionIcon>
      </Tooltip>
    </Group>
  );
}

/** A row's number as people read it: "2", or "3.1" for the first row of the third entry's group. */
const rowPath = (parent: string, index: number): string => (parent === '' ? `${index + 1}` : `${parent}.${index + 1}`);

const GroupView = memo(function GroupView({
  node,
  path,
  depth,
  negated,
  ctx,
  first = true,
  last = true,
}: {
  node: GroupNode;
  path: string;
  depth: number;
  negated: boolean;
  ctx: Ctx;
  first?: boolean;
  last?: boolean;
}) {
  const { t } = useTranslation();
  const nested = depth > 0;
  const label = nested ? t('segments.builder.group', { row: path }) : t('segments.builder.rootGroup');
  const joiner = t(node.type === 'and' ? 'segments.builder.and' : 'segments.builder.or');

  return (
    <Paper
      withBorder={nested}
      p={nested ? 'sm' : 0}
      radius="md"
      className={nested ? (node.type === 'and' ? classes.groupAnd : classes.groupOr) : undefined}
      bg={nested ? (depth % 2 === 1 ? 'gray.0' : 'white') : undefined}
      role="group"
      aria-label={label}
    >
      <GroupHeader nodeId={node.id} type={node.type} nested={nested} negated={negated} label={label} ctx={ctx} first={first} last={last} />

      <Stack gap={4}>
        {node.children.map((c, i) => {
          const inner = c.type === 'not' ? c.child : c;
          const isNeg = c.type === 'not';
          const p = rowPath(path, i);
          return (
            // Keyed by the row's own node, not by its slot: "nicht" wraps the node in a new slot, and a
            // new key would rebuild the row's selects from scratch (and drop the focus from the toggle).
            <div key={inner.id}>
              {i > 0 && (
                <Text size="xs" fw={700} c={node.type === 'and' ? 'teal.8' : 'orange.8'} tt="uppercase" pl={4} aria-hidden="true" className={classes.joiner}>
                  {joiner}
                </Text>
              )}
              {isGroup(inner) ? (
                <GroupView node={inner} path={p} depth={depth + 1} negated={isNeg} ctx={ctx} first={i === 0} last={i === node.children.length - 1} />
              ) : inner.type === 'not' ? (
                // A "nicht" directly inside a "nicht" is folded away when reading a rule; never built here.
                <Text size="sm" c="dimmed">
                  {t('segments.builder.doubleNot')}
                </Text>
              ) : (
                <ConditionRow node={inner} path={p} negated={isNeg} ctx={ctx} first={i === 0} last={i === node.children.length - 1} groupId={node.id} />
              )}
            </div>
          );
        })}
      </Stack>

      <GroupFooter nodeId={node.id} nested={nested} label={label} ctx={ctx} />
    </Paper>
  );
});

/**
 * A group's head (its "nicht", "all/any" switch and tools) and foot (the add buttons) only change with the
 * group's own settings: memoised apart from the rows, an edit inside the group does not re-render them.
 */
const GroupHeader = memo(function GroupHeader({
  nodeId,
  type,
  nested,
  negated,
  label,
  ctx,
  first,
  last,
}: {
  nodeId: string;
  type: GroupType;
  nested: boolean;
  negated: boolean;
  label: string;
  ctx: Ctx;
  first: boolean;
  last: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Group justify="space-between" gap="xs" mb="xs" wrap="wrap">
      <Group gap="xs" wrap="wrap">
        {nested && <NotToggle pressed={negated} onToggle={() => ctx.edit(toggleNot(ctx.root, nodeId))} label={t('segments.builder.notOf', { row: label })} />}
        <Text size="sm" fw={600} aria-hidden="true">
          {t(nested ? 'segments.builder.groupMatches' : 'segments.builder.rootMatches')}
        </Text>
        <SegmentedControl
          id={groupToggleId(nodeId)}
          size="xs"
          aria-label={nested ? `${label}: ${t('segments.builder.groupMatches')}` : t('segments.builder.rootMatches')}
          value={type}
          onChange={(v) => ctx.edit(setGroupType(ctx.root, nodeId, v === 'or' ? 'or' : ('and' satisfies GroupType)))}
          data={[
            { value: 'and', label: t('segments.builder.all') },
            { value: 'or', label: t('segments.builder.any') },
          ]}
        />
      </Group>
      {nested && <RowTools ctx={ctx} id={nodeId} label={label} first={first} last={last} />}
    </Group>
  );
});

const GroupFooter = memo(function GroupFooter({ nodeId, nested, label, ctx }: { nodeId: string; nested: boolean; label: string; ctx: Ctx }) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" mt="xs">
      <Button size="compact-sm" variant="light" leftSection={<IconPlus size={14} aria-hidden="true" />} onClick={() => ctx.addTo(nodeId)} aria-label={nested ? t('segments.builder.addConditionTo', { row: label }) : undefined}>
        {t('segments.builder.addCondition')}
      </Button>
      <Button
        size="compact-sm"
        variant="subtle"
        leftSection={<IconFolderPlus size={14} aria-hidden="true" />}
        onClick={() => {
          const r = addGroup(ctx.root, nodeId);
          ctx.edit(r.root, fieldInputId(r.conditionId));
        }}
        aria-label={nested ? t('segments.builder.addGroupTo', { row: label }) : undefined}
      >
        {t('segments.builder.addGroup')}
      </Button>
    </Group>
  );
});

const ConditionRow = memo(function ConditionRow({
  node,
  path,
  negated,
  ctx,
  first,
  last,
  groupId,
}: {
  node: FilterNode | WordNode;
  path: string;
  negated: boolean;
  ctx: Ctx;
  first: boolean;
  last: boolean;
  groupId: string;
}) {
  const { t } = useTranslation();
  const rowLabel = t('segments.builder.condition', { row: path });
  return (
    <Group gap="xs" wrap="wrap" align="flex-start" className={classes.row} role="group" aria-label={rowLabel}>
      <NotToggle pressed={negated} onToggle={() => ctx.edit(toggleNot(ctx.root, node.id))} label={t('segments.builder.notOf', { row: rowLabel })} />
      <ConditionControls node={node} rowLabel={rowLabel} ctx={ctx} first={first} last={last} groupId={groupId} />
    </Group>
  );
});

/**
 * A condition's field, comparator, value and tools. Memoised apart from its "nicht": toggling that wraps
 * the same condition node, so these (Mantine selects, the heaviest part of the builder) do not re-render.
 */
const ConditionControls = memo(function ConditionControls({
  node,
  rowLabel,
  ctx,
  first,
  last,
  groupId,
}: {
  node: FilterNode | WordNode;
  rowLabel: string;
  ctx: Ctx;
  first: boolean;
  last: boolean;
  groupId: string;
}) {
  const { t } = useTranslation();
  const onEnter = (): void => ctx.addTo(groupId);
  const field = fieldOf(node);
  const fieldLabel = (f: Field): string => (f === 'word' ? t('segments.fields.word') : t(`contacts.filter.${f}`));
  const fieldOptions = useMemo(
    () =>
      FIELD_GROUPS.map((g) => ({
        group: t(`segments.fieldGroups.${g}`),
        items: FIELDS_BY_GROUP[g].map((f) => ({ value: f, label: f === 'word' ? t('segments.fields.word') : t(`contacts.filter.${f}`) })),
      })),
    [t],
  );
  const value = node.type === 'filter' ? node.value : node.text;
  const invalid = value.trim() !== '' && !isComplete(node);
  const opKind = field === 'verified' ? 'date' : 'number';

  return (
    <>
      <Select
        id={fieldInputId(node.id)}
        aria-label={t('segments.builder.fieldOf', { row: rowLabel })}
        data={fieldOptions}
        value={field}
        onChange={(v) => {
          const next = ALL_FIELDS.find((f) => f === v);
          if (next) ctx.edit(changeField(ctx.root, node.id, next));
        }}
        allowDeselect={false}
        searchable
        openOnFocus={false}
        maxDropdownHeight={360}
        comboboxProps={{ withinPortal: true, width: 280 }}
        w={190}
      />
      {node.type === 'filter' && ORDERED_KEYS.has(node.key) && (
        <Select
          aria-label={t('segments.builder.comparatorOf', { row: rowLabel })}
          data={[
            ...COMPARATORS.map((c) => ({ value: c, label: t(`segments.ops.${opKind}.${opName(c)}`) })),
            // "nie geprüft" is a value, not a comparison, but it reads as one: "Zuletzt geprüft · nie".
            ...(node.key === 'verified' ? [{ value: NEVER, label: t('segments.builder.neverVerified') }] : []),
          ]}
          value={node.value === NEVER ? NEVER : node.op}
          onChange={(v) => {
            if (v === NEVER) ctx.edit(setValue(setComparator(ctx.root, node.id, '='), node.id, NEVER));
            else {
              const op = COMPARATORS.find((c) => c === v) ?? '=';
              const next = setComparator(ctx.root, node.id, op);
              ctx.edit(node.value === NEVER ? setValue(next, node.id, '') : next);
            }
          }}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true, width: 160 }}
          w={node.key === 'verified' ? 116 : 76}
        />
      )}
      <ValueInput
        filterKey={node.type === 'filter' ? node.key : 'word'}
        value={value}
        onChange={(v) => ctx.edit(setValue(ctx.root, node.id, v))}
        onEnter={onEnter}
        rowLabel={rowLabel}
        keyLabel={fieldLabel(field)}
        vocabulary={ctx.vocabulary}
        selfName={ctx.selfName}
        invalid={invalid}
      />
      <RowTools ctx={ctx} id={node.id} label={rowLabel} first={first} last={last} />
    </>
  );
});

function opName(c: Comparator): 'eq' | 'lt' | 'le' | 'gt' | 'ge' {
  switch (c) {
    case '=':
      return 'eq';
    case '<':
      return 'lt';
    case '<=':
      return 'le';
    case '>':
      return 'gt';
    case '>=':
      return 'ge';
  }
}

