/**
 * Kontaktpflege: the lists a manager works through now and then so information keeps reaching the people
 * who pass it on in their organisations. Each card is a saved search; its button opens the contact list
 * with that search, where the bulk actions (above all "Als geprüft markieren") do the work.
 */
import { Anchor, Badge, Button, Card, Group, Loader, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconArrowRight, IconCalendarDue, IconClockExclamation, IconMailOff, IconShieldOff } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Upkeep } from '../../../../shared/contacts/schemas';
import { ErrorNotice } from '../../ErrorNotice';
import { EMPTY, useFormatters } from '../../format';
import { useApi } from '../../useApi';
import { organisationHash } from '../organisations/orgHash';
import { listHash } from './contactsHash';

type ListKey = Upkeep['lists'][number]['key'];

const ICONS: Record<ListKey, ReactNode> = {
  stale: <IconClockExclamation size={22} aria-hidden="true" />,
  bounced: <IconMailOff size={22} aria-hidden="true" />,
  noConsent: <IconShieldOff size={22} aria-hidden="true" />,
  recontactDue: <IconCalendarDue size={22} aria-hidden="true" />,
};

export function UpkeepScreen() {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const api = useApi('upkeep/get', {});
  const data = api.data;

  if (api.error !== undefined) return <ErrorNotice error={api.error} onRetry={api.reload} />;
  if (!data) return <Loader aria-label={t('app.loading')} />;

  const months = data.staleAfterMonths;
  const orgs = data.organisationsWithoutKeyContact;

  return (
    <Stack gap="lg">
      <Text maw={820}>{t('upkeep.intro')}</Text>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
        {data.lists.map((l) => {
          const title = l.key === 'stale' ? t('upkeep.lists.stale', { count: months, n: fmt.number(months) }) : t(`upkeep.lists.${l.key}`);
          return (
            <Card key={l.key} withBorder component="section" aria-label={title} padding="lg">
              <Stack gap="xs" h="100%">
                <Group gap="xs" wrap="nowrap" c={l.count > 0 ? (l.key === 'bounced' ? 'red.7' : 'orange.7') : 'teal.7'}>
                  {ICONS[l.key]}
                  <Title order={3} size="h5" c="var(--mantine-color-text)">
                    {title}
                  </Title>
                </Group>
                <Text fz={32} fw={700} lh={1.1}>
                  {fmt.number(l.count)}
                </Text>
                <Text size="sm" c="dimmed" flex={1}>
                  {t(`upkeep.hints.${l.key}`, { count: months, n: fmt.number(months) })}
                </Text>
                <Button
                  component="a"
                  href={listHash(l.query)}
                  variant={l.count > 0 ? 'light' : 'subtle'}
                  rightSection={<IconArrowRight size={14} aria-hidden="true" />}
                  aria-label={t('upkeep.openNamed', { list: title })}
                >
                  {t('upkeep.open')}
                </Button>
              </Stack>
            </Card>
          );
        })}
      </SimpleGrid>
      <Text size="sm" c="dimmed">
        {t('upkeep.staleSetting', { count: months, n: fmt.number(months) })}{' '}
        <Anchor href="#/settings" size="sm">
          {t('nav.settings')}
        </Anchor>
      </Text>

      <Card withBorder component="section" aria-label={t('upkeep.orgsTitle')} padding="lg">
        <Group gap="xs" mb="xs">
          <Title order={3} size="h4">
            {t('upkeep.orgsTitle')}
          </Title>
          <Badge color={orgs.length > 0 ? 'orange' : 'teal'} variant="light">
            {fmt.number(orgs.length)}
          </Badge>
        </Group>
        {orgs.length === 0 ? (
          <Text size="sm" c="teal.8">
            {t('upkeep.orgsNone')}
          </Text>
        ) : (
          <>
            <Group gap={6} mb="sm" wrap="nowrap" align="flex-start">
              <IconAlertTriangle size={18} color="var(--mantine-color-orange-6)" aria-hidden="true" style={{ flexShrink: 0 }} />
              <Text size="sm">{t('upkeep.orgsHint')}</Text>
            </Group>
            <Table.ScrollContainer minWidth={560}>
              <Table fz="sm" verticalSpacing={6} aria-label={t('upkeep.orgsTitle')}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('organisations.columns.name')}</Table.Th>
                    <Table.Th w={200}>{t('organisations.columns.kind')}</Table.Th>
                    <Table.Th w={160}>{t('organisations.columns.city')}</Table.Th>
                    <Table.Th w={100} ta="right">
                      {t('organisations.columns.persons')}
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {orgs.map((o) => (
                    <Table.Tr key={o.id}>
                      <Table.Td>
                        <Anchor href={organisationHash(o.id)} fw={600} size="sm">
                          {o.name}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{t(`kinds.${o.kind}`)}</Table.Td>
                      <Table.Td>{o.city ?? EMPTY}</Table.Td>
                      <Table.Td ta="right">{fmt.number(o.persons)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </>
        )}
      </Card>
    </Stack>
  );
}
