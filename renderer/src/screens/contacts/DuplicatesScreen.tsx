/**
 * Dubletten: persons probably entered twice (same name, or one's address is another's), shown side by
 * side, each group with "Zusammenführen". Merging keeps the consents, history and organisations of both.
 */
import { Alert, Anchor, Badge, Button, Card, EmptyState, Group, Loader, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconCircleCheck, IconGitMerge, IconUsers } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactRow } from '../../../../shared/contacts/schemas';
import { ErrorNotice } from '../../ErrorNotice';
import { EMPTY, personName, useFormatters } from '../../format';
import { useApi } from '../../useApi';
import { ContactDrawer } from './ContactDrawer';
import { MergeDialog } from './MergeDialog';

function PersonCard({ p, onOpen }: { p: ContactRow; onOpen(): void }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  return (
    <Card withBorder padding="sm" radius="sm" bg="gray.0">
      <Anchor component="button" type="button" fw={600} size="sm" ta="left" onClick={onOpen}>
        {personName(p)}
      </Anchor>
      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
        {p.email ?? EMPTY}
      </Text>
      <Text size="sm" c="dimmed">
        {[p.organisation, p.function].filter(Boolean).join(' · ') || EMPTY}
      </Text>
      <Group gap={6} mt={6}>
        <Badge size="xs" variant="light" color={p.status === 'active' ? 'teal' : p.status === 'bounced' ? 'red' : 'gray'}>
          {t(`statuses.${p.status}`)}
        </Badge>
        <Text size="xs" c="dimmed">
          {t('contacts.columns.lastVerified')}: {p.lastVerified ? fmt.date(p.lastVerified) : t('common.never')}
        </Text>
      </Group>
    </Card>
  );
}

export function DuplicatesScreen() {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const api = useApi('duplicates/list', {});
  const [merging, setMerging] = useState<ContactRow[] | null>(null);
  const [openId, setOpenId] = useState<number | null>(null);
  const [notice, setNotice] = useState<string>();
  const groups = api.data?.groups;

  return (
    <Stack gap="md">
      <Text maw={820}>{t('duplicates.intro')}</Text>
      {notice && (
        <Alert color="teal" icon={<IconCircleCheck />} role="status" py={6} withCloseButton onClose={() => setNotice(undefined)} closeButtonLabel={t('common.close')}>
          {notice}
        </Alert>
      )}
      {api.error !== undefined && <ErrorNotice error={api.error} onRetry={api.reload} />}
      {!groups && api.loading && <Loader aria-label={t('app.loading')} />}
      {groups && groups.length === 0 && (
        <EmptyState icon={<IconUsers size={28} aria-hidden="true" />} title={t('duplicates.none')} description={t('duplicates.noneHint')} />
      )}
      {groups && groups.length > 0 && (
        <Text size="sm" fw={600} aria-live="polite">
          {t('duplicates.count', { count: groups.length, n: fmt.number(groups.length) })}
        </Text>
      )}
      {groups?.map((g) => {
        const names = g.persons.map(personName).join(' / ');
        return (
          <Card key={g.persons.map((p) => p.id).join('-')} withBorder component="section" aria-label={t('duplicates.group', { names })}>
            <Group justify="space-between" mb="sm">
              <Badge variant="light" color={g.reason === 'email' ? 'orange' : 'blue'}>
                {t(`duplicates.reason.${g.reason}`)}
              </Badge>
              <Button size="xs" leftSection={<IconGitMerge size={14} aria-hidden="true" />} onClick={() => setMerging(g.persons)}>
                {t('duplicates.merge')}
              </Button>
            </Group>
            <SimpleGrid cols={{ base: 1, sm: Math.min(g.persons.length, 3) }} spacing="sm">
              {g.persons.map((p) => (
                <PersonCard key={p.id} p={p} onOpen={() => setOpenId(p.id)} />
              ))}
            </SimpleGrid>
          </Card>
        );
      })}
      <MergeDialog
        persons={merging}
        onClose={() => setMerging(null)}
        onMerged={(kept, otherName) => {
          setMerging(null);
          setNotice(t('duplicates.merged', { other: otherName, name: personName(kept) }));
          api.reload();
        }}
      />
      <ContactDrawer
        personId={openId}
        onClose={() => setOpenId(null)}
        onSaved={api.reload}
        onErased={(_id, name) => {
          setNotice(t('contacts.privacy.erased', { name }));
          api.reload();
        }}
      />
    </Stack>
  );
}
