/**
 * The content library: every item with what it is about, who may read it and how far it is, filtered and
 * searched as you type (titles and texts in both languages; ä = ae as in the contacts search). An item opens
 * in the editor; "Neue Meldung" opens an empty one.
 */
import { Alert, Anchor, Badge, Button, ColorSwatch, Group, Loader, Select, SimpleGrid, Stack, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { IconClockPause, IconInfoCircle, IconPlus, IconSearch } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CONFIDENTIALITY_LEVELS, INFORMATION_KINDS, type Confidentiality } from '../../../../shared/domain';
import { CONTENT_STATUSES, type ContentItem, type ContentListInput } from '../../../../shared/content/schemas';
import { ErrorNotice } from '../../ErrorNotice';
import { EMPTY, useFormatters } from '../../format';
import { useApi } from '../../useApi';
import { ItemEditor } from './ItemEditor';

export const LEVEL_COLORS: Record<Confidentiality, string> = { public: 'green', members: 'blue', project_group: 'orange', confidential: 'red' };
const STATUS_COLORS = { draft: 'gray', ready: 'teal', used: 'violet' } as const;

export function LevelBadge({ item }: { item: Pick<ContentItem, 'confidentiality' | 'group'> }) {
  const { t } = useTranslation();
  return (
    <>
      <Badge variant="light" color={LEVEL_COLORS[item.confidentiality]} tt="none" fw={500}>
        {t(`content.levels.${item.confidentiality}`)}
      </Badge>
      {item.group && (
        <Text size="xs" c="dimmed" mt={2}>
          {item.group}
        </Text>
      )}
    </>
  );
}

export function itemTitle(item: ContentItem, lang: string): string {
  const first = lang === 'en' ? (item.texts.en ?? item.texts.de) : (item.texts.de ?? item.texts.en);
  return first?.title ?? '';
}

type Filters = Omit<ContentListInput, 'search'>;

