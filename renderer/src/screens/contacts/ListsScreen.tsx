/**
 * Themen & Schlagwörter: the two managed vocabularies side by side, each with its uses. Imports and bulk
 * actions add names as people type them, so this is where "Leichtbau" and "Leichtbau " become one:
 * rename inline, merge into another entry, delete (asked first; a topic of an R&D project is not deleted
 * but merged, so the project keeps a topic).
 */
import { ActionIcon, Alert, Anchor, Button, Card, Grid, Group, Loader, Modal, Select, Stack, Table, Text, TextInput, Title, Tooltip, VisuallyHidden } from '@mantine/core';
import { IconArrowMerge, IconCheck, IconCircleCheck, IconPencil, IconPlus, IconSearch, IconTrash, IconX } from '@tabler/icons-react';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiCallError, call } from '../../api';
import { ErrorNotice } from '../../ErrorNotice';
import { useFormatters } from '../../format';
import { useApi } from '../../useApi';
import { filterText, listHash } from './contactsHash';

type Kind = 'topics' | 'tags';

/** A topic or a tag; tags are used by persons only. */
interface Entry {
  id: number;
  name: string;
  persons: number;
  organisations?: number;
  projects?: number;
  contentItems?: number;
}

/** The API per list; the contract keeps them apart, the screen treats them alike. */
const API: Record<Kind, { create(name: string): Promise<unknown>; rename(id: number, name: string): Promise<unknown>; merge(id: number, intoId: number): Promise<unknown>; remove(id: number): Promise<unknown> }> = {
  topics: {
    create: (name) => call('topics/create', { name }),
    rename: (id, name) => call('topics/rename', { id, name }),
    merge: (id, intoId) => call('topics/merge', { id, intoId }),
    remove: (id) => call('topics/delete', { id, confirm: true }),
  },
  tags: {
    create: (name) => call('tags/create', { name }),
    rename: (id, name) => call('tags/rename', { id, name }),
    merge: (id, intoId) => call('tags/merge', { id, intoId }),
    remove: (id) => call('tags/delete', { id, confirm: true }),
  },
};

/** Same limits as the contract (TopicName, TagName). */
const MAX: Record<Kind, number> = { topics: 200, tags: 100 };
const SHOW_FILTER_FROM = 10;

const isConflict = (err: unknown): boolean => err instanceof ApiCallError && err.shape.code === 'conflict';

interface ListState {
  rows: Entry[] | undefined;
  error: unknown;
  reload(): void;
}

