/**
 * Kontakte: search as you type over all persons, a filter panel that edits the same query text, a
 * virtualised table, bulk actions for a selection and a detail drawer. The query lives in the address
 * (#/contacts?q=…) so a reload, the Back button and links from other screens keep it.
 */
import { Alert, Badge, Button, CloseButton, Collapse, Group, Paper, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { IconAlertTriangle, IconCircleCheck, IconFilter, IconSearch, IconUserPlus } from '@tabler/icons-react';
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ContactRow, type BulkAction, type ContactSort } from '../../../../shared/contacts/schemas';
import { call } from '../../api';
import { ErrorNotice } from '../../ErrorNotice';
import { personName, useFormatters } from '../../format';
import { FormModal } from '../../FormModal';
import { useApi } from '../../useApi';
import { useHash } from '../../useHash';
import { BulkBar } from './BulkBar';
import { ContactDrawer } from './ContactDrawer';
import { ContactForm } from './ContactForm';
import { ContactsTable } from './ContactsTable';
import { FilterPanel } from './FilterPanel';
import { listHash, queryFromHash } from './contactsHash';
import { ExportMenu } from './ExportMenu';
import { classifyProblem, filterCount, problemText, withoutFilters } from './queryText';
import { useContactPages } from './useContactPages';

const DEBOUNCE_MS = 150;

/** Where the "Alle Kontakte" tab leads: the list as the user last searched it in this session. */
let lastListHash = '#/contacts';
export const lastContactsListHash = (): string => lastListHash;

/**
 * Choices for the country and language filters, from what is on record. Only suggestions: if they fail to
 * load, the lists are empty and typing `country:FR` still works; the table reports any real API trouble.
 */
function useFilterOptions(): { countries: string[]; languages: string[] } {
  const orgs = useApi('organisations/list', { query: '' });
  const board = useApi('dashboard/get', {});
  return useMemo(
    () => ({
      countries: [...new Set((orgs.data?.rows ?? []).map((o) => o.country).filter((c): c is string => !!c))],
      languages: (board.data?.persons.byLanguage ?? []).map((l) => l.language),
    }),
    [orgs.data, board.data],
  );
}