export function ItemLibrary() {
  const { t, i18n } = useTranslation();
  const fmt = useFormatters();
  const [search, setSearch] = useState('');
  const [filters, setFilters] = useState<Filters>({});
  const [editing, setEditing] = useState<number | 'new' | null>(null);
  const [notice, setNotice] = useState<string>();
  const options = useApi('content/options', {});
  const list = useApi('content/list', { search, ...filters });
  const rows = list.data?.rows;
  const set = <K extends keyof Filters>(key: K, value: Filters[K] | null): void =>
    setFilters((f) => {
      const rest = Object.fromEntries(Object.entries(f).filter(([k]) => k !== key)) as Filters;
      return value === null || value === undefined ? rest : { ...rest, [key]: value };
    });
  const o = options.data;
  const projectName = useMemo(() => new Map((o?.projects ?? []).map((p) => [p.id, p.acronym])), [o]);
  const filtered = search.trim() !== '' || Object.keys(filters).length > 0;

  const select = (key: keyof Filters, label: string, data: { value: string; label: string }[], value: string | undefined, parse: (v: string) => Filters[keyof Filters]) => (
    <Select
      label={label}
      placeholder={t('content.list.any')}
      data={data}
      value={value ?? null}
      onChange={(v) => set(key, v === null ? null : parse(v))}
      clearable
      searchable
      size="sm"
      comboboxProps={{ withinPortal: true }}
    />
  );

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <TextInput
          label={t('content.list.search')}
          placeholder={t('content.list.searchPlaceholder')}
          leftSection={<IconSearch size={16} aria-hidden="true" />}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={420}
          maw="100%"
          type="search"
        />
        <Button leftSection={<IconPlus size={16} aria-hidden="true" />} onClick={() => setEditing('new')}>
          {t('content.list.new')}
        </Button>
      </Group>
      <SimpleGrid cols={{ base: 2, md: 4, lg: 7 }} spacing="xs">
        {select('informationKind', t('content.list.kind'), INFORMATION_KINDS.map((k) => ({ value: k, label: t(`content.kinds.${k}`) })), filters.informationKind, (v) => v as Filters['informationKind'])}
        {select('topic', t('content.list.topic'), (o?.topics ?? []).map((x) => ({ value: x, label: x })), filters.topic, (v) => v)}
        {select('projectId', t('content.list.project'), (o?.projects ?? []).map((p) => ({ value: String(p.id), label: p.acronym })), filters.projectId === undefined ? undefined : String(filters.projectId), (v) => Number(v))}
        {select('region', t('content.list.region'), (o?.regions ?? []).map((x) => ({ value: x, label: x })), filters.region, (v) => v)}
        {select('confidentiality', t('content.list.confidentiality'), CONFIDENTIALITY_LEVELS.map((k) => ({ value: k, label: t(`content.levels.${k}`) })), filters.confidentiality, (v) => v as Filters['confidentiality'])}
        {select('status', t('content.list.status'), CONTENT_STATUSES.map((k) => ({ value: k, label: t(`content.status.${k}`) })), filters.status, (v) => v as Filters['status'])}
        {select('language', t('content.list.language'), (['de', 'en'] as const).map((k) => ({ value: k, label: t(`content.languages.${k}`) })), filters.language, (v) => v as Filters['language'])}
      </SimpleGrid>

      {notice && (
        <Alert color="teal" variant="light" role="status" withCloseButton closeButtonLabel={t('common.close')} onClose={() => setNotice(undefined)}>
          {notice}
        </Alert>
      )}
      {list.error !== undefined && <ErrorNotice error={list.error} onRetry={list.reload} />}
      {options.error !== undefined && <ErrorNotice error={options.error} onRetry={options.reload} />}
      {!rows && list.loading && <Loader aria-label={t('app.loading')} />}
      {rows && (
        <Group justify="space-between">
          <Text size="sm" c="dimmed" role="status" aria-live="polite" data-testid="content-count">
            {t('content.list.count', { count: rows.length })}
          </Text>
          {filtered && (
            <Anchor
              component="button"
              size="sm"
              onClick={() => {
                setSearch('');
                setFilters({});
              }}
            >
              {t('content.list.reset')}
            </Anchor>
          )}
        </Group>
      )}
      {rows && rows.length === 0 && (
        <Alert icon={<IconInfoCircle />} color="gray" variant="light">
          {filtered ? t('content.list.noMatch') : t('content.list.empty')}
        </Alert>
      )}
      {rows && rows.length > 0 && (
        <Table.ScrollContainer minWidth={1080}>
          <Table highlightOnHover fz="sm" verticalSpacing={8} aria-label={t('content.list.table')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th miw={320}>
                  {t('content.list.titleCol')} · {t('content.list.languages')}
                </Table.Th>
                <Table.Th w={130}>{t('content.list.kind')}</Table.Th>
                <Table.Th w={140}>{t('content.list.topic')}</Table.Th>
                <Table.Th w={130}>{t('content.list.project')}</Table.Th>
                <Table.Th w={150}>{t('content.list.confidentiality')}</Table.Th>
                <Table.Th w={100}>{t('content.list.status')}</Table.Th>
                <Table.Th w={110}>{t('content.list.updated')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((item) => {
                const title = itemTitle(item, i18n.language) || t('content.list.untitled');
                return (
                  <Table.Tr key={item.id}>
                    <Table.Td>
                      <Group gap={6} wrap="nowrap" align="flex-start">
                        <Anchor component="button" type="button" fw={600} size="sm" ta="left" onClick={() => setEditing(item.id)} aria-label={t('content.list.open', { title })}>
                          {title}
                        </Anchor>
                        {item.embargoUntil && (
                          <Tooltip label={t('content.list.embargo', { date: fmt.date(item.embargoUntil) })} withArrow>
                            <IconClockPause size={16} color="var(--mantine-color-orange-7)" aria-label={t('content.list.embargo', { date: fmt.date(item.embargoUntil) })} style={{ flex: 'none', marginTop: 2 }} />
                          </Tooltip>
                        )}
                      </Group>
                      <Group gap={4} mt={2}>
                        {(['de', 'en'] as const)
                          .filter((l) => item.texts[l])
                          .map((l) => (
                            <Badge key={l} size="xs" variant="outline" color="gray" title={t(`content.languages.${l}`)} aria-label={t(`content.languages.${l}`)}>
                              {l.toUpperCase()}
                            </Badge>
                          ))}
                        {item.region && (
                          <Text size="xs" c="dimmed">
                            {item.region}
                          </Text>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td>{t(`content.kinds.${item.informationKind}`)}</Table.Td>
                    <Table.Td>{item.topic ?? EMPTY}</Table.Td>
                    <Table.Td>
                      <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                        {item.projectId !== null ? (projectName.get(item.projectId) ?? item.project) : EMPTY}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <LevelBadge item={item} />
                    </Table.Td>
                    <Table.Td>
                      <Group gap={6} wrap="nowrap">
                        <ColorSwatch color={`var(--mantine-color-${STATUS_COLORS[item.status]}-6)`} size={8} withShadow={false} aria-hidden="true" />
                        <Text size="sm">{t(`content.status.${item.status}`)}</Text>
                      </Group>
                    </Table.Td>
                    <Table.Td>{fmt.date(item.updatedAt.slice(0, 10))}</Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <ItemEditor
        target={editing}
        options={o}
        onClose={() => setEditing(null)}
        onSaved={() => {
          list.reload();
          options.reload();
        }}
        onDeleted={(title) => {
          setEditing(null);
          setNotice(t('content.list.deleted', { title }));
          list.reload();
        }}
      />
    </Stack>
  );
}
