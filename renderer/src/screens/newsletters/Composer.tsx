/**
 * The composer of one newsletter issue or personalised mailing: title, audience with its live count,
 * template, the items, and per language (DE/EN) subject, preheader and body — in the block editor or the
 * MJML code view, which edit the same text. Beside it the live preview. Every change is one step in an
 * undo history (Ctrl+Z / Ctrl+Shift+Z) and saved ~800 ms after the last keystroke; a save that would
 * overwrite a newer one is refused by the Node side and explained here instead of lost.
 */
import { ActionIcon, Alert, Anchor, Badge, Box, Button, Group, Loader, Menu, Paper, SegmentedControl, Select, Stack, Tabs, Text, TextInput, Tooltip } from '@mantine/core';
import { IconArrowBackUp, IconArrowForwardUp, IconBraces, IconChevronLeft, IconCode, IconLayoutList } from '@tabler/icons-react';
import { memo, useCallback, useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { SegmentSummary } from '../../../../shared/segments/schemas';
import type { MessageLanguage, NewsletterDetail, TemplateSummary } from '../../../../shared/newsletters/schemas';
import { ApiCallError, call } from '../../api';
import { ErrorNotice } from '../../ErrorNotice';
import { useFormatters } from '../../format';
import { BlockEditor } from './BlockEditor';
import { CodeView, type CodeViewHandle } from './CodeView';
import { edit, insertText, MERGE_FIELD_MENU, redo, startHistory, stateOf, toSave, undo, withVariant, type ComposerState, type History } from './composerModel';
import { ItemsPanel } from './ItemsPanel';
import { newsletterApi } from './newsletterApi';
import { NEWSLETTERS_HASH } from './newslettersHash';
import { PreviewPane } from './PreviewPane';

const AUTOSAVE_MS = 800;

type SaveStatus = { kind: 'saved'; at: string } | { kind: 'dirty' } | { kind: 'saving' } | { kind: 'conflict'; message: string } | { kind: 'error'; error: unknown };

/**
 * A text field with an "insert merge field" menu that puts the tag at the caret. Memoised, like the other
 * parts of the composer below: a keystroke in the body re-renders the block it edits and the preview's
 * input, not every field and menu of the composer (which cost ~50 ms a keystroke on a small machine).
 */
const MergeFieldInput = memo(function MergeFieldInput({ label, value, onChange, placeholder }: { label: string; value: string; onChange(v: string): void; placeholder?: string }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const insert = (tag: string): void => {
    const el = input.current;
    const { value: next, caret } = insertText(value, el?.selectionStart ?? value.length, el?.selectionEnd ?? value.length, tag);
    onChange(next);
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(caret, caret);
    });
  };
  return (
    <TextInput
      ref={input}
      size="sm"
      label={label}
      placeholder={placeholder}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      rightSectionWidth={36}
      rightSection={
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <Tooltip label={t('newsletters.mergeFields.insert')} openDelay={300}>
              <ActionIcon variant="subtle" size="sm" aria-label={`${label}: ${t('newsletters.mergeFields.insert')}`}>
                <IconBraces size={15} aria-hidden="true" />
              </ActionIcon>
            </Tooltip>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Label>{t('newsletters.mergeFields.insert')}</Menu.Label>
            {MERGE_FIELD_MENU.map((f) => (
              <Menu.Item key={f.field} onClick={() => insert(f.tag)} rightSection={<Text size="xs" c="dimmed" ff="monospace">{f.tag}</Text>}>
                {t(`newsletters.mergeFields.${f.field}`)}
              </Menu.Item>
            ))}
          </Menu.Dropdown>
        </Menu>
      }
    />
  );
});