function ManagedList({ kind, state }: { kind: Kind; state: ListState }) {
  const { t, i18n } = useTranslation();
  const fmt = useFormatters();
  const [filter, setFilter] = useState('');
  const [newName, setNewName] = useState('');
  const [addError, setAddError] = useState<string>();
  const [addFailure, setAddFailure] = useState<unknown>();
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<{ id: number; value: string; error?: string | undefined; failure?: unknown; busy: boolean } | null>(null);
  const [merging, setMerging] = useState<Entry | null>(null);
  const [deleting, setDeleting] = useState<Entry | null>(null);
  const [notice, setNotice] = useState<string>();

  const collator = useMemo(() => new Intl.Collator(i18n.language, { sensitivity: 'base' }), [i18n.language]);
  const rows = useMemo(() => [...(state.rows ?? [])].sort((a, b) => collator.compare(a.name, b.name)), [state.rows, collator]);
  const shown = filter.trim() === '' ? rows : rows.filter((r) => r.name.toLocaleLowerCase().includes(filter.trim().toLocaleLowerCase()));
  const title = t(`lists.${kind}.title`);

  /** What is wrong with a name, checked here first; the server checks the same again. */
  const problem = (name: string, current?: Entry): string | undefined => {
    const v = name.trim();
    if (v === '') return t('lists.required');
    if (v.length > MAX[kind]) return t('lists.tooLong', { max: MAX[kind] });
    const clash = rows.find((r) => r.id !== current?.id && r.name.toLocaleLowerCase() === v.toLocaleLowerCase());
    if (!clash) return undefined;
    return current ? t(`lists.${kind}.clash`, { name: clash.name, current: current.name }) : t(`lists.${kind}.exists`, { name: clash.name });
  };

  const add = (e: FormEvent): void => {
    e.preventDefault();
    setAddFailure(undefined);
    const wrong = problem(newName);
    if (wrong) {
      setAddError(wrong);
      return;
    }
    const name = newName.trim();
    setAdding(true);
    API[kind]
      .create(name)
      .then(
        () => {
          setNewName('');
          setNotice(t('lists.created', { name }));
          state.reload();
        },
        (err: unknown) => (isConflict(err) ? setAddError(t(`lists.${kind}.exists`, { name })) : setAddFailure(err)),
      )
      .finally(() => setAdding(false));
  };

  const saveRename = (entry: Entry): void => {
    if (!editing) return;
    const name = editing.value.trim();
    if (name === entry.name) {
      setEditing(null);
      return;
    }
    const wrong = problem(name, entry);
    if (wrong) {
      setEditing({ ...editing, error: wrong });
      return;
    }
    setEditing({ ...editing, busy: true, error: undefined, failure: undefined });
    API[kind].rename(entry.id, name).then(
      () => {
        setEditing(null);
        setNotice(t('lists.renamed', { from: entry.name, to: name }));
        state.reload();
      },
      (err: unknown) =>
        setEditing((cur) =>
          cur && (isConflict(err) ? { ...cur, busy: false, error: t(`lists.${kind}.clash`, { name, current: entry.name }) } : { ...cur, busy: false, failure: err }),
        ),
    );
  };

  const personsLink = (r: Entry) =>
    r.persons === 0 ? (
      fmt.number(0)
    ) : (
      <Anchor href={listHash(filterText(kind === 'topics' ? 'topic' : 'tag', r.name))} size="sm" aria-label={t('lists.showPersons', { name: r.name, n: fmt.number(r.persons) })}>
        {fmt.number(r.persons)}
      </Anchor>
    );

  return (
    <Card withBorder component="section" aria-label={title} padding="lg">
      <Stack gap="sm">
        <div>
          <Title order={3} size="h4">
            {title}
          </Title>
          <Text size="sm" c="dimmed">
            {t(`lists.${kind}.hint`)}
          </Text>
        </div>

        <form onSubmit={add} noValidate>
          <Group align="flex-start" gap="xs" wrap="nowrap">
            <TextInput
              flex={1}
              label={t(`lists.${kind}.add`)}
              value={newName}
              onChange={(e) => {
                setNewName(e.currentTarget.value);
                setAddError(undefined);
              }}
              error={addError}
              maxLength={MAX[kind]}
              autoComplete="off"
            />
            {/* Aligned with the input, below its label. */}
            <Button type="submit" mt={25} loading={adding} leftSection={<IconPlus size={16} aria-hidden="true" />}>
              {t('common.add')}
            </Button>
          </Group>
        </form>
        {addFailure !== undefined && <ErrorNotice error={addFailure} />}

        {notice && (
          <Alert color="teal" icon={<IconCircleCheck />} role="status" py={6} withCloseButton onClose={() => setNotice(undefined)} closeButtonLabel={t('common.close')}>
            {notice}
          </Alert>
        )}

        {rows.length > SHOW_FILTER_FROM && (
          <TextInput
            label={t('lists.filter')}
            value={filter}
            onChange={(e) => setFilter(e.currentTarget.value)}
            leftSection={<IconSearch size={16} aria-hidden="true" />}
            autoComplete="off"
          />
        )}

        {state.error !== undefined && <ErrorNotice error={state.error} onRetry={state.reload} />}
        {state.rows === undefined && state.error === undefined && <Loader aria-label={t('app.loading')} />}
        {state.rows !== undefined && (
          <Table.ScrollContainer minWidth={kind === 'topics' ? 520 : 380}>
            <Table aria-label={title} fz="sm" verticalSpacing={6} highlightOnHover layout="fixed">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('lists.columns.name')}</Table.Th>
                  <Table.Th w={92} ta="right">
                    {t('lists.columns.persons')}
                  </Table.Th>
                  {kind === 'topics' && (
                    <>
                      <Table.Th w={138} ta="right">
                        {t('lists.columns.organisations')}
                      </Table.Th>
                      <Table.Th w={88} ta="right">
                        {t('lists.columns.projects')}
                      </Table.Th>
                    </>
                  )}
                  <Table.Th w={108}>
                    <VisuallyHidden>{t('lists.columns.actions')}</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {shown.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={kind === 'topics' ? 5 : 3}>
                      <Text size="sm" c="dimmed" py="sm" ta="center">
                        {rows.length === 0 ? t(`lists.${kind}.empty`) : t('lists.noMatch')}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                )}
                {shown.map((r) => {
                  const isEditing = editing?.id === r.id;
                  return (
                    <Table.Tr key={r.id}>
                      <Table.Td colSpan={isEditing ? (kind === 'topics' ? 5 : 3) : undefined} style={{ overflowWrap: 'break-word' }}>
                        {isEditing && editing ? (
                          <form
                            noValidate
                            onSubmit={(e) => {
                              e.preventDefault();
                              saveRename(r);
                            }}
                          >
                            <Group gap={6} align="flex-start" wrap="nowrap">
                              <TextInput
                                flex={1}
                                size="xs"
                                autoFocus
                                aria-label={t('lists.renameLabel', { name: r.name })}
                                description={t('lists.renameHint')}
                                inputWrapperOrder={['label', 'input', 'error', 'description']}
                                value={editing.value}
                                onChange={(e) => setEditing({ ...editing, value: e.currentTarget.value, error: undefined })}
                                onKeyDown={(e) => {
                                  if (e.key === 'Escape') {
                                    e.preventDefault();
                                    setEditing(null);
                                  }
                                }}
                                error={editing.error}
                                maxLength={MAX[kind]}
                                autoComplete="off"
                              />
                              <Tooltip label={t('lists.renameSave')}>
                                <ActionIcon type="submit" variant="filled" size="md" loading={editing.busy} aria-label={t('lists.renameSave')}>
                                  <IconCheck size={16} aria-hidden="true" />
                                </ActionIcon>
                              </Tooltip>
                              <Tooltip label={t('lists.renameCancel')}>
                                <ActionIcon variant="default" size="md" onClick={() => setEditing(null)} aria-label={t('lists.renameCancel')}>
                                  <IconX size={16} aria-hidden="true" />
                                </ActionIcon>
                              </Tooltip>
                            </Group>
                            {editing.failure !== undefined && <ErrorNotice error={editing.failure} />}
                          </form>
                        ) : (
                          <Text size="sm" fw={500}>
                            {r.name}
                          </Text>
                        )}
                      </Table.Td>
                      {!isEditing && (
                        <>
                          <Table.Td ta="right">{personsLink(r)}</Table.Td>
                          {kind === 'topics' && (
                            <>
                              <Table.Td ta="right">{fmt.number(r.organisations ?? 0)}</Table.Td>
                              <Table.Td ta="right">{fmt.number(r.projects ?? 0)}</Table.Td>
                            </>
                          )}
                          <Table.Td>
                            <Group gap={4} justify="flex-end" wrap="nowrap">
                              <Tooltip label={t('lists.rename', { name: r.name })}>
                                <ActionIcon variant="subtle" onClick={() => setEditing({ id: r.id, value: r.name, busy: false })} aria-label={t('lists.rename', { name: r.name })}>
                                  <IconPencil size={16} aria-hidden="true" />
                                </ActionIcon>
                              </Tooltip>
                              <Tooltip label={t('lists.merge', { name: r.name })}>
                                <ActionIcon variant="subtle" onClick={() => setMerging(r)} aria-label={t('lists.merge', { name: r.name })}>
                                  <IconArrowMerge size={16} aria-hidden="true" />
                                </ActionIcon>
                              </Tooltip>
                              <Tooltip label={t('lists.delete', { name: r.name })}>
                                <ActionIcon variant="subtle" color="red" onClick={() => setDeleting(r)} aria-label={t('lists.delete', { name: r.name })}>
                                  <IconTrash size={16} aria-hidden="true" />
                                </ActionIcon>
                              </Tooltip>
                            </Group>
                          </Table.Td>
                        </>
                      )}
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>

      <MergeDialog
        kind={kind}
        entry={merging}
        rows={rows}
        onClose={() => setMerging(null)}
        onMerged={(from, into) => {
          setMerging(null);
          setNotice(t('lists.merged', { name: from.name, into: into.name }));
          state.reload();
        }}
      />
      <DeleteDialog
        kind={kind}
        entry={deleting}
        onClose={() => setDeleting(null)}
        onMergeInstead={(entry) => {
          setDeleting(null);
          setMerging(entry);
        }}
        onDeleted={(entry) => {
          setDeleting(null);
          setNotice(t('lists.deleted', { name: entry.name }));
          state.reload();
        }}
      />
    </Card>
  );
}

function MergeDialog({ kind, entry, rows, onClose, onMerged }: { kind: Kind; entry: Entry | null; rows: Entry[]; onClose(): void; onMerged(from: Entry, into: Entry): void }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const [intoId, setIntoId] = useState<string | null>(null);
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const [shownFor, setShownFor] = useState<Entry | null>(null);
  // A fresh dialog for every entry, without an effect (and its flash of the previous choice).
  if (entry !== shownFor) {
    setShownFor(entry);
    setIntoId(null);
    setMissing(false);
    setFailure(undefined);
  }
  const others = entry ? rows.filter((r) => r.id !== entry.id) : [];

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (!entry) return;
    const into = others.find((r) => String(r.id) === intoId);
    if (!into) {
      setMissing(true);
      return;
    }
    setBusy(true);
    setFailure(undefined);
    API[kind]
      .merge(entry.id, into.id)
      .then(() => onMerged(entry, into), setFailure)
      .finally(() => setBusy(false));
  };

  const counts = entry
    ? { name: entry.name, persons: fmt.number(entry.persons), organisations: fmt.number(entry.organisations ?? 0), projects: fmt.number(entry.projects ?? 0) }
    : { name: '', persons: '', organisations: '', projects: '' };

  return (
    <Modal opened={entry !== null} onClose={() => !busy && onClose()} title={entry ? t('lists.mergeTitle', { name: entry.name }) : ''} centered size="lg">
      {entry && (
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            {others.length === 0 ? (
              <Text size="sm">{t('lists.nothingToMergeInto', { name: entry.name })}</Text>
            ) : (
              <>
                <Select
                  data-autofocus
                  label={t('lists.mergeInto')}
                  data={others.map((r) => ({ value: String(r.id), label: r.name }))}
                  value={intoId}
                  onChange={(v) => {
                    setIntoId(v);
                    setMissing(false);
                  }}
                  searchable
                  // Open only when typing or clicking: opened by the autofocus, the list would hide the buttons.
                  openOnFocus={false}
                  limit={100}
                  nothingFoundMessage={t('lists.noMatch')}
                  error={missing ? t('lists.mergeChoose', { name: entry.name }) : undefined}
                />
                <Text size="sm">{t(`lists.${kind}.mergeExplain`, counts)}</Text>
                <Text size="sm" c="dimmed">
                  {t('lists.notUndoable')}
                </Text>
              </>
            )}
            {failure !== undefined && <ErrorNotice error={failure} />}
            <Group justify="flex-end" mt="xs">
              <Button variant="default" onClick={onClose} disabled={busy}>
                {t('common.cancel')}
              </Button>
              {others.length > 0 && (
                <Button type="submit" loading={busy} leftSection={<IconArrowMerge size={16} aria-hidden="true" />}>
                  {t('lists.mergeConfirm')}
                </Button>
              )}
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}

function DeleteDialog({
  kind,
  entry,
  onClose,
  onMergeInstead,
  onDeleted,
}: {
  kind: Kind;
  entry: Entry | null;
  onClose(): void;
  onMergeInstead(entry: Entry): void;
  onDeleted(entry: Entry): void;
}) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const [shownFor, setShownFor] = useState<Entry | null>(null);
  if (entry !== shownFor) {
    setShownFor(entry);
    setFailure(undefined);
  }

  const projects = entry?.projects ?? 0;
  const items = entry?.contentItems ?? 0;
  // The server refuses these too; saying so before the click spares the user a failed attempt.
  const blocked = kind === 'topics' && (projects > 0 || items > 0);
  const used = entry ? entry.persons + (entry.organisations ?? 0) > 0 : false;

  const remove = (): void => {
    if (!entry) return;
    setBusy(true);
    setFailure(undefined);
    API[kind]
      .remove(entry.id)
      .then(() => onDeleted(entry), setFailure)
      .finally(() => setBusy(false));
  };

  return (
    <Modal opened={entry !== null} onClose={() => !busy && onClose()} title={entry ? t('lists.deleteTitle', { name: entry.name }) : ''} centered size="lg">
      {entry && (
        <Stack gap="sm">
          {blocked ? (
            <Alert color="orange" variant="light" role="alert">
              {items > 0
                ? t('lists.topics.inUseItems', { name: entry.name, projects: fmt.number(projects), items: fmt.number(items) })
                : t('lists.topics.inUseProjects', { name: entry.name, count: projects })}
            </Alert>
          ) : (
            <>
              <Text size="sm">
                {used
                  ? t(`lists.${kind}.deleteExplain`, { name: entry.name, persons: fmt.number(entry.persons), organisations: fmt.number(entry.organisations ?? 0) })
                  : t('lists.deleteUnused', { name: entry.name })}
              </Text>
              <Text size="sm" c="dimmed">
                {t('lists.notUndoable')}
              </Text>
            </>
          )}
          {failure !== undefined && <ErrorNotice error={failure} />}
          <Group justify="flex-end" mt="xs">
            <Button variant="default" onClick={onClose} disabled={busy} data-autofocus>
              {t('common.cancel')}
            </Button>
            {blocked ? (
              <Button onClick={() => onMergeInstead(entry)} leftSection={<IconArrowMerge size={16} aria-hidden="true" />}>
                {t('lists.mergeInstead')}
              </Button>
            ) : (
              <Button color="red" loading={busy} onClick={remove} leftSection={<IconTrash size={16} aria-hidden="true" />}>
                {t('lists.deleteConfirm')}
              </Button>
            )}
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

export function ListsScreen() {
  const { t } = useTranslation();
  const topics = useApi('topics/list', {});
  const tags = useApi('tags/list', {});
  return (
    <Stack gap="lg">
      <Text maw={820}>{t('lists.intro')}</Text>
      {/* Topics have three counts to show, tags one: the topics get the wider column. */}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <ManagedList kind="topics" state={{ rows: topics.data?.rows, error: topics.error, reload: topics.reload }} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <ManagedList kind="tags" state={{ rows: tags.data?.rows, error: tags.error, reload: tags.reload }} />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
