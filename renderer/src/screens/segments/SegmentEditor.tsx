/**
 * One segment: its name, purpose and "one per organisation", the rule (builder and text, two views of one
 * rule) or the hand-picked members, the live count beside it and the reach check below. Saving keeps the rule
 * as a tree; the count is taken again on every edit.
 */
import { Alert, Anchor, Badge, Button, Card, Divider, Grid, Group, Input, Loader, Modal, SegmentedControl, SimpleGrid, Stack, Switch, Text, Textarea, TextInput, Title } from '@mantine/core';
import { IconAlertTriangle, IconArrowLeft, IconCircleCheck, IconDeviceFloppy, IconTrash } from '@tabler/icons-react';
import { useCallback, useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Input as ApiInput } from '../../../../shared/api';
import { formatFilter, formatQuery, parseQuery, type QueryProblem } from '../../../../shared/contacts/query';
import { CONSENT_PURPOSES, type ConsentPurpose } from '../../../../shared/domain';
import type { SegmentDetail, SegmentKind } from '../../../../shared/segments/schemas';
import { ApiCallError, call } from '../../api';
import { ErrorNotice } from '../../ErrorNotice';
import { useFormatters } from '../../format';
import { useApi } from '../../useApi';
import { listHash as contactsListHash } from '../contacts/contactsHash';
import { emptyRoot, fromRule, incompleteCount, toRule, toText, type GroupNode } from './builderModel';
import { CountPanel } from './CountPanel';
import { clearHandoff, handOnDeleted, handOnSaved, peekSaved } from './handoff';
import { DeleteSegmentDialog } from './DeleteSegmentDialog';
import { ReachCheck } from './ReachCheck';
import { RuleBuilder } from './RuleBuilder';
import { RuleText } from './RuleText';
import { SEGMENTS_LIST_HASH, segmentHash } from './segmentsHash';
import { StaticMembers } from './StaticMembers';
import classes from './Segments.module.css';
import { useLiveCall } from './useLiveCall';

/** How long typing in the text view rests before the builder follows. */
const TEXT_DEBOUNCE_MS = 250;
/**
 * How long edits rest before the count is taken again: not at all. Builder edits are single clicks, typing
 * in the text view is debounced already, the engine answers a changed condition in milliseconds, and an
 * answer to an older rule is dropped — the count must follow an edit within 100 ms.
 */
const COUNT_DEBOUNCE_MS = 0;
const PREVIEW = 25;

export function SegmentEditorPage({ id, initialQuery }: { id: number | null; initialQuery: string }) {
  // Taken once: later renders (a language switch …) must keep showing the same editor.
  const [saved] = useState(() => (id === null ? undefined : peekSaved(id)));
  useEffect(() => clearHandoff(), []);
  if (id === null) return <SegmentEditor detail={null} initialQuery={initialQuery} justSaved={false} />;
  if (saved) return <SegmentEditor detail={saved} initialQuery="" justSaved />;
  return <LoadSegment id={id} />;
}

function LoadSegment({ id }: { id: number }) {
  const { t } = useTranslation();
  const detail = useApi('segments/get', { id });
  if (detail.error !== undefined) {
    return (
      <Stack gap="sm">
        <BackLink dirty={false} />
        <ErrorNotice error={detail.error} onRetry={detail.reload} />
      </Stack>
    );
  }
  if (!detail.data) return <Loader aria-label={t('app.loading')} />;
  return <SegmentEditor detail={detail.data} initialQuery="" justSaved={false} />;
}

function BackLink({ dirty }: { dirty: boolean }) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  return (
    <>
      <Anchor
        href={SEGMENTS_LIST_HASH}
        size="sm"
        onClick={(e) => {
          if (!dirty) return;
          e.preventDefault();
          setAsking(true);
        }}
      >
        <Group gap={4} component="span" wrap="nowrap">
          <IconArrowLeft size={14} aria-hidden="true" />
          {t('segments.editor.back')}
        </Group>
      </Anchor>
      <Modal opened={asking} onClose={() => setAsking(false)} title={t('segments.editor.unsavedTitle')} centered>
        <Text size="sm">{t('segments.editor.unsavedBody')}</Text>
        <Group justify="flex-end" mt="lg">
          <Button variant="default" onClick={() => setAsking(false)} data-autofocus>
            {t('segments.editor.keepEditing')}
          </Button>
          <Button
            color="red"
            onClick={() => {
              setAsking(false);
              window.location.hash = SEGMENTS_LIST_HASH;
            }}
          >
            {t('segments.editor.discard')}
          </Button>
        </Group>
      </Modal>
    </>
  );
}

