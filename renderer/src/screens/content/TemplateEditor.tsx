/**
 * One template in the code editor: name, kind and language, the MJML with its problems (line markers in the
 * editor and a list below; a click on a problem moves the cursor there). Saving always keeps the text and
 * returns the problems found. Duplicate makes an editable copy; starters cannot be deleted.
 */
import { Alert, Anchor, Badge, Button, Code, Group, List, Loader, Modal, Select, SimpleGrid, Stack, Text, TextInput, Tooltip, UnstyledButton } from '@mantine/core';
import { IconAlertTriangle, IconArrowLeft, IconCircleCheck, IconCopy, IconDeviceFloppy, IconTrash } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { MessageKind, MessageLanguage, RenderProblem, Template } from '../../../../shared/newsletters/schemas';
import { call } from '../../api';
import { ErrorNotice } from '../../ErrorNotice';
import { templateHash, templatesHash } from './contentHash';
import { MjmlCode } from './MjmlCode';
import { setTemplateNotice, takeTemplateNotice } from './templateNotice';

type Draft = { name: string; kind: MessageKind; language: MessageLanguage; mjml: string };
/** Unsaved edits per template, kept while the app runs, so leaving the editor never loses them. */
const unsavedDrafts = new Map<number, { base: string; draft: Draft }>();

const MERGE_EXAMPLES = ['{{salutation}}', '{{first_name|Mitglied}}', '{{organisation}}', '{{unsubscribe_url}}', '{{#if funded:no}} … {{else}} … {{/if}}'];

export function TemplateEditorPage({ id }: { id: number }) {
  const { t, i18n } = useTranslation();
  const [saved, setSaved] = useState<Template | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [loadError, setLoadError] = useState<unknown>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | undefined>(() => takeTemplateNotice());
  const [goTo, setGoTo] = useState<{ line: number; seq: number } | null>(null);
  const [deleting, setDeleting] = useState(false);
  // Problems of the text as typed, checked a moment after the last keystroke (nothing is saved by it).
  const [live, setLive] = useState<{ mjml: string; problems: RenderProblem[] } | null>(null);
  const typed = draft?.mjml;

  useEffect(() => {
    if (typed === undefined || typed === saved?.mjml) return;
    let current = true;
    const timer = setTimeout(() => {
      call('templates/check', { mjml: typed }).then(
        (r) => current && setLive({ mjml: typed, problems: r.problems }),
        () => undefined,
      );
    }, 400);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [typed, saved?.mjml]);

  useEffect(() => {
    call('templates/get', { id }).then((tpl) => {
      setSaved(tpl);
      const kept = unsavedDrafts.get(id);
      // Edits left unsaved when the user went elsewhere in the app come back, unless the template changed since.
      if (kept && kept.base === tpl.updatedAt) {
        setDraft(kept.draft);
        setNotice(t('content.templates.restored'));
      } else {
        unsavedDrafts.delete(id);
        setDraft({ name: tpl.name, kind: tpl.kind, language: tpl.language, mjml: tpl.mjml });
      }
    }, setLoadError);
    // Loaded once per template: loading again (say on a language switch) would throw edits away.
  }, [id]);

  const isDirty = saved !== null && draft !== null && (draft.name !== saved.name || draft.kind !== saved.kind || draft.language !== saved.language || draft.mjml !== saved.mjml);
  useEffect(() => {
    if (!saved || !draft) return;
    if (isDirty) unsavedDrafts.set(id, { base: saved.updatedAt, draft });
    else unsavedDrafts.delete(id);
  }, [id, saved, draft, isDirty]);
  // Closing the window or reloading asks first while there are unsaved edits.
  useEffect(() => {
    if (!isDirty) return;
    const ask = (e: BeforeUnloadEvent): void => e.preventDefault();
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [isDirty]);

  if (loadError !== undefined) return <ErrorNotice error={loadError} />;
  if (!saved || !draft) return <Loader aria-label={t('app.loading')} />;

  const dirty = isDirty;
  const errors = saved.problems.filter((p) => p.severity === 'error').length;
  const current = draft.mjml === saved.mjml ? saved.problems : live?.mjml === draft.mjml ? live.problems : (live?.problems ?? saved.problems);
  // Said in the UI language, in the list and in the editor's marker tooltips alike.
  const problems = current.map((p) => ({ ...p, message: problemText(t, i18n, p) }));

  const save = (): void => {
    if (busy || draft.name.trim() === '') return;
    setBusy(true);
    setError(undefined);
    call('templates/save', { id, ...draft })
      .then((tpl) => {
        setSaved(tpl);
        setDraft((d) => (d ? { ...d, name: tpl.name } : d));
        const count = tpl.problems.filter((p) => p.severity === 'error').length;
        setNotice(count > 0 ? t('content.templates.savedWithProblems', { count }) : t('content.templates.saved'));
      }, setError)
      .finally(() => setBusy(false));
  };

  const duplicate = (): void => {
    setBusy(true);
    call('templates/duplicate', { id })
      .then((copy) => {
        setTemplateNotice(t('content.templates.duplicated', { name: copy.name }));
        window.location.hash = templateHash(copy.id);
      }, setError)
      .finally(() => setBusy(false));
  };

  return (
    <Stack gap="sm">
      <Group justify="space-between" wrap="wrap">
        <Anchor href={templatesHash()} size="sm">
          <Group gap={4}>
            <IconArrowLeft size={14} aria-hidden="true" />
            {t('content.templates.back')}
          </Group>
        </Anchor>
        <Group gap="xs">
          {dirty && (
            <Badge color="orange" variant="light" tt="none">
              {t('content.templates.unsaved')}
            </Badge>
          )}
          <Button variant="default" leftSection={<IconCopy size={16} aria-hidden="true" />} onClick={duplicate} disabled={busy}>
            {t('content.templates.duplicate')}
          </Button>
          {saved.starter ? (
            <Tooltip label={t('content.templates.starterNoDelete')} multiline w={300} withArrow>
              <Button variant="subtle" color="red" leftSection={<IconTrash size={16} aria-hidden="true" />} data-disabled aria-disabled="true" onClick={(e) => e.preventDefault()}>
                {t('content.templates.delete')}
              </Button>
            </Tooltip>
          ) : (
            <Button variant="subtle" color="red" leftSection={<IconTrash size={16} aria-hidden="true" />} onClick={() => setDeleting(true)}>
              {t('content.templates.delete')}
            </Button>
          )}
          <Button leftSection={<IconDeviceFloppy size={16} aria-hidden="true" />} onClick={save} loading={busy} disabled={draft.name.trim() === ''}>
            {t('content.templates.save')}
          </Button>
        </Group>
      </Group>
      {notice && (
        <Alert color={errors > 0 ? 'orange' : 'teal'} variant="light" role="status" withCloseButton closeButtonLabel={t('common.close')} onClose={() => setNotice(undefined)}>
          {notice}
        </Alert>
      )}
      {error !== undefined && <ErrorNotice error={error} />}
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <TextInput label={t('content.templates.name')} value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })} required maxLength={200} />
        <Select
          label={t('content.templates.kind')}
          data={(['newsletter', 'mailing'] as const).map((k) => ({ value: k, label: t(`content.templates.kinds.${k}`) }))}
          value={draft.kind}
          onChange={(v) => v && setDraft({ ...draft, kind: v as MessageKind })}
          allowDeselect={false}
        />
        <Select
          label={t('content.templates.language')}
          data={(['de', 'en'] as const).map((k) => ({ value: k, label: t(`content.languages.${k}`) }))}
          value={draft.language}
          onChange={(v) => v && setDraft({ ...draft, language: v as MessageLanguage })}
          allowDeselect={false}
        />
      </SimpleGrid>
      <Text size="xs" c="dimmed">
        {t('content.templates.mergeHelp')}{' '}
        {MERGE_EXAMPLES.map((m) => (
          <Code key={m} fz="xs" mr={4}>
            {m}
          </Code>
        ))}
        <Code fz="xs">{'{{items}}'}</Code> {t('content.templates.itemsHelp')}
      </Text>
      <MjmlCode value={draft.mjml} onChange={(mjml) => setDraft((d) => (d ? { ...d, mjml } : d))} problems={problems} label={t('content.templates.code')} onSave={save} goTo={goTo} />
      <ProblemList problems={problems} onPick={(line) => setGoTo((g) => ({ line, seq: (g?.seq ?? 0) + 1 }))} />
      <Modal opened={deleting} onClose={() => setDeleting(false)} title={t('content.templates.deleteTitle')} centered>
        <Text size="sm" mb="md">
          {t('content.templates.deleteBody', { name: saved.name })}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setDeleting(false)} data-autofocus>
            {t('common.cancel')}
          </Button>
          <Button
            color="red"
            onClick={() => {
              call('templates/delete', { id, confirm: true }).then(() => {
                setTemplateNotice(t('content.templates.deleted', { name: saved.name }));
                window.location.hash = templatesHash();
              }, setError);
              setDeleting(false);
            }}
          >
            {t('content.templates.deleteConfirm')}
          </Button>
        </Group>
      </Modal>
    </Stack>
  );
}

