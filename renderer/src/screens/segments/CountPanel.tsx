/**
 * The live count beside the builder: who would receive it, how many the rule matches, and — never hidden —
 * how many of those are excluded and why (no address, unsubscribed, bounced, suppressed, no consent for the
 * purpose). Below: organisations reached, breakdowns, and the first recipients by name.
 */
import { BarsList } from '@mantine/charts';
import { Alert, Anchor, Badge, Box, Card, Divider, Group, List, Loader, Progress, ScrollArea, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { memo, useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConsentPurpose } from '../../../../shared/domain';
import { EXCLUSION_REASONS, type AudienceCount } from '../../../../shared/segments/schemas';
import { ErrorNotice } from '../../ErrorNotice';
import { personName, useFormatters } from '../../format';
import { organisationHash } from '../organisations/orgHash';
import { problemMessage } from './problems';
import classes from './Segments.module.css';

export interface CountPanelProps {
  data: AudienceCount | undefined;
  loading: boolean;
  error: unknown;
  onRetry(): void;
  purpose: ConsentPurpose;
  onePerOrg: boolean;
  /** Where "show in Kontakte" leads; absent when there is nothing to show there. */
  contactsHref: string | undefined;
  /** The count is about nothing yet (a new hand-picked list). */
  emptyNote?: string | undefined;
}

export const CountPanel = memo(function CountPanel({ data, loading, error, onRetry, purpose, onePerOrg, contactsHref, emptyNote }: CountPanelProps) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const titleId = useId();
  const n = fmt.number;

  return (
    <Card className={classes.contained} withBorder component="section" aria-labelledby={titleId} padding="md" aria-busy={loading}>
      <Group justify="space-between" align="center" mb={4}>
        <Title order={3} size="h4" id={titleId}>
          {t('segments.count.title')}
        </Title>
        {loading && <Loader size="xs" aria-label={t('segments.count.counting')} />}
      </Group>
      {/* A thin bar while a newer count is on its way, so the numbers below are known to be the previous ones. */}
      <Box h={3} mb="sm" aria-hidden="true">
        {loading && <Progress value={100} striped size={3} color="teal" />}
      </Box>

      {emptyNote && !data && (
        <Text size="sm" c="dimmed">
          {emptyNote}
        </Text>
      )}
      {error !== undefined && <ErrorNotice error={error} onRetry={onRetry} />}
      {!data && !emptyNote && error === undefined && <Loader size="sm" aria-label={t('segments.count.counting')} />}

      {data && (
        <Stack gap="sm">
          <div aria-live="polite" aria-atomic="true">
            <Text fz={36} fw={700} lh={1.1} className={classes.bigNumber} data-testid="segment-audience">
              {t('segments.count.audience', { n: n(data.audience) })}
            </Text>
            <Text size="sm" c="dimmed">
              {t(`segments.count.purposeNote.${purpose}`)}
            </Text>
          </div>

          <SimpleGrid cols={2} spacing="xs" verticalSpacing={4}>
            <Text size="sm">{t('segments.count.matched', { n: n(data.matched) })}</Text>
            <Text size="sm">{t('segments.count.reachable', { n: n(data.reachable) })}</Text>
          </SimpleGrid>

          <div>
            <Text size="sm" fw={700} c={data.excluded.total > 0 ? 'orange.8' : undefined}>
              {t('segments.count.excluded', { n: n(data.excluded.total) })}
            </Text>
            {data.excluded.total > 0 ? (
              <List size="sm" spacing={0} aria-label={t('segments.count.excludedReasons')}>
                {EXCLUSION_REASONS.filter((r) => (data.excluded.byReason[r] ?? 0) > 0).map((r) => (
                  <List.Item key={r}>
                    {t(`segments.reasons.${r}`, { purpose: t(`consentPurposes.${purpose}`) })}: <b>{n(data.excluded.byReason[r] ?? 0)}</b>
                  </List.Item>
                ))}
              </List>
            ) : (
              <Text size="xs" c="dimmed">
                {t('segments.count.noneExcluded')}
              </Text>
            )}
          </div>

          {onePerOrg && (
            <Text size="sm">
              {t('segments.count.onePerOrg', { reachable: n(data.reachable), audience: n(data.audience) })}
            </Text>
          )}
          <Group gap="xs">
            <Badge variant="light" color="teal" size="lg" fw={500}>
              {t('segments.count.orgsReached', { n: n(data.organisations.reached) })}
            </Badge>
            {data.organisations.nobodyReachable > 0 && (
              <Badge variant="light" color="orange" size="lg" fw={500}>
                {t('segments.count.orgsNobody', { n: n(data.organisations.nobodyReachable) })}
              </Badge>
            )}
          </Group>

          {data.problems.length > 0 && (
            <Alert color="orange" icon={<IconAlertTriangle />} p="sm" title={t('segments.count.problemsTitle')}>
              <List size="sm" spacing={2}>
                {data.problems.map((p, i) => (
                  <List.Item key={`${p.token}-${i}`}>{problemMessage(t, { ...p, start: undefined })}</List.Item>
                ))}
              </List>
            </Alert>
          )}

          {data.audience > 0 && <Breakdown data={data} />}

          <Divider />
          <Preview data={data} />
          {contactsHref && data.matched > 0 && (
            <Anchor href={contactsHref} size="sm">
              {t('segments.count.showInContacts', { n: n(data.matched) })}
            </Anchor>
          )}
        </Stack>
      )}
    </Card>
  );
});