interface Snapshot {
  name: string;
  description: string;
  purpose: ConsentPurpose;
  onePerOrg: boolean;
  query: string;
}

function snapshotOf(detail: SegmentDetail | null): Snapshot {
  if (!detail) return { name: '', description: '', purpose: 'newsletter', onePerOrg: false, query: '' };
  return { name: detail.name, description: detail.description ?? '', purpose: detail.purpose, onePerOrg: detail.onePerOrg, query: detail.rule ? formatQuery(detail.rule) : '' };
}

function initialRule(detail: SegmentDetail | null, initialQuery: string): { root: GroupNode; problems: QueryProblem[] } {
  if (detail?.rule) return { root: fromRule(detail.rule), problems: [] };
  if (initialQuery.trim() !== '') {
    const parsed = parseQuery(initialQuery);
    return { root: fromRule(parsed.rule), problems: parsed.problems };
  }
  return { root: emptyRoot(), problems: [] };
}

function SegmentEditor({ detail: loaded, initialQuery, justSaved }: { detail: SegmentDetail | null; initialQuery: string; justSaved: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const ids = useId();
  const [detail, setDetail] = useState<SegmentDetail | null>(loaded);
  const [name, setName] = useState(loaded?.name ?? '');
  const [description, setDescription] = useState(loaded?.description ?? '');
  const [purpose, setPurpose] = useState<ConsentPurpose>(loaded?.purpose ?? 'newsletter');
  const [onePerOrg, setOnePerOrg] = useState(loaded?.onePerOrg ?? false);
  const [kind, setKind] = useState<SegmentKind>(loaded?.kind ?? 'dynamic');

  const [start] = useState(() => initialRule(loaded, initialQuery));
  const [root, setRoot] = useState<GroupNode>(start.root);
  const [text, setText] = useState(() => (initialQuery.trim() !== '' && !loaded ? initialQuery : toText(start.root)));
  const [textProblems, setTextProblems] = useState<readonly QueryProblem[]>(start.problems);
  /** Text typed but not yet read into the builder. */
  const [pendingText, setPendingText] = useState<string | null>(null);

  const [nameError, setNameError] = useState<string>();
  const [saveError, setSaveError] = useState<unknown>();
  const [saving, setSaving] = useState(false);
  const [savedNote, setSavedNote] = useState(justSaved);
  const [deleting, setDeleting] = useState(false);
  const [reachOn, setReachOn] = useState(false);

  const vocabulary = useApi('segments/vocabulary', {});

  // The text view rebuilds the builder once typing rests; a builder edit in between cancels this.
  useEffect(() => {
    if (pendingText === null) return;
    const timer = setTimeout(() => {
      const parsed = parseQuery(pendingText);
      setRoot(fromRule(parsed.rule));
      setTextProblems(parsed.problems);
      setPendingText(null);
    }, TEXT_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [pendingText]);

  // Stable callbacks: the builder, the text view and the count panel are memoised, so an edit re-renders only
  // what it changes (the count at 100,000 persons must follow an edit within 100 ms).
  const primeCount = useRef<(next: GroupNode) => void>(() => undefined);
  const changeRoot = useCallback((next: GroupNode): void => {
    primeCount.current(next);
    setRoot(next);
    setText(toText(next));
    setTextProblems([]);
    setPendingText(null);
    setSavedNote(false);
  }, []);
  const changeText = useCallback((next: string): void => {
    setText(next);
    setPendingText(next);
    setSavedNote(false);
  }, []);

  const rule = useMemo(() => toRule(root), [root]);
  const query = useMemo(() => formatQuery(rule), [rule]);
  const options = { purpose, onePerOrg };
  const target: ApiInput<'segments/count'>['target'] | null = kind === 'dynamic' ? { rule } : detail ? { segmentId: detail.id } : null;
  const count = useLiveCall('segments/count', target ? { target, options, previewLimit: PREVIEW } : null, COUNT_DEBOUNCE_MS);
  const reach = useLiveCall('segments/reach', target && reachOn ? { target, options } : null, COUNT_DEBOUNCE_MS);
  // The same input object as `count` builds on the next render (same keys, same order), so it is recognised.
  primeCount.current = (next: GroupNode): void => {
    if (kind === 'dynamic') count.prime({ target: { rule: toRule(next) }, options, previewLimit: PREVIEW });
  };

  const saved = snapshotOf(detail);
  const current: Snapshot = { name: name.trim(), description: description.trim(), purpose, onePerOrg, query: kind === 'dynamic' ? query : '' };
  const dirty = pendingText !== null || JSON.stringify(current) !== JSON.stringify(saved);
  const incomplete = kind === 'dynamic' ? incompleteCount(root) : 0;

  const save = (e?: FormEvent): void => {
    e?.preventDefault();
    if (name.trim() === '') {
      setNameError(t('segments.editor.nameRequired'));
      return;
    }
    setSaving(true);
    setSaveError(undefined);
    setNameError(undefined);
    // Text still waiting to be read is read now, so what is saved is what the user sees.
    const finalRule = pendingText !== null ? parseQuery(pendingText).rule : rule;
    call('segments/save', {
      ...(detail ? { id: detail.id } : {}),
      name: name.trim(),
      description: description.trim() === '' ? null : description.trim(),
      kind,
      ...(kind === 'dynamic' ? { rule: finalRule } : {}),
      onePerOrg,
      purpose,
    })
      .then(
        (result) => {
          if (!detail) {
            handOnSaved(result);
            window.location.hash = segmentHash(result.id);
            return;
          }
          setDetail(result);
          setName(result.name);
          setSavedNote(true);
          if (pendingText !== null) {
            const parsed = parseQuery(pendingText);
            setRoot(fromRule(parsed.rule));
            setTextProblems(parsed.problems);
            setPendingText(null);
          }
        },
        (err: unknown) => {
          if (err instanceof ApiCallError && err.shape.code === 'conflict' && (err.shape.issues ?? []).some((i) => i.path === 'name')) {
            setNameError(t('segments.editor.nameTaken', { name: name.trim() }));
          } else setSaveError(err);
        },
      )
      .finally(() => setSaving(false));
  };

  const edited = (): void => setSavedNote(false);
  // Members removed: the count and the saved count (taken again by the server) change.
  const membersChanged = (): void => {
    count.reload();
    if (detail) call('segments/get', { id: detail.id }).then(setDetail, setSaveError);
  };

  // The details card changes only with its own fields; a rule edit must not re-render its inputs (the count
  // has to follow a builder edit within 100 ms), so the element is kept while those fields stay the same.
  const saveRef = useRef(save);
  saveRef.current = save;
  const detailsCard = useMemo(
    () => (
          <Card withBorder component="section" aria-label={t('segments.editor.details')} padding="md">
            <form onSubmit={(e) => saveRef.current(e)} noValidate>
              <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg" verticalSpacing="sm">
                <Stack gap="sm">
                  <TextInput
                    label={t('segments.editor.name')}
                    required
                    value={name}
                    onChange={(e) => {
                      setName(e.currentTarget.value);
                      setNameError(undefined);
                      edited();
                    }}
                    error={nameError}
                    maxLength={120}
                    autoComplete="off"
                    data-autofocus={detail === null ? true : undefined}
                  />
                  <Textarea
                    label={t('segments.editor.description')}
                    value={description}
                    onChange={(e) => {
                      setDescription(e.currentTarget.value);
                      edited();
                    }}
                    rows={2}
                    resize="vertical"
                    maxLength={2000}
                  />
                </Stack>
                <Stack gap="sm">
                  {detail === null && (
                    <div>
                      <Input.Label id={`${ids}-kind`} labelElement="div" display="block" mb={4}>
                        {t('segments.editor.kind')}
                      </Input.Label>
                      <SegmentedControl
                        aria-labelledby={`${ids}-kind`}
                        value={kind}
                        onChange={(v) => setKind(v === 'static' ? 'static' : 'dynamic')}
                        data={[
                          { value: 'dynamic', label: t('segments.kind.dynamic') },
                          { value: 'static', label: t('segments.kind.static') },
                        ]}
                      />
                      <Text size="xs" c="dimmed" mt={4}>
                        {t(`segments.editor.kindHint.${kind}`)}
                      </Text>
                    </div>
                  )}
                  <div>
                    <Input.Label id={`${ids}-purpose`} labelElement="div" display="block" mb={4}>
                      {t('segments.editor.purpose')}
                    </Input.Label>
                    <SegmentedControl
                      aria-labelledby={`${ids}-purpose`}
                      value={purpose}
                      onChange={(v) => {
                        setPurpose(CONSENT_PURPOSES.find((p) => p === v) ?? 'newsletter');
                        edited();
                      }}
                      data={CONSENT_PURPOSES.map((p) => ({ value: p, label: t(`consentPurposes.${p}`) }))}
                    />
                    <Text size="xs" c="dimmed" mt={4}>
                      {t('segments.editor.purposeHint')}
                    </Text>
                  </div>
                  <Switch
                    label={t('segments.editor.onePerOrg')}
                    description={t('segments.editor.onePerOrgHint')}
                    checked={onePerOrg}
                    onChange={(e) => {
                      setOnePerOrg(e.currentTarget.checked);
                      edited();
                    }}
                  />
                </Stack>
              </SimpleGrid>
              {/* Enter in the name field saves, like any form. */}
              <button type="submit" hidden />
            </form>
          </Card>
    ),
    // `edited` and the setters only set state; `save` goes through saveRef.
    [t, ids, name, nameError, description, detail, kind, purpose, onePerOrg],
  );

  return (
    <Stack gap="md">
      <BackLink dirty={dirty} />
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
        <div>
          <Group gap="xs" align="center">
            <Title order={2}>{detail ? detail.name : t('segments.editor.newTitle')}</Title>
            {detail && (
              <Badge variant="light" color={detail.kind === 'dynamic' ? 'teal' : 'grape'} fw={500}>
                {t(`segments.kind.${detail.kind}`)}
              </Badge>
            )}
            {dirty && detail && (
              <Badge variant="outline" color="orange" fw={500} data-testid="segment-unsaved">
                {t('segments.editor.unsaved')}
              </Badge>
            )}
          </Group>
          {detail && (
            <Text size="sm" c="dimmed">
              {detail.lastCount !== null && detail.countedAt
                ? t('segments.editor.savedCount', { n: fmt.number(detail.lastCount), when: fmt.dateTime(detail.countedAt) })
                : t('segments.editor.neverCounted')}
            </Text>
          )}
        </div>
        <Group gap="xs">
          {detail && (
            <Button variant="subtle" color="red" leftSection={<IconTrash size={16} aria-hidden="true" />} onClick={() => setDeleting(true)}>
              {t('segments.delete.button')}
            </Button>
          )}
          <Button leftSection={<IconDeviceFloppy size={16} aria-hidden="true" />} onClick={() => save()} loading={saving} disabled={!dirty && detail !== null}>
            {t('segments.editor.save')}
          </Button>
        </Group>
      </Group>

      {savedNote && !dirty && (
        <Alert color="teal" variant="light" icon={<IconCircleCheck />} role="status" p="sm">
          {t('segments.editor.saved')}
        </Alert>
      )}
      {saveError !== undefined && <ErrorNotice error={saveError} />}

      {detailsCard}

      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          {kind === 'dynamic' ? (
            <Card className={classes.contained} withBorder component="section" aria-labelledby={`${ids}-rule`} padding="md">
              <Group justify="space-between" mb="xs">
                <Title order={3} size="h4" id={`${ids}-rule`}>
                  {t('segments.editor.rule')}
                </Title>
                {incomplete > 0 && (
                  <Badge variant="light" color="gray" fw={500} leftSection={<IconAlertTriangle size={12} aria-hidden="true" />}>
                    {t('segments.builder.incomplete', { count: incomplete })}
                  </Badge>
                )}
              </Group>
              <RuleBuilder root={root} onChange={changeRoot} vocabulary={vocabulary.data} selfName={detail?.name ?? null} />
              <Divider my="md" />
              <RuleText text={text} onChange={changeText} problems={textProblems} />
            </Card>
          ) : (
            <StaticMembers segmentId={detail?.id ?? null} savedName={detail?.name ?? null} onChanged={membersChanged} />
          )}
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <CountPanel
            data={target ? count.data : undefined}
            loading={count.loading}
            error={count.error}
            onRetry={count.reload}
            purpose={purpose}
            onePerOrg={onePerOrg}
            contactsHref={kind === 'dynamic' ? contactsListHash(query) : detail ? contactsListHash(formatFilter({ key: 'segment', op: '=', value: detail.name })) : undefined}
            emptyNote={target ? undefined : t('segments.members.saveFirst')}
          />
        </Grid.Col>
      </Grid>

      <ReachCheck
        enabled={reachOn}
        onEnable={() => setReachOn(true)}
        data={reach.data}
        loading={reach.loading}
        error={reach.error}
        onRetry={reach.reload}
        unavailable={target ? undefined : t('segments.members.saveFirst')}
      />

      {detail && (
        <DeleteSegmentDialog
          target={deleting ? { id: detail.id, name: detail.name } : null}
          onCancel={() => setDeleting(false)}
          onDeleted={(d) => {
            handOnDeleted(d.name);
            window.location.hash = SEGMENTS_LIST_HASH;
          }}
        />
      )}
    </Stack>
  );
}
