/**
 * The preview: the draft rendered by the Node side for one person of the audience, in an iframe that can
 * run nothing (sandbox="" — no scripts, no same origin — and a CSP without script-src in the document).
 * It follows every change of the draft: one request at a time, the newest draft next, so answers never
 * arrive out of order and a slow one never hides a newer state. Around it: the person ("Vorschau als") with
 * stepping through the audience, desktop/mobile width, HTML/plain text, MJML problems with their lines,
 * checks before sending, the confidentiality guard (blocks export), for mailings the chosen items, exports.
 */
import { ActionIcon, Alert, Badge, Box, Button, Group, List, Loader, Paper, SegmentedControl, Select, Stack, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import { IconAlertTriangle, IconChevronLeft, IconChevronRight, IconDeviceDesktop, IconDeviceMobile, IconDownload, IconLock } from '@tabler/icons-react';
import { memo, useCallback, useEffect, useLayoutEffect, useRef, useState, type MutableRefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageLanguage, Preview, PreviewInput, RenderProblem } from '../../../../shared/newsletters/schemas';
import { ErrorNotice } from '../../ErrorNotice';
import { downloadPayload } from '../../files';
import { useFormatters } from '../../format';
import { toDraft, type ComposerState } from './composerModel';
import { framedPreview } from './previewFrame';
import { newsletterApi, type RecipientRow } from './newsletterApi';

const WIDTHS = { desktop: 680, mobile: 375 } as const;

/**
 * Follows `input`: one request in flight, the newest waiting input sent when it returns. `request` lets the
 * composer send a draft straight from the keystroke's event handler, before React has rendered it; the
 * render that follows finds that input already on its way and sends nothing twice.
 */
/**
 * The preview frame's document, set on the element itself rather than through React: an answer goes into
 * the frame the moment it arrives, before React renders the problems, checks and pickers around it, and a
 * document already shown is never set again (each srcdoc assignment reloads the frame, which Chromium runs
 * out of process for a sandboxed frame: tens of milliseconds).
 */
interface PreviewFrame {
  el: HTMLIFrameElement | null;
  doc: string;
}

/** The frame document of an answer, made once: the answer's arrival and the render after it both ask. */
const frameDocs = new WeakMap<Preview, string>();
function frameDocOf(answer: Preview): string {
  let doc = frameDocs.get(answer);
  if (doc === undefined) {
    doc = framedPreview(answer.html);
    frameDocs.set(answer, doc);
  }
  return doc;
}

function showInFrame(frame: PreviewFrame, doc: string): void {
  if (!frame.el || frame.doc === doc) return;
  frame.doc = doc;
  frame.el.srcdoc = doc;
}

function useLivePreview(input: PreviewInput, onAnswer: (data: Preview) => void): { result: LiveResult; busy: boolean; request(input: PreviewInput): void } {
  const key = JSON.stringify(input);
  const answered = useRef(onAnswer);
  answered.current = onAnswer;
  // The answer and the busy flag are kept apart, so the (memoised) preview re-renders only for a new answer.
  const [state, setState] = useState<LiveResult>({ data: undefined, error: undefined });
  const [busy, setBusy] = useState(true);
  const pending = useRef<string | null>(null);
  const lastRequested = useRef<string | null>(null);
  const inFlight = useRef(false);
  const alive = useRef(true);

  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  const send = useCallback((k: string): void => {
    if (k === lastRequested.current) return;
    lastRequested.current = k;
    pending.current = k;
    const pump = (): void => {
      if (inFlight.current || pending.current === null) return;
      const next = pending.current;
      pending.current = null;
      inFlight.current = true;
      setBusy(true);
      newsletterApi.preview(JSON.parse(next) as PreviewInput).then(
        (data) => {
          inFlight.current = false;
          if (alive.current) {
            answered.current(data);
            setState({ data, error: undefined });
            setBusy(pending.current !== null);
          }
          pump();
        },
        (error: unknown) => {
          inFlight.current = false;
          if (alive.current) {
            setState((s) => ({ data: s.data, error }));
            setBusy(pending.current !== null);
          }
          pump();
        },
      );
    };
    pump();
  }, []);

  // Anything not sent early (a person picked, a language tab) goes from a layout effect, before the paint.
  useLayoutEffect(() => send(key), [key, send]);
  const request = useCallback((i: PreviewInput) => send(JSON.stringify(i)), [send]);
  return { result: state, busy, request };
}

interface LiveResult {
  data: Preview | undefined;
  error: unknown;
}

function ProblemList({ problems, onJump }: { problems: RenderProblem[]; onJump(line: number, column: number): void }) {
  const { t } = useTranslation();
  if (problems.length === 0) return null;
  return (
    <Paper withBorder p="xs" radius="sm" role="region" aria-label={t('newsletters.preview.problems')}>
      <Text size="sm" fw={600} mb={4}>
        {t('newsletters.preview.problems')}
      </Text>
      <Stack gap={2}>
        {problems.map((p, i) => (
          <UnstyledButton
            key={i}
            onClick={() => p.part === 'body' && onJump(p.line, p.column)}
            disabled={p.part !== 'body'}
            aria-label={`${t(`newsletters.preview.severity.${p.severity}`)} ${t(`newsletters.preview.part.${p.part}`)} ${t('newsletters.preview.line', { line: p.line })}: ${p.message}`}
          >
            <Group gap={6} wrap="nowrap" align="flex-start">
              <Badge size="xs" color={p.severity === 'error' ? 'red' : 'yellow'} variant="filled" miw={64}>
                {t(`newsletters.preview.severity.${p.severity}`)}
              </Badge>
              <Text size="xs">
                <Text span fw={600} size="xs" td={p.part === 'body' ? 'underline' : undefined}>
                  {t(`newsletters.preview.part.${p.part}`)} {t('newsletters.preview.line', { line: p.line })}
                </Text>
                {': '}
                {p.message}
              </Text>
            </Group>
          </UnstyledButton>
        ))}
      </Stack>
    </Paper>
  );
}

interface Props {
  id: number;
  kind: 'newsletter' | 'mailing';
  state: ComposerState;
  language: MessageLanguage;
  onJump(line: number, column: number): void;
  /** The person picked reads another language that has a variant: show that variant. */
  onLanguage(language: MessageLanguage): void;
  /** Export reads the saved issue: save what is typed first. */
  flush(): Promise<void>;
  /** Set here, called by the composer with each new state straight from the event that made it. */
  early: MutableRefObject<((state: ComposerState) => void) | null>;
}

/**
 * Follows the draft; everything it shows lives in PreviewBody, memoised, so a keystroke re-renders only
 * this and the answer re-renders the body once.
 */
export function PreviewPane({ id, kind, state, language, onJump, onLanguage, flush, early }: Props) {
  const { t } = useTranslation();
  const [personId, setPersonId] = useState<number | undefined>(undefined);
  useEffect(() => {
    setPersonId(undefined);
  }, [state.segmentId]);
  const inputFor = (s: ComposerState): PreviewInput => ({ id, language, draft: toDraft(s), ...(personId !== undefined ? { personId } : {}) });
  const frame = useRef<PreviewFrame>({ el: null, doc: '' });
  const live = useLivePreview(inputFor(state), (data) => showInFrame(frame.current, frameDocOf(data)));
  const request = live.request;
  early.current = (s) => request(inputFor(s));
  const languages = state.variants.map((v) => v.language).join(',');
  return (
    <Box pos="relative" aria-busy={live.busy}>
      {live.busy && <Loader size="xs" aria-label={t('newsletters.preview.updating')} pos="absolute" top={4} right={4} />}
      <PreviewBody id={id} kind={kind} segmentId={state.segmentId} languages={languages} language={language} result={live.result} personId={personId} setPersonId={setPersonId} onJump={onJump} onLanguage={onLanguage} flush={flush} frame={frame} />
    </Box>
  );
}

interface BodyProps {
  id: number;
  kind: 'newsletter' | 'mailing';
  segmentId: number | null;
  /** The variants' languages, comma-separated (a string, so the memo compares by value). */
  languages: string;
  language: MessageLanguage;
  result: LiveResult;
  personId: number | undefined;
  setPersonId(id: number | undefined): void;
  onJump(line: number, column: number): void;
  /** The person picked reads another language that has a variant: show that variant. */
  onLanguage(language: MessageLanguage): void;
  /** Export reads the saved issue: save what is typed first. */
  flush(): Promise<void>;
  frame: MutableRefObject<PreviewFrame>;
}

const PreviewBody = memo(function PreviewBody({ id, kind, segmentId, languages, language, result, personId, setPersonId, onJump, onLanguage, flush, frame }: BodyProps) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const [width, setWidth] = useState<keyof typeof WIDTHS>('desktop');
  const [tab, setTab] = useState<'html' | 'text'>('html');
  const [recipients, setRecipients] = useState<RecipientRow[]>([]);
  const [search, setSearch] = useState('');
  const [exportError, setExportError] = useState<unknown>();
  const [exporting, setExporting] = useState<string | null>(null);
  const { ref: frameBox, width: boxWidth } = useElementSize();

  // Only what the user types into the open picker searches; the label shown after a pick does not, and
  // closing the picker brings back the whole audience for stepping.
  const [query, setQuery] = useState('');
  const pickerOpen = useRef(false);
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      newsletterApi.recipients({ id, search: query, segmentId, limit: 200 }).then(
        (r) => live && setRecipients(r.rows),
        () => live && setRecipients([]),
      );
    }, 120);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [id, query, segmentId]);

  const p = result.data;
  const recipient = p?.recipient ?? null;
  const at = recipient ? recipients.findIndex((r) => r.personId === recipient.personId) : -1;
  // Picking or stepping to a person shows the variant they would get, once; the user may switch back.
  const followed = useRef<number | null>(null);
  useEffect(() => {
    if (!recipient || personId === undefined || followed.current === personId || recipient.personId !== personId) return;
    followed.current = personId;
    const theirs = languages.split(',').find((l): l is MessageLanguage => l === recipient.language);
    if (theirs && theirs !== language) onLanguage(theirs);
  }, [recipient, personId, languages, language, onLanguage]);
  const step = (d: number): void => {
    const next = recipients[at + d];
    if (next) setPersonId(next.personId);
  };
  const guarded = (p?.guard.length ?? 0) > 0;
  const srcDoc = p ? frameDocOf(p) : '';
  // A frame element that is new (first answer, or back from "no preview") has no document yet.
  const attachFrame = useCallback(
    (el: HTMLIFrameElement | null): void => {
      frame.current.el = el;
      frame.current.doc = '';
    },
    [frame],
  );
  // Answers are shown as they arrive (see showInFrame); this covers a frame that mounted after its answer.
  useLayoutEffect(() => showInFrame(frame.current, srcDoc), [frame, srcDoc]);
  const frameWidth = WIDTHS[width];
  const scale = boxWidth > 0 ? Math.min(1, boxWidth / frameWidth) : 1;
  const frameHeight = 520;

  const doExport = async (format: 'html' | 'mjml' | 'eml'): Promise<void> => {
    setExporting(format);
    setExportError(undefined);
    try {
      await flush();
      downloadPayload(await newsletterApi.export({ id, format, language, ...(recipient ? { personId: recipient.personId } : {}) }));
    } catch (err) {
      setExportError(err);
    } finally {
      setExporting(null);
    }
  };

  const options = recipients.map((r) => ({ value: String(r.personId), label: `${r.name} <${r.email}>` }));
  if (recipient && !recipients.some((r) => r.personId === recipient.personId)) options.unshift({ value: String(recipient.personId), label: `${recipient.name} <${recipient.email}>` });

  return (
    <Stack gap="xs" role="region" aria-label={t('newsletters.preview.title')}>
      <Group gap="xs" wrap="nowrap" align="flex-end">
        <Select
          size="xs"
          style={{ flex: 1 }}
          label={t('newsletters.preview.as')}
          placeholder={segmentId === null ? t('newsletters.preview.sample') : t('newsletters.preview.firstRecipient')}
          searchable
          searchValue={search}
          onSearchChange={(v) => {
            setSearch(v);
            if (pickerOpen.current) setQuery(v);
          }}
          onDropdownOpen={() => {
            pickerOpen.current = true;
          }}
          onDropdownClose={() => {
            pickerOpen.current = false;
            setQuery('');
          }}
          data={options}
          value={recipient ? String(recipient.personId) : null}
          onChange={(v) => v && setPersonId(Number(v))}
          nothingFoundMessage={t('newsletters.preview.nobody')}
          filter={({ options: o }) => o}
        />
        <Tooltip label={t('newsletters.preview.previous')} openDelay={300}>
          <ActionIcon variant="default" size="md" aria-label={t('newsletters.preview.previous')} disabled={at <= 0} onClick={() => step(-1)}>
            <IconChevronLeft size={16} aria-hidden="true" />
          </ActionIcon>
        </Tooltip>
        <Text size="xs" c="dimmed" miw={64} ta="center" aria-live="polite" data-testid="preview-position">
          {p && p.total > 0 ? t('newsletters.preview.position', { index: fmt.number(p.index + 1), total: fmt.number(p.total) }) : '–'}
        </Text>
        <Tooltip label={t('newsletters.preview.next')} openDelay={300}>
          <ActionIcon variant="default" size="md" aria-label={t('newsletters.preview.next')} disabled={at < 0 || at >= recipients.length - 1} onClick={() => step(1)}>
            <IconChevronRight size={16} aria-hidden="true" />
          </ActionIcon>
        </Tooltip>
      </Group>

      {guarded && p && (
        <Alert color="red" variant="filled" icon={<IconLock />} title={t('newsletters.guard.title')} role="alert">
          <List size="sm" c="white">
            {p.guard.map((g) => (
              <List.Item key={g.itemId}>{g.message}</List.Item>
            ))}
          </List>
          <Text size="xs" mt={6} c="white">
            {t('newsletters.guard.hint')}
          </Text>
        </Alert>
      )}

      <Group justify="space-between" gap="xs">
        <SegmentedControl
          size="xs"
          aria-label={t('newsletters.preview.format')}
          value={tab}
          onChange={(v) => setTab(v === 'text' ? 'text' : 'html')}
          data={[
            { value: 'html', label: 'HTML' },
            { value: 'text', label: t('newsletters.preview.text') },
          ]}
        />
        <SegmentedControl
          size="xs"
          aria-label={t('newsletters.preview.width')}
          value={width}
          onChange={(v) => setWidth(v === 'mobile' ? 'mobile' : 'desktop')}
          data={[
            { value: 'desktop', label: <Group gap={4} wrap="nowrap"><IconDeviceDesktop size={14} aria-hidden="true" />{t('newsletters.preview.desktop')}</Group> },
            { value: 'mobile', label: <Group gap={4} wrap="nowrap"><IconDeviceMobile size={14} aria-hidden="true" />{t('newsletters.preview.mobile')}</Group> },
          ]}
        />
      </Group>

      {result.error !== undefined && <ErrorNotice error={result.error} />}

      {p && (
        <Paper withBorder radius="sm" p={6} bg="gray.0">
          <Text size="xs" c="dimmed">
            {recipient ? `${t('newsletters.preview.to')}: ${recipient.name} <${recipient.email}>${recipient.organisation ? ` · ${recipient.organisation}` : ''}` : t('newsletters.preview.sampleNote')}
          </Text>
          <Text size="sm" fw={600} data-testid="preview-subject">
            {p.subject || t('newsletters.preview.noSubject')}
          </Text>
          {p.preheader && (
            <Text size="xs" c="dimmed" truncate="end">
              {p.preheader}
            </Text>
          )}
        </Paper>
      )}

      <Box ref={frameBox} style={{ width: '100%', height: frameHeight, overflow: 'hidden', border: '1px solid var(--mantine-color-gray-3)', borderRadius: 4, background: '#fff', display: tab === 'html' ? undefined : 'none' }}>
        {p && (
          <iframe
            title={t('newsletters.preview.frame')}
            ref={attachFrame}
            sandbox=""
            style={{ width: frameWidth, height: frameHeight / scale, border: 0, transform: `scale(${scale})`, transformOrigin: '0 0', display: 'block', marginLeft: width === 'mobile' && boxWidth > frameWidth ? (boxWidth - frameWidth) / 2 : 0 }}
          />
        )}
      </Box>
      {tab === 'text' && p && (
        <Box component="pre" aria-label={t('newsletters.preview.text')} style={{ whiteSpace: 'pre-wrap', fontSize: 12, maxHeight: frameHeight, overflow: 'auto', margin: 0, padding: 8, border: '1px solid var(--mantine-color-gray-3)', borderRadius: 4 }}>
          {p.text}
        </Box>
      )}

      {p && <ProblemList problems={p.problems} onJump={onJump} />}

      {p && kind === 'mailing' && (
        <Paper withBorder p="xs" radius="sm" role="region" aria-label={t('newsletters.mailing.chosen')}>
          <Text size="sm" fw={600} mb={4}>
            {t('newsletters.mailing.chosen')}
          </Text>
          {p.chosen.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('newsletters.mailing.nothingForThisPerson')}
            </Text>
          ) : (
            <List size="sm" type="ordered">
              {p.chosen.map((c) => (
                <List.Item key={c.itemId}>
                  <Text span size="sm" fw={500}>
                    {c.title}
                  </Text>{' '}
                  <Text span size="xs" c="dimmed">
                    — {c.reason}
                  </Text>
                </List.Item>
              ))}
            </List>
          )}
          {p.nothingRelevant > 0 && (
            <Text size="sm" c="orange.8" mt={4}>
              {t('newsletters.mailing.nothingRelevant', { count: p.nothingRelevant, n: fmt.number(p.nothingRelevant) })}
            </Text>
          )}
        </Paper>
      )}

      {p && p.checks.length > 0 && (
        <Paper withBorder p="xs" radius="sm" role="region" aria-label={t('newsletters.checks.title')}>
          <Text size="sm" fw={600} mb={4}>
            {t('newsletters.checks.title')}
          </Text>
          <Stack gap={2}>
            {p.checks.map((c) => (
              <Group key={c.code} gap={6} wrap="nowrap" align="flex-start">
                <IconAlertTriangle size={14} color={c.severity === 'error' ? 'var(--mantine-color-red-6)' : 'var(--mantine-color-yellow-7)'} aria-hidden="true" style={{ flex: 'none', marginTop: 2 }} />
                <Text size="xs">
                  <Text span fw={600} size="xs">
                    {t(`newsletters.preview.severity.${c.severity}`)}:
                  </Text>{' '}
                  {c.message}
                </Text>
              </Group>
            ))}
          </Stack>
        </Paper>
      )}

      <Group gap="xs">
        <Text size="sm" fw={600}>
          {t('newsletters.export.title')}
        </Text>
        {(['eml', 'html', 'mjml'] as const).map((f) => (
          <Button key={f} size="xs" variant="light" leftSection={<IconDownload size={14} aria-hidden="true" />} disabled={guarded || !p} loading={exporting === f} onClick={() => void doExport(f)}>
            .{f}
          </Button>
        ))}
        {guarded && (
          <Text size="xs" c="red.7">
            {t('newsletters.export.blocked')}
          </Text>
        )}
      </Group>
      {exportError !== undefined && <ErrorNotice error={exportError} />}
    </Stack>
  );
});
