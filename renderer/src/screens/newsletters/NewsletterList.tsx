/**
 * The newsletter issues and personalised mailings: title, kind, audience, languages, number of items,
 * status and last change; "Neuer Newsletter" / "Neues Mailing" ask for title, template and languages and
 * open the composer.
 */
import { ActionIcon, Alert, Anchor, Badge, Button, Checkbox, Group, Loader, Menu, Modal, Select, Stack, Table, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { IconCopy, IconDots, IconInfoCircle, IconMail, IconNews, IconTrash } from '@tabler/icons-react';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MESSAGE_LANGUAGES, type MessageKind, type MessageLanguage, type NewsletterSummary, type TemplateSummary } from '../../../../shared/newsletters/schemas';
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
  const [deleting, setDeleting] = useState<NewsletterSummary | null>(null);
  const [actionError, setActionError] = useState<unknown>();
  const rows = list.data?.rows;
  const duplicate = async (n: NewsletterSummary): Promise<void> => {
    try {
      window.location.hash = composerHash((await newsletterApi.duplicate(n.id)).id);
    } catch (err) {
      setActionError(err);
    }
  };
  const remove = async (n: NewsletterSummary): Promise<void> => {
    try {
      await newsletterApi.remove(n.id);
      setDeleting(null);
      list.reload();
    } catch (err) {
      setDeleting(null);
      setActionError(err);
    }
  };

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
      {actionError !== undefined && <ErrorNotice error={actionError} />}
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
                <Table.Th w={110}>{t('newsletters.list.kind')}</Table.Th>
                <Table.Th w={190}>{t('newsletters.fields.audience')}</Table.Th>
                <Table.Th w={90}>{t('newsletters.fields.languages')}</Table.Th>
                <Table.Th w={80} ta="right">
                  {t('newsletters.list.items')}
                </Table.Th>
                <Table.Th w={110}>{t('newsletters.list.status')}</Table.Th>
                <Table.Th w={150}>{t('newsletters.list.updated')}</Table.Th>
                <Table.Th w={48}>
                  <VisuallyHidden>{t('newsletters.list.actions')}</VisuallyHidden>
                </Table.Th>
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
                      {t(`newsletters.kindShort.${n.kind}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{n.segment ?? <Text span c="dimmed" size="sm">{t('newsletters.list.noAudience')}</Text>}</Table.Td>
                  <Table.Td>{n.languages.map((l) => l.toUpperCase()).join(' · ')}</Table.Td>
                  <Table.Td ta="right">{fmt.number(n.items)}</Table.Td>
                  <Table.Td>{t(`newsletters.status.${n.status}`)}</Table.Td>
                  <Table.Td>{n.updatedAt ? fmt.dateTime(n.updatedAt) : EMPTY}</Table.Td>
                  <Table.Td>
                    <Menu position="bottom-end" withinPortal>
                      <Menu.Target>
                        <ActionIcon variant="subtle" color="gray" aria-label={t('newsletters.list.actionsOf', { title: n.title })}>
                          <IconDots size={16} aria-hidden="true" />
                        </ActionIcon>
                      </Menu.Target>
                      <Menu.Dropdown>
                        <Menu.Item leftSection={<IconCopy size={14} aria-hidden="true" />} onClick={() => void duplicate(n)}>
                          {t('newsletters.list.duplicate')}
                        </Menu.Item>
                        <Menu.Item color="red" leftSection={<IconTrash size={14} aria-hidden="true" />} onClick={() => setDeleting(n)}>
                          {t('newsletters.list.delete')}
                        </Menu.Item>
                      </Menu.Dropdown>
                    </Menu>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <CreateDialog kind={creating} onClose={() => setCreating(null)} />
      <Modal opened={deleting !== null} onClose={() => setDeleting(null)} title={t('newsletters.list.deleteTitle')} centered closeButtonProps={{ 'aria-label': t('common.close') }}>
        <Text size="sm">{t('newsletters.list.deleteBody', { title: deleting?.title ?? '' })}</Text>
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={() => setDeleting(null)}>
            {t('common.cancel')}
          </Button>
          <Button color="red" onClick={() => deleting && void remove(deleting)}>
            {t('newsletters.list.deleteConfirm')}
          </Button>
        </Group>
      </Modal>
    </Stack>
  );
}
