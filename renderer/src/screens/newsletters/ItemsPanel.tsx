/**
 * The items of an issue: picked from the content library (search, kind of information, confidentiality)
 * and put in order — by drag and drop, or with the keyboard (the arrow buttons, or Alt+↑/↓ on a row).
 * Confidentiality shows on every item, so a project-group item stands out before the guard has to stop it.
 */
import { DndContext, KeyboardSensor, PointerSensor, closestCenter, useSensor, useSensors, type DragEndEvent } from '@dnd-kit/core';
import { SortableContext, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { ActionIcon, Badge, Button, Group, NumberInput, Paper, ScrollArea, Select, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconGripVertical, IconPlus, IconSearch, IconX } from '@tabler/icons-react';
import { useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContentItem } from '../../../../shared/content/schemas';
import { CONFIDENTIALITY_LEVELS, INFORMATION_KINDS, type Confidentiality, type InformationKind } from '../../../../shared/domain';
import type { MessageKind } from '../../../../shared/newsletters/schemas';
import { ErrorNotice } from '../../ErrorNotice';
import { move } from './composerModel';
import { newsletterApi } from './newsletterApi';

const CONFIDENTIALITY_COLOR: Record<Confidentiality, string> = { public: 'gray', members: 'teal', project_group: 'orange', confidential: 'red' };

export function itemTitle(item: ContentItem | undefined, language: string): string {
  if (!item) return '…';
  const texts = language === 'en' ? [item.texts.en, item.texts.de] : [item.texts.de, item.texts.en];
  return texts.find((x) => x)?.title ?? `#${item.id}`;
}

export function ConfidentialityBadge({ item }: { item: ContentItem }) {
  const { t } = useTranslation();
  const text = t(`newsletters.confidentiality.${item.confidentiality}`) + (item.group && item.confidentiality !== 'public' && item.confidentiality !== 'members' ? `: ${item.group}` : '');
  return (
    <Badge size="xs" variant="light" color={CONFIDENTIALITY_COLOR[item.confidentiality]} fw={500} style={{ textTransform: 'none' }}>
      {text}
    </Badge>
  );
}

function ChosenRow({ item, id, index, count, language, onMove, onRemove }: { item: ContentItem | undefined; id: number; index: number; count: number; language: string; onMove(from: number, to: number): void; onRemove(index: number): void }) {
  const { t } = useTranslation();
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id });
  const title = itemTitle(item, language);
  const onKey = (e: KeyboardEvent): void => {
    if (!e.altKey) return;
    if (e.key === 'ArrowUp' && index > 0) {
      e.preventDefault();
      onMove(index, index - 1);
    } else if (e.key === 'ArrowDown' && index < count - 1) {
      e.preventDefault();
      onMove(index, index + 1);
    }
  };
  return (
    <Paper
      ref={setNodeRef}
      withBorder
      p={6}
      radius="sm"
      role="listitem"
      aria-label={title}
      tabIndex={0}
      onKeyDown={onKey}
      data-item-id={id}
      style={{ transform: CSS.Transform.toString(transform), transition, opacity: isDragging ? 0.6 : 1, zIndex: isDragging ? 2 : undefined, position: 'relative' }}
    >
      <Group gap={6} wrap="nowrap" align="center">
        <ActionIcon ref={setActivatorNodeRef} variant="subtle" color="gray" size="sm" aria-label={t('newsletters.items.drag', { title })} {...attributes} {...listeners} style={{ cursor: 'grab' }}>
          <IconGripVertical size={14} aria-hidden="true" />
        </ActionIcon>
        <Text size="xs" c="dimmed" w={18} ta="right">
          {index + 1}.
        </Text>
        <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
          <Text size="sm" truncate="end" title={title}>
            {title}
          </Text>
          {item && (
            <Group gap={4}>
              <ConfidentialityBadge item={item} />
              <Badge size="xs" variant="outline" color="gray" fw={400} style={{ textTransform: 'none' }}>
                {t(`newsletters.informationKinds.${item.informationKind}`)}
              </Badge>
            </Group>
          )}
        </Stack>
        <ActionIcon variant="subtle" size="sm" aria-label={t('newsletters.items.up', { title })} disabled={index === 0} onClick={() => onMove(index, index - 1)}>
          <IconArrowUp size={14} aria-hidden="true" />
        </ActionIcon>
        <ActionIcon variant="subtle" size="sm" aria-label={t('newsletters.items.down', { title })} disabled={index === count - 1} onClick={() => onMove(index, index + 1)}>
          <IconArrowDown size={14} aria-hidden="true" />
        </ActionIcon>
        <ActionIcon variant="subtle" color="red" size="sm" aria-label={t('newsletters.items.remove', { title })} onClick={() => onRemove(index)}>
          <IconX size={14} aria-hidden="true" />
        </ActionIcon>
      </Group>
    </Paper>
  );
}

