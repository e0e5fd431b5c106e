import { BarChart, DonutChart } from '@mantine/charts';
import { Alert, Anchor, Badge, Button, Card, Group, Loader, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconInfoCircle } from '@tabler/icons-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ORGANISATION_KINDS } from '../../../shared/domain';
import { call } from '../api';
import { ErrorNotice } from '../ErrorNotice';
import { useApi } from '../useApi';

function Stat({ label, value, hint }: { label: string; value: number; hint: string }) {
  const id = useId();
  const { i18n } = useTranslation();
  return (
    <Card withBorder component="section" aria-labelledby={id} padding="md">
      <Text id={id} size="sm" c="dimmed" fw={600}>
        {label}
      </Text>
      <Text fz={32} fw={700} lh={1.2}>
        {new Intl.NumberFormat(i18n.language).format(value)}
      </Text>
      <Text size="xs" c="dimmed">
        {hint}
      </Text>
    </Card>
  );
}

export function Dashboard({ onOpenSettings }: { onOpenSettings: () => void }) {
  const { t, i18n } = useTranslation();
  const { data, error, loading, reload } = useApi('dashboard/get', {});
  const [busy, setBusy] = useState(false);
  const [loadError, setLoadError] = useState<unknown>();

  if (error) return <ErrorNotice error={error} onRetry={reload} />;
  if (!data) return loading ? <Loader aria-label={t('app.loading')} /> : null;

  const fmt = new Intl.NumberFormat(i18n.language);
  if (data.isEmpty) {
    return (
      <Stack maw={640}>
        <Title order={2}>{t('dashboard.title')}</Title>
        <Alert icon={<IconInfoCircle />} title={t('dashboard.empty.title')}>
          <Text mb="sm">{t('dashboard.empty.body')}</Text>
          <Group>
            <Button
              loading={busy}
              onClick={() => {
                setBusy(true);
                call('demo/load', {})
                  .then(reload, setLoadError)
                  .finally(() => setBusy(false));
              }}
            >
              {t('dashboard.empty.load')}
            </Button>
            <Button variant="subtle" onClick={onOpenSettings}>
              {t('nav.settings')}
            </Button>
          </Group>
        </Alert>
        {loadError !== undefined && <ErrorNotice error={loadError} />}
      </Stack>
    );
  }

  const o = data.organisations;
  const members = data.members.funded + data.members.notFunded;
  const byKind = ORGANISATION_KINDS.filter((k) => o.byKind[k] > 0).map((k) => ({
    kind: `${t(`kinds.${k}`)} (${fmt.format(o.byKind[k])})`,
    count: o.byKind[k],
  }));

  return (
    <Stack gap="lg">
      <Title order={2}>{t('dashboard.title')}</Title>
      <SimpleGrid cols={{ base: 1, xs: 2, lg: 4 }}>
        <Stat
          label={t('dashboard.organisations')}
          value={o.total}
          hint={t('dashboard.organisationsHint', {
            members: fmt.format(o.byMembership.member),
            abroad: fmt.format(o.byMembership.partner_abroad),
            external: fmt.format(o.byMembership.external),
          })}
        />
        <Stat label={t('dashboard.persons')} value={data.persons.total} hint={t('dashboard.personsHint', { active: fmt.format(data.persons.active) })} />
        <Stat label={t('dashboard.keyContacts')} value={data.persons.keyContacts} hint={t('dashboard.keyContactsHint')} />
        <Stat label={t('dashboard.consent')} value={data.persons.newsletterConsent} hint={t('dashboard.consentHint')} />
      </SimpleGrid>

      {data.members.withoutKeyContact > 0 ? (
        <Alert color="orange" icon={<IconAlertTriangle />}>
          <Text size="sm">{t('dashboard.withoutKeyContact', { count: data.members.withoutKeyContact })}</Text>
          {/* The list opens with the "without key contact" switch on (see organisations/orgHash.ts). */}
          <Anchor href="#/organisations?nokey=1" size="sm" fw={600} c="orange.9" mt={4} display="inline-block">
            {t('dashboard.showWithoutKeyContact')}
          </Anchor>
        </Alert>
      ) : (
        members > 0 && (
          <Alert color="teal" icon={<IconCircleCheck />}>
            {t('dashboard.allHaveKeyContact')}
          </Alert>
        )
      )}

      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder component="section" aria-label={t('dashboard.byKind')}>
          <Title order={4} mb="sm">
            {t('dashboard.byKind')}
          </Title>
          <BarChart
            h={Math.max(200, byKind.length * 30)}
            data={byKind}
            dataKey="kind"
            orientation="vertical"
            yAxisProps={{ width: 230 }}
            series={[{ name: 'count', label: t('dashboard.organisations'), color: 'teal.6' }]}
            gridAxis="none"
            withTooltip={false}
          />
        </Card>
        <Card withBorder component="section" aria-label={t('dashboard.funding')}>
          <Title order={4} mb="sm">
            {t('dashboard.funding')}
          </Title>
          <Group align="center" wrap="nowrap">
            <DonutChart
              size={160}
              thickness={28}
              withLabels
              withTooltip={false}
              data={[
                { name: t('dashboard.funded'), value: data.members.funded, color: 'teal.6' },
                { name: t('dashboard.notFunded'), value: data.members.notFunded, color: 'orange.5' },
              ]}
            />
            <Stack gap={6}>
              <Group gap="xs">
                <Badge color="teal.6" circle size="xs" />
                <Text size="sm">
                  {t('dashboard.funded')}: <b>{fmt.format(data.members.funded)}</b>
                </Text>
              </Group>
              <Group gap="xs">
                <Badge color="orange.5" circle size="xs" />
                <Text size="sm">
                  {t('dashboard.notFunded')}: <b>{fmt.format(data.members.notFunded)}</b>
                </Text>
              </Group>
              <Text size="sm" c="dimmed" maw={320}>
                {t('dashboard.spilloverNote', { notFunded: fmt.format(data.members.notFunded), members: fmt.format(members) })}
              </Text>
            </Stack>
          </Group>
        </Card>
      </SimpleGrid>

      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder component="section" aria-label={t('dashboard.projects')}>
          <Title order={4} mb="sm">
            {t('dashboard.projects')}
          </Title>
          {data.projects.length === 0 ? (
            <Text c="dimmed">{t('dashboard.noProjects')}</Text>
          ) : (
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('dashboard.project')}</Table.Th>
                  <Table.Th>{t('dashboard.partnerRegions')}</Table.Th>
                  <Table.Th ta="right">{t('dashboard.participants')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.projects.map((p) => (
                  <Table.Tr key={p.id}>
                    <Table.Td>
                      <Text fw={600} size="sm">
                        {p.acronym}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {p.title}
                      </Text>
                    </Table.Td>
                    <Table.Td>{p.partnerRegions.join(', ')}</Table.Td>
                    <Table.Td ta="right">{fmt.format(p.organisations)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Card>
        <Card withBorder component="section" aria-label={t('dashboard.why')}>
          <Title order={4} mb="sm">
            {t('dashboard.why')}
          </Title>
          <Text size="sm">{t('dashboard.whyText')}</Text>
          <Title order={5} mt="md" mb="xs">
            {t('dashboard.languages')}
          </Title>
          <Group gap="xs">
            {data.persons.byLanguage.map((l) => (
              <Badge key={l.language} variant="light">
                {l.language.toUpperCase()} {fmt.format(l.count)}
              </Badge>
            ))}
          </Group>
        </Card>
      </SimpleGrid>
    </Stack>
  );
}