export function ContactsScreen() {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const [text, setText] = useState(() => queryFromHash(window.location.hash));
  const [debounced] = useDebouncedValue(text, DEBOUNCE_MS);
  const query = debounced.trim();
  const [sort, setSort] = useState<ContactSort>('name');
  const [desc, setDesc] = useState(false);
  const pages = useContactPages(query, sort, desc);
  const { reload, replaceRow } = pages;
  const [filtersOpen, filters] = useDisclosure(filterCount(text) > 0);
  const panelId = useId();
  const options = useFilterOptions();

  const [selected, setSelected] = useState<ReadonlySet<number>>(() => new Set());
  const [allOf, setAllOf] = useState<string | null>(null);
  const [selecting, setSelecting] = useState(false);
  const [selectError, setSelectError] = useState<unknown>();
  const anchor = useRef<number | null>(null);
  const [openId, setOpenId] = useState<number | null>(null);
  const [notice, setNotice] = useState<string>();
  const [creating, setCreating] = useState(false);
  // Selecting all matches may answer after the screen has gone away; then nothing is set.
  const live = useRef(true);
  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);

  // A link or the navigation entry that leads here brings its own search.
  const navigated = useHash();
  useEffect(() => setText(queryFromHash(navigated)), [navigated]);

  // Keep the address in step with the search, without adding a history entry per keystroke.
  useEffect(() => {
    const hash = listHash(query);
    lastListHash = hash;
    if (window.location.hash !== hash) history.replaceState(history.state, '', hash);
  }, [query]);

  const total = pages.shown?.total ?? 0;
  const cache = pages.shown;

  const toggle = useCallback(
    (id: number, index: number, range: boolean) => {
      setAllOf(null);
      // Read before the update: the updater runs later, when the anchor already points at this row.
      const from = anchor.current;
      setSelected((prev) => {
        const next = new Set(prev);
        const on = !prev.has(id);
        if (range && from !== null && cache) {
          // Shift+click: everything between the last clicked row and this one that is loaded.
          for (let i = Math.min(from, index); i <= Math.max(from, index); i++) {
            const r = cache.row(i);
            if (r) {
              if (on) next.add(r.id);
              else next.delete(r.id);
            }
          }
        } else if (on) next.add(id);
        else next.delete(id);
        return next;
      });
      anchor.current = index;
    },
    [cache],
  );

  const clearSelection = useCallback(() => {
    setSelected(new Set());
    setAllOf(null);
    anchor.current = null;
  }, []);

  const busySelecting = useRef(false);
  const selectAllMatching = useCallback(async () => {
    if (busySelecting.current) return;
    busySelecting.current = true;
    setSelectError(undefined);
    setSelecting(true);
    try {
      const { ids } = await call('contacts/ids', { query });
      if (!live.current) return;
      setSelected((prev) => new Set([...prev, ...ids]));
      setAllOf(query);
    } catch (err) {
      if (live.current) setSelectError(err);
    } finally {
      busySelecting.current = false;
      if (live.current) setSelecting(false);
    }
  }, [query]);

  const allSelected: 'none' | 'some' | 'all' = selected.size === 0 ? 'none' : allOf === query && selected.size >= total ? 'all' : 'some';
  const onToggleAll = useCallback(() => {
    if (selected.size > 0) clearSelection();
    else void selectAllMatching();
  }, [selected.size, clearSelection, selectAllMatching]);

  const runBulk = useCallback(
    async (action: BulkAction) => {
      const res = await call('contacts/bulk', { ids: [...selected], action });
      setNotice(t('contacts.bulk.changed', { n: fmt.number(res.changed) }));
      reload();
    },
    [selected, reload, t, fmt],
  );

  /** Hand-picked lists are segments too: add to an existing list, or create one with this name. */
  const addToList = useCallback(
    async (name: string) => {
      const { segments } = await call('segments/vocabulary', {});
      const existing = segments.find((s) => s.name.toLocaleLowerCase() === name.toLocaleLowerCase());
      if (existing && existing.kind !== 'static') throw new Error(t('contacts.bulk.notAList', { name: existing.name }));
      const personIds = [...selected];
      const res = existing ? await call('segments/addMembers', { segmentId: existing.id, personIds }) : await call('segments/save', { name, kind: 'static', personIds });
      setNotice(t('contacts.bulk.addedToList', { name: res.name, n: fmt.number(res.members ?? 0) }));
    },
    [selected, t, fmt],
  );

  const onErased = useCallback(
    (id: number, name: string) => {
      setSelected((prev) => {
        if (!prev.has(id)) return prev;
        const next = new Set(prev);
        next.delete(id);
        return next;
      });
      setNotice(t('contacts.privacy.erased', { name }));
      reload();
    },
    [reload, t],
  );

  const onSort = useCallback((s: ContactSort, d: boolean) => {
    setSort(s);
    setDesc(d);
  }, []);

  const onSaved = useCallback((detail: ContactRow) => replaceRow(ContactRow.parse(detail)), [replaceRow]);

  const activeFilters = filterCount(text);
  const problems = pages.problems.map(classifyProblem);

  const empty =
    query === '' ? (
      t('contacts.emptyDatabase')
    ) : (
      <Stack gap="xs" align="flex-start">
        <Text fw={600}>{t('contacts.empty')}</Text>
        <Text size="sm">{t('contacts.emptyHint')}</Text>
        {activeFilters > 0 && (
          <Button size="xs" variant="light" onClick={() => setText(withoutFilters(text))}>
            {t('contacts.resetFilters')}
          </Button>
        )}
      </Stack>
    );

  return (
    <Stack gap="sm">
      <Group align="flex-end" gap="sm" wrap="nowrap">
        <TextInput
          flex={1}
          label={t('contacts.search')}
          placeholder={t('contacts.searchPlaceholder')}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape' && text !== '') {
              e.preventDefault();
              setText('');
            }
          }}
          leftSection={<IconSearch size={16} aria-hidden="true" />}
          rightSection={text !== '' ? <CloseButton size="sm" aria-label={t('contacts.clearSearch')} onClick={() => setText('')} /> : null}
          spellCheck={false}
          autoComplete="off"
        />
        <Button
          variant={filtersOpen ? 'light' : 'default'}
          leftSection={<IconFilter size={16} aria-hidden="true" />}
          rightSection={
            activeFilters > 0 ? (
              <Badge size="sm" circle>
                {activeFilters}
              </Badge>
            ) : null
          }
          onClick={filters.toggle}
          aria-expanded={filtersOpen}
          aria-controls={panelId}
        >
          {t('contacts.filters')}
        </Button>
        <ExportMenu query={query} selected={selected} disabled={total === 0 && selected.size === 0} onDone={setNotice} />
        <Button leftSection={<IconUserPlus size={16} aria-hidden="true" />} onClick={() => setCreating(true)}>
          {t('contacts.create.button')}
        </Button>
      </Group>
      <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap" mih={22}>
        <Stack gap={2} role="status">
          {problems.map((p, i) => (
            <Group key={`${i}:${p.token}`} gap={6} wrap="nowrap">
              <IconAlertTriangle size={14} color="var(--mantine-color-orange-7)" aria-hidden="true" />
              <Text size="xs" c="orange.9">
                {problemText(t, p)}
              </Text>
            </Group>
          ))}
        </Stack>
        <Text size="sm" fw={600} c={pages.stale ? 'dimmed' : undefined} aria-live="polite" style={{ whiteSpace: 'nowrap' }}>
          {pages.shown ? t('contacts.count', { count: total, n: fmt.number(total) }) : t('app.loading')}
        </Text>
      </Group>
      <Collapse expanded={filtersOpen}>
        <Paper withBorder p="md" id={panelId} component="section" aria-label={t('contacts.filterPanel')}>
          <FilterPanel text={text} onChange={setText} countries={options.countries} languages={options.languages} />
        </Paper>
      </Collapse>
      {notice !== undefined && (
        <Alert color="teal" icon={<IconCircleCheck />} role="status" py={6} withCloseButton onClose={() => setNotice(undefined)} closeButtonLabel={t('common.close')}>
          {notice}
        </Alert>
      )}
      {selectError !== undefined && <ErrorNotice error={selectError} />}
      {selected.size > 0 && (
        <BulkBar
          count={selected.size}
          total={total}
          allMatching={allOf === query}
          selecting={selecting}
          onRun={runBulk}
          onAddToList={addToList}
          onSelectAll={() => void selectAllMatching()}
          onClear={clearSelection}
        />
      )}
      {pages.error !== undefined && <ErrorNotice error={pages.error} onRetry={pages.reload} />}
      <ContactsTable
        cache={cache}
        stale={pages.stale}
        sort={sort}
        desc={desc}
        onSort={onSort}
        selected={selected}
        allSelected={allSelected}
        onToggle={toggle}
        onToggleAll={onToggleAll}
        onOpen={setOpenId}
        onRange={pages.requestRange}
        resetKey={`${query}|${sort}|${desc}`}
        empty={empty}
      />
      <ContactDrawer personId={openId} onClose={() => setOpenId(null)} onSaved={onSaved} onErased={onErased} />
      <FormModal opened={creating} title={t('contacts.form.createTitle')} onClose={() => setCreating(false)}>
        {(onDirtyChange) => (
          <ContactForm
            onDirtyChange={onDirtyChange}
            onCancel={() => setCreating(false)}
            onSaved={(person) => {
              // The new person opens in the drawer; the list shows them once they match the search.
              setCreating(false);
              setNotice(t('contacts.create.created', { name: personName(person) }));
              reload();
              setOpenId(person.id);
            }}
          />
        )}
      </FormModal>
    </Stack>
  );
}
