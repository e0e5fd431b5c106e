/**
 * The newsletter issues and personalised mailings: title, kind, audience, languages, number of items,
 * status and last change; "Neuer Newsletter" / "Neues Mailing" ask for title, template and languages and
 * open the composer.
 */
import { Alert, Anchor, Badge, Button, Checkbox, Group, Loader, Modal, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconInfoCircle, IconMail, IconNews } from '@tabler/icons-react';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MESSAGE_LANGUAGES, type MessageKind, type MessageLanguage, type TemplateSummary } from '../../../../shared/newsletters/schemas';
import { ErrorNotice } from '../../ErrorNotice';
import { EMPTY, useFormatters } from '../../format';
import { newsletterApi } from './newsletterApi';
import { composerHash } from './newslettersHash';
import { useAsync } from './useAsync';

function CreateDialog({ kind, onClose }: { kind: MessageKind | null; onClose(): void }) {
  const { t } = useTranslation();
  const [title, setTitle] = useState('');
  const [templateId, setTemplateId] = useState<string | null>(null);
  const [languages, setLanguages] = useState<MessageLanguage[]>(['de', 'en']);
  const [templates, setTemplates] = useState<TemplateSummary[]>([]);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (kind === null) return;
    setTitle('');
    setTemplateId(null);
    setError(undefined);
    // Without templates the backend takes the starter template: the picker is a convenience, not a must.
    newsletterApi.templates().then(
      (r) => setTemplates(r.rows.filter((x) => x.kind === kind)),
      () => setTemplates([]),
    );
  }, [kind]);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (kind === null || title.trim() === '' || languages.length === 0) return;
    setBusy(true);
    try {
      const created = await newsletterApi.create({ kind, title: title.trim(), languages, ...(templateId ? { templateId: Number(templateId) } : {}) });
      window.location.hash = composerHash(created.id);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  return (
    <Modal opened={kind !== null} onClose={onClose} title={kind === 'mailing' ? t('newsletters.list.newMailing') : t('newsletters.list.newNewsletter')} centered closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form onSubmit={(e) => void submit(e)}>
        <Stack gap="sm">
          <TextInput label={t('newsletters.fields.title')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} required data-autofocus maxLength={200} />
          <Select
            label={t('newsletters.fields.template')}
            placeholder={t('newsletters.list.starterTemplate')}
            data={templates.map((x) => ({ value: String(x.id), label: x.name }))}
            value={templateId}
            onChange={setTemplateId}
            clearable
          />
          <Checkbox.Group label={t('newsletters.fields.languages')} value={languages} onChange={(v) => setLanguages(v.filter((x): x is MessageLanguage => (MESSAGE_LANGUAGES as readonly string[]).includes(x)))} error={languages.length === 0 ? t('newsletters.list.oneLanguage') : undefined}>
            <Group gap="md" mt={4}>
              {MESSAGE_LANGUAGES.map((l) => (
                <Checkbox key={l} value={l} label={t(`newsletters.languages.${l}`)} />
              ))}
            </Group>
          </Checkbox.Group>
          {error !== undefined && <ErrorNotice error={error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy} disabled={title.trim() === '' || languages.length === 0}>
              {t('newsletters.list.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function NewsletterList() {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const list = useAsync(() => newsletterApi.list(), []);
  const [creating, setCreating] = useState<MessageKind | null>(null);
  const rows = list.data?.rows;

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <div>
          <Title order={2}>{t('nav.newsletters')}</Title>
          <Text size="sm" c="dimmed" maw={720}>
            {t('newsletters.list.intro')}
          </Text>
        </div>
        <Group gap="xs">
          <Button leftSection={<IconNews size={16} aria-hidden="true" />} onClick={() => setCreating('newsletter')}>
            {t('newsletters.list.newNewsletter')}
          </Button>
          <Button variant="light" leftSection={<IconMail size={16} aria-hidden="true" />} onClick={() => setCreating('mailing')}>
            {t('newsletters.list.newMailing')}
          </Button>
        </Group>
      </Group>
      {list.error !== undefined && <ErrorNotice error={list.error} onRetry={list.reload} />}
      {!rows && list.loading && <Loader aria-label={t('app.loading')} />}
      {rows && rows.length === 0 && (
        <Alert icon={<IconInfoCircle />} color="gray" variant="light">
          {t('newsletters.list.empty')}
        </Alert>
      )}
      {rows && rows.length > 0 && (
        <Table.ScrollContainer minWidth={860}>
          <Table highlightOnHover fz="sm" verticalSpacing={8} aria-label={t('newsletters.list.table')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('newsletters.fields.title')}</Table.Th>
                <Table.Th w={150}>{t('newsletters.list.kind')}</Table.Th>
                <Table.Th w={200}>{t('newsletters.fields.audience')}</Table.Th>
                <Table.Th w={100}>{t('newsletters.fields.languages')}</Table.Th>
                <Table.Th w={80} ta="right">
                  {t('newsletters.list.items')}
                </Table.Th>
                <Table.Th w={110}>{t('newsletters.list.status')}</Table.Th>
                <Table.Th w={170}>{t('newsletters.list.updated')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((n) => (
                <Table.Tr key={n.id}>
                  <Table.Td>
                    <Anchor href={composerHash(n.id)} fw={600} size="sm">
                      {n.title}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={n.kind === 'mailing' ? 'grape' : 'teal'} fw={500}>
                      {t(`newsletters.kind.${n.kind}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{n.segment ?? <Text span c="dimmed" size="sm">{t('newsletters.list.noAudience')}</Text>}</Table.Td>
                  <Table.Td>{n.languages.map((l) => l.toUpperCase()).join(' · ')}</Table.Td>
                  <Table.Td ta="right">{fmt.number(n.items)}</Table.Td>
                  <Table.Td>{t(`newsletters.status.${n.status}`)}</Table.Td>
                  <Table.Td>{n.updatedAt ? fmt.dateTime(n.updatedAt) : EMPTY}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <CreateDialog kind={creating} onClose={() => setCreating(null)} />
    </Stack>
  );
}