const AudienceCount = memo(function AudienceCount({ segment, kind }: { segment: SegmentSummary | undefined; kind: 'newsletter' | 'mailing' }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const [count, setCount] = useState<{ audience: number; excluded: number } | null>(null);
  useEffect(() => {
    setCount(null);
    if (!segment) return;
    let live = true;
    call('segments/count', { target: { segmentId: segment.id }, options: { purpose: kind === 'mailing' ? 'mailing' : 'newsletter', onePerOrg: segment.onePerOrg }, previewLimit: 0 }).then(
      (c) => live && setCount({ audience: c.audience, excluded: c.excluded.total }),
      () => live && setCount(null),
    );
    return () => {
      live = false;
    };
  }, [segment, kind]);
  if (!segment) return null;
  return (
    <Text size="xs" c="dimmed" aria-live="polite" data-testid="audience-count">
      {count === null ? t('app.loading') : t('newsletters.audience.count', { n: fmt.number(count.audience), excluded: fmt.number(count.excluded) })}
    </Text>
  );
});

/** Blocks or code: its own part, so typing does not re-render the switch. */
const BodyModeSwitch = memo(function BodyModeSwitch({ mode, onMode }: { mode: 'blocks' | 'code'; onMode(m: 'blocks' | 'code'): void }) {
  const { t } = useTranslation();
  return (
    <Group justify="space-between" mt={4}>
      <Text size="sm" fw={600}>
        {t('newsletters.fields.body')}
      </Text>
      <SegmentedControl
        size="xs"
        aria-label={t('newsletters.editor.mode')}
        value={mode}
        onChange={(v) => onMode(v === 'code' ? 'code' : 'blocks')}
        data={[
          { value: 'blocks', label: <Group gap={4} wrap="nowrap"><IconLayoutList size={14} aria-hidden="true" />{t('newsletters.editor.blocks')}</Group> },
          { value: 'code', label: <Group gap={4} wrap="nowrap"><IconCode size={14} aria-hidden="true" />{t('newsletters.editor.code')}</Group> },
        ]}
      />
    </Group>
  );
});

/**
 * One language variant: subject, preheader and body. It gets the variant, not the whole state, and edits
 * through `stateRef` (the latest state), so an edit of another part of the issue does not re-render it.
 */
const VariantEditor = memo(function VariantEditor({
  variant,
  stateRef,
  onState,
  codeRef,
  mode,
  onMode,
  onEditInCode,
}: {
  variant: ComposerState['variants'][number];
  stateRef: RefObject<ComposerState>;
  onState(next: ComposerState, key: string): void;
  codeRef: RefObject<CodeViewHandle | null>;
  mode: 'blocks' | 'code';
  onMode(m: 'blocks' | 'code'): void;
  onEditInCode(line: number): void;
}) {
  const { t } = useTranslation();
  const language = variant.language;
  const change = useCallback(
    (patch: Partial<ComposerState['variants'][number]>, key: string) => onState(withVariant(stateRef.current, language, patch), `${language}.${key}`),
    [onState, stateRef, language],
  );
  const onMjml = useCallback((mjml: string, key: string) => change({ mjml }, key), [change]);
  const onSubject = useCallback((subject: string) => change({ subject }, 'subject'), [change]);
  const onPreheader = useCallback((v: string) => change({ preheader: v === '' ? null : v }, 'preheader'), [change]);
  const onCode = useCallback((mjml: string) => onMjml(mjml, 'code'), [onMjml]);
  return (
    <Stack gap="xs">
      <MergeFieldInput label={t('newsletters.fields.subject')} value={variant.subject} onChange={onSubject} />
      <MergeFieldInput label={t('newsletters.fields.preheader')} placeholder={t('newsletters.fields.preheaderHint')} value={variant.preheader ?? ''} onChange={onPreheader} />
      <BodyModeSwitch mode={mode} onMode={onMode} />
      {mode === 'blocks' ? (
        <BlockEditor mjml={variant.mjml} onChange={onMjml} onEditInCode={onEditInCode} />
      ) : (
        <Box h={520}>
          <CodeView ref={codeRef} value={variant.mjml} onChange={onCode} label={t('newsletters.editor.codeLabel', { language: language.toUpperCase() })} />
        </Box>
      )}
    </Stack>
  );
});