interface Props {
  kind: MessageKind;
  itemIds: number[];
  maxItems: number | null;
  language: string;
  onItems(ids: number[], key: string): void;
  onMaxItems(n: number | null): void;
}

export function ItemsPanel({ kind, itemIds, maxItems, language, onItems, onMaxItems }: Props) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [infoKind, setInfoKind] = useState<InformationKind | null>(null);
  const [level, setLevel] = useState<Confidentiality | null>(null);
  const [library, setLibrary] = useState<ContentItem[]>([]);
  const [known, setKnown] = useState<Map<number, ContentItem>>(new Map());
  const [error, setError] = useState<unknown>();

  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      newsletterApi.content({ search, ...(infoKind ? { informationKind: infoKind } : {}), ...(level ? { confidentiality: level } : {}) }).then(
        (r) => {
          if (!live) return;
          setError(undefined);
          setLibrary(r.rows);
          setKnown((m) => {
            const next = new Map(m);
            for (const x of r.rows) next.set(x.id, x);
            return next;
          });
        },
        (e: unknown) => live && setError(e),
      );
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [search, infoKind, level]);

  // Chosen items outside the current filter still need their titles: the whole library once.
  useEffect(() => {
    newsletterApi.content({ search: '' }).then(
      (r) =>
        setKnown((m) => {
          const next = new Map(m);
          for (const x of r.rows) next.set(x.id, x);
          return next;
        }),
      () => undefined,
    );
  }, []);

  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 4 } }), useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }));
  const chosen = useMemo(() => new Set(itemIds), [itemIds]);
  const onDragEnd = (e: DragEndEvent): void => {
    if (!e.over || e.active.id === e.over.id) return;
    onItems(move(itemIds, itemIds.indexOf(Number(e.active.id)), itemIds.indexOf(Number(e.over.id))), 'items.order');
  };
  const onMove = (from: number, to: number): void => {
    onItems(move(itemIds, from, to), 'items.order');
    // Keep the keyboard where the item went, so Alt+↓ can be pressed again.
    requestAnimationFrame(() => {
      const id = itemIds[from];
      document.querySelector<HTMLElement>(`[data-item-id="${id}"]`)?.focus();
    });
  };

  return (
    <Stack gap="sm">
      <div>
        <Group justify="space-between" mb={4}>
          <Text fw={600} size="sm" id="chosen-items">
            {t('newsletters.items.chosen', { count: itemIds.length })}
          </Text>
          {kind === 'mailing' && (
            <NumberInput size="xs" w={230} label={t('newsletters.items.maxItems')} min={1} max={50} value={maxItems ?? ''} onChange={(v) => onMaxItems(typeof v === 'number' && v > 0 ? v : null)} styles={{ root: { display: 'flex', alignItems: 'center', gap: 6 }, label: { whiteSpace: 'nowrap' } }} />
          )}
        </Group>
        {itemIds.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('newsletters.items.none')}
          </Text>
        )}
        <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd}>
          <SortableContext items={itemIds} strategy={verticalListSortingStrategy}>
            <Stack gap={4} role="list" aria-labelledby="chosen-items">
              {itemIds.map((id, i) => (
                <ChosenRow key={id} id={id} item={known.get(id)} index={i} count={itemIds.length} language={language} onMove={onMove} onRemove={(idx) => onItems(itemIds.filter((_, j) => j !== idx), 'items.remove')} />
              ))}
            </Stack>
          </SortableContext>
        </DndContext>
        {itemIds.length > 1 && (
          <Text size="xs" c="dimmed" mt={4}>
            {t('newsletters.items.keyboardHint')}
          </Text>
        )}
      </div>

      <Paper withBorder p="xs" radius="sm" role="region" aria-label={t('newsletters.items.library')}>
        <Text fw={600} size="sm" mb={4}>
          {t('newsletters.items.library')}
        </Text>
        <Group gap="xs" grow mb="xs" align="flex-end">
          <TextInput size="xs" aria-label={t('newsletters.items.search')} placeholder={t('newsletters.items.search')} leftSection={<IconSearch size={14} aria-hidden="true" />} value={search} onChange={(e) => setSearch(e.currentTarget.value)} />
          <Select
            size="xs"
            aria-label={t('newsletters.items.kindFilter')}
            placeholder={t('newsletters.items.kindFilter')}
            clearable
            data={INFORMATION_KINDS.map((k) => ({ value: k, label: t(`newsletters.informationKinds.${k}`) }))}
            value={infoKind}
            onChange={(v) => setInfoKind((INFORMATION_KINDS as readonly string[]).includes(v ?? '') ? (v as InformationKind) : null)}
          />
          <Select
            size="xs"
            aria-label={t('newsletters.items.levelFilter')}
            placeholder={t('newsletters.items.levelFilter')}
            clearable
            data={CONFIDENTIALITY_LEVELS.map((k) => ({ value: k, label: t(`newsletters.confidentiality.${k}`) }))}
            value={level}
            onChange={(v) => setLevel((CONFIDENTIALITY_LEVELS as readonly string[]).includes(v ?? '') ? (v as Confidentiality) : null)}
          />
        </Group>
        {error !== undefined && <ErrorNotice error={error} />}
        <ScrollArea.Autosize mah={260} type="auto" scrollbars="y">
          <Stack gap={4} role="list" aria-label={t('newsletters.items.library')}>
            {library.map((item) => {
              const title = itemTitle(item, language);
              const isIn = chosen.has(item.id);
              return (
                <Group key={item.id} gap={6} wrap="nowrap" role="listitem" aria-label={title}>
                  <Tooltip label={isIn ? t('newsletters.items.already') : t('newsletters.items.add')} openDelay={300}>
                    <ActionIcon variant="light" size="sm" disabled={isIn} aria-label={t('newsletters.items.addTitle', { title })} onClick={() => onItems([...itemIds, item.id], 'items.add')}>
                      <IconPlus size={14} aria-hidden="true" />
                    </ActionIcon>
                  </Tooltip>
                  <Stack gap={0} style={{ flex: 1, minWidth: 0 }}>
                    <Text size="sm" truncate="end" title={title} c={isIn ? 'dimmed' : undefined}>
                      {title}
                    </Text>
                    <Group gap={4}>
                      <ConfidentialityBadge item={item} />
                      <Text size="xs" c="dimmed">
                        {t(`newsletters.informationKinds.${item.informationKind}`)}
                        {item.project ? ` · ${item.project}` : ''}
                        {item.status !== 'ready' ? ` · ${t(`newsletters.itemStatus.${item.status}`)}` : ''}
                      </Text>
                    </Group>
                  </Stack>
                </Group>
              );
            })}
            {library.length === 0 && error === undefined && (
              <Text size="sm" c="dimmed">
                {t('newsletters.items.noMatch')}
              </Text>
            )}
          </Stack>
        </ScrollArea.Autosize>
        {library.some((x) => !chosen.has(x.id)) && (
          <Button variant="subtle" size="compact-xs" mt={4} onClick={() => onItems([...itemIds, ...library.map((x) => x.id).filter((id) => !chosen.has(id))], 'items.add')}>
            {t('newsletters.items.addAll', { count: library.filter((x) => !chosen.has(x.id)).length })}
          </Button>
        )}
      </Paper>
    </Stack>
  );
}