/** A problem in the UI language where its code is known; mjml's own messages are quoted as they are (English). */
function problemText(t: TFunction, i18n: { exists(key: string): boolean }, p: RenderProblem): string {
  const key = `content.templates.problemCodes.${p.code}`;
  if (i18n.exists(key)) return t(key, { line: p.line, ...p.params });
  return p.origin === 'mjml' && p.code === 'mjml_validation' ? t('content.templates.mjmlSays', { message: p.message }) : p.message;
}

function ProblemList({ problems, onPick }: { problems: readonly RenderProblem[]; onPick(line: number): void }) {
  const { t } = useTranslation();
  return (
    <section aria-label={t('content.templates.problems')}>
      <Text size="sm" fw={600} mb={4}>
        {t('content.templates.problems')}
      </Text>
      {problems.length === 0 ? (
        <Group gap={6}>
          <IconCircleCheck size={16} color="var(--mantine-color-teal-7)" aria-hidden="true" />
          <Text size="sm" c="dimmed">
            {t('content.templates.noProblems')}
          </Text>
        </Group>
      ) : (
        <List size="sm" spacing={4} listStyleType="none" data-testid="template-problems">
          {problems.map((p, i) => (
            <List.Item key={i}>
              <UnstyledButton onClick={() => onPick(p.line)} fz="sm">
                <Group gap={6} wrap="nowrap" align="flex-start">
                  <IconAlertTriangle size={16} color={p.severity === 'error' ? 'var(--mantine-color-red-7)' : 'var(--mantine-color-orange-7)'} aria-hidden="true" style={{ flex: 'none', marginTop: 2 }} />
                  <span>
                    <Text span fw={600} size="sm">
                      {t(`content.templates.severity.${p.severity}`)}, {t('content.templates.problemLine', { line: p.line })}:
                    </Text>{' '}
                    {p.message}
                  </span>
                </Group>
              </UnstyledButton>
            </List.Item>
          ))}
        </List>
      )}
    </section>
  );
}