/** Title, save status and undo/redo: they change with the title and the history, not with each keystroke. */
const ComposerHeader = memo(function ComposerHeader({
  kind,
  title,
  statusText,
  statusBad,
  canUndo,
  canRedo,
  onTitle,
  onUndo,
  onRedo,
}: {
  kind: NewsletterDetail['kind'];
  title: string;
  statusText: string;
  statusBad: boolean;
  canUndo: boolean;
  canRedo: boolean;
  onTitle(title: string): void;
  onUndo(): void;
  onRedo(): void;
}) {
  const { t } = useTranslation();
  return (
    <Group justify="space-between" wrap="nowrap" gap="xs">
      <Group gap="xs" wrap="nowrap" style={{ flex: 1, minWidth: 0 }}>
        <Anchor href={NEWSLETTERS_HASH} size="sm" aria-label={t('newsletters.composer.back')}>
          <Group gap={2} wrap="nowrap">
            <IconChevronLeft size={16} aria-hidden="true" />
            {t('nav.newsletters')}
          </Group>
        </Anchor>
        <Badge variant="light" color={kind === 'mailing' ? 'grape' : 'teal'} fw={500}>
          {t(`newsletters.kind.${kind}`)}
        </Badge>
        <TextInput
          aria-label={t('newsletters.fields.title')}
          value={title}
          onChange={(e) => onTitle(e.currentTarget.value)}
          variant="unstyled"
          styles={{ input: { fontSize: 20, fontWeight: 700 } }}
          style={{ flex: 1, minWidth: 120 }}
          error={title.trim() === '' ? t('newsletters.composer.titleNeeded') : undefined}
        />
      </Group>
      <Group gap={4} wrap="nowrap">
        <Text size="xs" c={statusBad ? 'red.7' : 'dimmed'} role="status" data-testid="save-status">
          {statusText}
        </Text>
        <Tooltip label={`${t('newsletters.composer.undo')} (Ctrl+Z)`} openDelay={300}>
          <ActionIcon variant="default" aria-label={t('newsletters.composer.undo')} disabled={!canUndo} onClick={onUndo}>
            <IconArrowBackUp size={16} aria-hidden="true" />
          </ActionIcon>
        </Tooltip>
        <Tooltip label={`${t('newsletters.composer.redo')} (Ctrl+Shift+Z)`} openDelay={300}>
          <ActionIcon variant="default" aria-label={t('newsletters.composer.redo')} disabled={!canRedo} onClick={onRedo}>
            <IconArrowForwardUp size={16} aria-hidden="true" />
          </ActionIcon>
        </Tooltip>
      </Group>
    </Group>
  );
});

/** Audience (with its live count) and template: they change when one of them is picked, not as you type. */
const IssueSettings = memo(function IssueSettings({
  kind,
  segments,
  templates,
  segmentId,
  templateId,
  applyLanguage,
  onSegment,
  onTemplate,
  onApplyTemplate,
}: {
  kind: NewsletterDetail['kind'];
  segments: SegmentSummary[];
  templates: TemplateSummary[];
  segmentId: number | null;
  templateId: number | null;
  /** The language the template would be applied to; null on the items tab (no "apply" link there). */
  applyLanguage: MessageLanguage | null;
  onSegment(value: string | null): void;
  onTemplate(value: string | null): void;
  onApplyTemplate(): Promise<void>;
}) {
  const { t } = useTranslation();
  const segment = segments.find((x) => x.id === segmentId);
  return (
  <Paper withBorder p="xs" radius="sm">
    <Group grow gap="xs" align="flex-start">
      <Stack gap={2}>
        <Select
          size="sm"
          label={t('newsletters.fields.audience')}
          placeholder={t('newsletters.audience.pick')}
          searchable
          clearable
          data={segments.map((s) => ({ value: String(s.id), label: s.name }))}
          value={segmentId === null ? null : String(segmentId)}
          onChange={onSegment}
          nothingFoundMessage={t('newsletters.audience.none')}
        />
        <AudienceCount segment={segment} kind={kind} />
      </Stack>
      <Stack gap={2}>
        <Select
          size="sm"
          label={t('newsletters.fields.template')}
          placeholder={t('newsletters.list.starterTemplate')}
          data={templates.map((x) => ({ value: String(x.id), label: x.name }))}
          value={templateId === null ? null : String(templateId)}
          onChange={onTemplate}
          clearable
        />
        {templateId !== null && applyLanguage !== null && (
          <Tooltip label={t('newsletters.composer.applyTemplateHint', { language: applyLanguage.toUpperCase() })} multiline w={260} openDelay={300}>
            <Anchor component="button" type="button" size="xs" onClick={() => void onApplyTemplate()} ta="left">
              {t('newsletters.composer.applyTemplate', { language: applyLanguage.toUpperCase() })}
            </Anchor>
          </Tooltip>
        )}
      </Stack>
    </Group>
  </Paper>
  );
});