/** Memoised: while a new count is on its way only the loading bar changes, the charts stay as they are. */
const Breakdown = memo(function Breakdown({ data }: { data: AudienceCount }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const byKind = data.breakdown.byKind.map((k) => ({ name: k.kind ? t(`kinds.${k.kind}`) : t('segments.count.noOrganisation'), value: k.count }));
  const byLanguage = data.breakdown.byLanguage.map((l) => ({ name: fmt.languageName(l.language), value: l.count }));
  const { funded, notFunded } = data.breakdown.funded;
  return (
    <Stack gap="sm">
      <section aria-label={t('segments.count.byKind')}>
        <BarsList
          data={byKind}
          barHeight={24}
          barGap={4}
          minBarSize={4}
          barColor="teal.1"
          barTextColor="dark.7"
          classNames={{ bar: classes.barsListBar }}
          valueFormatter={fmt.number}
          barsLabel={t('segments.count.kindColumn')}
          valueLabel={t('segments.count.recipients')}
        />
      </section>
      <section aria-label={t('segments.count.funding')}>
        <Text size="sm" fw={600} mb={4}>
          {t('segments.count.funding')}
        </Text>
        {/* A stacked bar, not a pie: it says the same at a glance and renders in a fraction of the time,
            which matters because it redraws after every edit of the rule. */}
        <Progress.Root size={14} aria-hidden="true" mb={6}>
          <Progress.Section value={funded + notFunded > 0 ? (100 * funded) / (funded + notFunded) : 0} color="teal.6" />
          <Progress.Section value={funded + notFunded > 0 ? (100 * notFunded) / (funded + notFunded) : 0} color="orange.5" />
        </Progress.Root>
        <Group gap="lg">
          <Group gap={6} wrap="nowrap">
            <Badge color="teal.6" circle size="xs" />
            <Text size="sm">
              {t('segments.count.funded')}: <b>{fmt.number(funded)}</b>
            </Text>
          </Group>
          <Group gap={6} wrap="nowrap">
            <Badge color="orange.5" circle size="xs" />
            <Text size="sm">
              {t('segments.count.notFunded')}: <b>{fmt.number(notFunded)}</b>
            </Text>
          </Group>
        </Group>
      </section>
      <section aria-label={t('segments.count.byLanguage')}>
        <BarsList
          data={byLanguage}
          barHeight={24}
          barGap={4}
          minBarSize={4}
          barColor="blue.1"
          barTextColor="dark.7"
          classNames={{ bar: classes.barsListBar }}
          valueFormatter={fmt.number}
          barsLabel={t('segments.count.languageColumn')}
          valueLabel={t('segments.count.recipients')}
        />
      </section>
    </Stack>
  );
});

const Preview = memo(function Preview({ data }: { data: AudienceCount }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const id = useId();
  if (data.preview.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('segments.count.nobody')}
      </Text>
    );
  }
  return (
    <section aria-labelledby={id}>
      <Text size="sm" fw={600} id={id} mb={4}>
        {t('segments.count.preview', { shown: fmt.number(data.preview.length), n: fmt.number(data.audience) })}
      </Text>
      <ScrollArea.Autosize mah={320} type="auto" offsetScrollbars>
        <List size="sm" spacing={2} listStyleType="none" aria-labelledby={id}>
          {data.preview.map((p) => (
            <List.Item key={p.id}>
              <Text span size="sm" fw={500}>
                {personName(p)}
              </Text>
              {p.organisation && (
                <Text span size="sm" c="dimmed">
                  {' · '}
                  {p.organisationId !== null ? (
                    <Anchor href={organisationHash(p.organisationId)} size="sm" c="dimmed" underline="hover">
                      {p.organisation}
                    </Anchor>
                  ) : (
                    p.organisation
                  )}
                </Text>
              )}
              {p.keyContact && (
                <Badge size="xs" variant="light" color="teal" ml={6}>
                  {t('segments.count.keyContact')}
                </Badge>
              )}
            </List.Item>
          ))}
        </List>
      </ScrollArea.Autosize>
    </section>
  );
});