function ComposerLoaded({ detail }: { detail: NewsletterDetail }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const [history, setHistory] = useState<History>(() => startHistory(stateOf(detail)));
  const state = history.present;
  const [status, setStatus] = useState<SaveStatus>({ kind: 'saved', at: detail.updatedAt });
  // A new issue starts with picking items; one that has them, with its first language.
  const [tab, setTab] = useState<string>(detail.itemIds.length === 0 ? 'items' : (detail.variants[0]?.language ?? 'items'));
  const [language, setLanguage] = useState<MessageLanguage>(detail.variants[0]?.language ?? 'de');
  const [mode, setMode] = useState<'blocks' | 'code'>('blocks');
  const [segments, setSegments] = useState<SegmentSummary[]>([]);
  const [templates, setTemplates] = useState<TemplateSummary[]>([]);
  const codeRef = useRef<CodeViewHandle | null>(null);
  const updatedAt = useRef<string>(detail.updatedAt);
  const savedJson = useRef(JSON.stringify(toSave(detail.id, stateOf(detail), undefined)));
  const latest = useRef(state);
  latest.current = state;
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const saving = useRef<Promise<void> | null>(null);

  useEffect(() => {
    newsletterApi.segments().then(
      (r) => setSegments(r.rows),
      () => setSegments([]),
    );
    newsletterApi.templates().then(
      (r) => setTemplates(r.rows.filter((x) => x.kind === detail.kind)),
      () => setTemplates([]),
    );
  }, [detail.kind]);

  const save = useCallback(
    async (overwrite = false): Promise<void> => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
      if (saving.current) await saving.current;
      const body = toSave(detail.id, latest.current, undefined);
      const json = JSON.stringify(body);
      if (json === savedJson.current && !overwrite) return;
      setStatus({ kind: 'saving' });
      const run = (async () => {
        try {
          const saved = await newsletterApi.save(overwrite ? body : { ...body, updatedAt: updatedAt.current });
          updatedAt.current = saved.updatedAt;
          savedJson.current = json;
          setStatus(JSON.stringify(toSave(detail.id, latest.current, undefined)) === json ? { kind: 'saved', at: saved.updatedAt } : { kind: 'dirty' });
        } catch (err) {
          if (err instanceof ApiCallError && err.shape.code === 'conflict') setStatus({ kind: 'conflict', message: err.shape.message });
          else setStatus({ kind: 'error', error: err });
        }
      })();
      saving.current = run;
      await run;
      saving.current = null;
    },
    [detail.id],
  );

  // Autosave: a while after the last change, unless a conflict waits for the user's decision.
  useEffect(() => {
    if (JSON.stringify(toSave(detail.id, state, undefined)) === savedJson.current) return;
    setStatus((s) => (s.kind === 'conflict' ? s : { kind: 'dirty' }));
    if (status.kind === 'conflict') return;
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void save(), AUTOSAVE_MS);
    // A conflict stops autosave until the user decides; leaving the composer saves (the cleanup below).
  }, [state, detail.id, save, status.kind]);

  useEffect(
    () => () => {
      if (timer.current) {
        clearTimeout(timer.current);
        void save();
      }
    },
    [save],
  );

  const earlyPreview = useRef<((s: ComposerState) => void) | null>(null);
  const onState = useCallback((next: ComposerState, key: string) => {
    setHistory((h) => edit(h, next, key, Date.now()));
    // The preview request leaves now, from the keystroke's handler, not after React has rendered it.
    earlyPreview.current?.(next);
  }, []);
  const doUndo = useCallback(() => setHistory(undo), []);
  const doRedo = useCallback(() => setHistory(redo), []);
  // Ctrl+Z / Ctrl+Shift+Z anywhere in the composer (also after a button took the focus and was disabled):
  // one history over the whole issue, so the fields' own undo is replaced, not added to.
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
      // Dialogs and menus above the composer keep their own keys.
      if (e.target instanceof Element && e.target.closest('[role="dialog"]')) return;
      const k = e.key.toLowerCase();
      if (k === 'z' && !e.shiftKey) {
        e.preventDefault();
        doUndo();
      } else if ((k === 'z' && e.shiftKey) || k === 'y') {
        e.preventDefault();
        doRedo();
      } else if (k === 's') {
        e.preventDefault();
        void save();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [doUndo, doRedo, save]);

  const editInCode = useCallback((line: number, column = 1) => {
    setMode('code');
    setTab((tb) => (tb === 'items' ? language : tb));
    // The code view mounts on this render; jump once it is there.
    const jump = (tries: number): void => {
      if (codeRef.current) codeRef.current.goToLine(line, column);
      else if (tries > 0) requestAnimationFrame(() => jump(tries - 1));
    };
    requestAnimationFrame(() => jump(10));
  }, [language]);

  const followLanguage = useCallback((l: MessageLanguage) => {
    setLanguage(l);
    setTab((tb) => (tb === 'items' ? tb : l));
  }, []);

  const applyTemplate = useCallback(async (): Promise<void> => {
    const templateId = latest.current.templateId;
    if (templateId === null) return;
    try {
      const tpl = (await newsletterApi.template(templateId)).mjml;
      onState(withVariant(latest.current, language, { mjml: tpl }), 'template');
    } catch (err) {
      setStatus({ kind: 'error', error: err });
    }
  }, [onState, language]);
  // Edits read the latest state, so these stay the same from render to render (the parts are memoised).
  const onTitle = useCallback((title: string) => onState({ ...latest.current, title }, 'title'), [onState]);
  const onSegment = useCallback((v: string | null) => onState({ ...latest.current, segmentId: v ? Number(v) : null }, 'segment'), [onState]);
  const onTemplate = useCallback((v: string | null) => onState({ ...latest.current, templateId: v ? Number(v) : null }, 'template'), [onState]);
  const statusText =
    status.kind === 'saved'
      ? t('newsletters.save.saved', { time: fmt.dateTime(status.at) })
      : status.kind === 'saving'
        ? t('newsletters.save.saving')
        : status.kind === 'dirty'
          ? t('newsletters.save.dirty')
          : status.kind === 'conflict'
            ? t('newsletters.save.conflictShort')
            : t('newsletters.save.failed');
  const variantLanguages = useMemo(() => state.variants.map((v) => v.language), [state.variants]);

  return (
    <Stack gap="xs">
      <ComposerHeader
        kind={detail.kind}
        title={state.title}
        statusText={statusText}
        statusBad={status.kind === 'conflict' || status.kind === 'error'}
        canUndo={history.past.length > 0}
        canRedo={history.future.length > 0}
        onTitle={onTitle}
        onUndo={doUndo}
        onRedo={doRedo}
      />
      <Title title={state.title} />

      {status.kind === 'conflict' && (
        <Alert color="red" title={t('newsletters.save.conflictTitle')} role="alert">
          <Text size="sm">{t('newsletters.save.conflictBody', { message: status.message })}</Text>
          <Group gap="xs" mt="xs">
            <Button size="xs" color="red" onClick={() => void save(true)}>
              {t('newsletters.save.overwrite')}
            </Button>
            <Button size="xs" variant="default" onClick={() => window.location.reload()}>
              {t('newsletters.save.reload')}
            </Button>
          </Group>
        </Alert>
      )}
      {status.kind === 'error' && <ErrorNotice error={status.error} onRetry={() => void save()} />}

      {/* Editor and preview side by side, each half of the width, also on a 1280×800 window. */}
      <Box style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)', gap: 'var(--mantine-spacing-md)', alignItems: 'start' }}>
        <Box>
          <Stack gap="xs">
            <IssueSettings
              kind={detail.kind}
              segments={segments}
              templates={templates}
              segmentId={state.segmentId}
              templateId={state.templateId}
              applyLanguage={tab === 'items' ? null : language}
              onSegment={onSegment}
              onTemplate={onTemplate}
              onApplyTemplate={applyTemplate}
            />
            <Tabs
              value={tab}
              onChange={(v) => {
                const next = v ?? 'items';
                setTab(next);
                if (next !== 'items' && (variantLanguages as string[]).includes(next)) setLanguage(next as MessageLanguage);
              }}
              keepMounted={false}
            >
              <Tabs.List>
                <Tabs.Tab value="items">{t('newsletters.composer.itemsTab', { count: state.itemIds.length })}</Tabs.Tab>
                {variantLanguages.map((l) => (
                  <Tabs.Tab key={l} value={l}>
                    {t(`newsletters.languages.${l}`)}
                  </Tabs.Tab>
                ))}
              </Tabs.List>
              <Tabs.Panel value="items" pt="xs">
                <ItemsPanel
                  kind={detail.kind}
                  itemIds={state.itemIds}
                  maxItems={state.maxItems}
                  language={language}
                  onItems={(itemIds, key) => onState({ ...latest.current, itemIds }, key)}
                  onMaxItems={(maxItems) => onState({ ...latest.current, maxItems }, 'maxItems')}
                />
              </Tabs.Panel>
              {state.variants.map((v) => (
                <Tabs.Panel key={v.language} value={v.language} pt="xs">
                  <VariantEditor variant={v} stateRef={latest} onState={onState} codeRef={codeRef} mode={mode} onMode={setMode} onEditInCode={editInCode} />
                </Tabs.Panel>
              ))}
            </Tabs>
          </Stack>
        </Box>
        {/* The preview stays in view while the editor scrolls, and scrolls on its own when it is taller. */}
        <Box style={{ position: 'sticky', top: 72, maxHeight: 'calc(100vh - 84px)', overflowY: 'auto', paddingRight: 4 }}>
          <PreviewPane id={detail.id} kind={detail.kind} state={state} language={language} onJump={editInCode} onLanguage={followLanguage} flush={save} early={earlyPreview} />
        </Box>
      </Box>
    </Stack>
  );
}

/** The page title follows the issue's title. */
function Title({ title }: { title: string }) {
  useEffect(() => {
    const before = document.title;
    document.title = `${title} · Spillover`;
    return () => {
      document.title = before;
    };
  }, [title]);
  return null;
}


export function Composer({ id }: { id: number }) {
  const { t } = useTranslation();
  const [detail, setDetail] = useState<NewsletterDetail>();
  const [error, setError] = useState<unknown>();
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    newsletterApi.get(id).then(
      (d) => live && setDetail(d),
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [id, attempt]);
  if (error !== undefined)
    return (
      <Stack>
        <Anchor href={NEWSLETTERS_HASH}>{t('newsletters.composer.back')}</Anchor>
        <ErrorNotice
          error={error}
          onRetry={() => {
            setError(undefined);
            setAttempt((a) => a + 1);
          }}
        />
      </Stack>
    );
  if (!detail) return <Loader aria-label={t('app.loading')} />;
  return <ComposerLoaded detail={detail} />;
}
