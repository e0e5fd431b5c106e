/**
 * Reach check: which member organisations this audience reaches and which it misses, and why — the duty to
 * deliver (Bringschuld) means no member organisation should stay uninformed. Asked for once with the button,
 * it then follows the rule as it changes.
 */
import { Alert, Anchor, Badge, Button, Card, Group, Loader, Table, Text, Title } from '@mantine/core';
import { IconBuildingCommunity, IconCircleCheck } from '@tabler/icons-react';
import { memo, useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Reach } from '../../../../shared/segments/schemas';
import { ErrorNotice } from '../../ErrorNotice';
import { useFormatters } from '../../format';
import { organisationHash } from '../organisations/orgHash';

export interface ReachCheckProps {
  enabled: boolean;
  onEnable(): void;
  data: Reach | undefined;
  loading: boolean;
  error: unknown;
  onRetry(): void;
  /** The audience cannot be checked yet (a hand-picked list not saved). */
  unavailable?: string | undefined;
}

export const ReachCheck = memo(function ReachCheck({ enabled, onEnable, data, loading, error, onRetry, unavailable }: ReachCheckProps) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const titleId = useId();

  return (
    <Card withBorder component="section" aria-labelledby={titleId} padding="md">
      <Group justify="space-between" align="center" mb="xs" wrap="wrap">
        <Group gap="xs">
          <Title order={3} size="h4" id={titleId}>
            {t('segments.reach.title')}
          </Title>
          {loading && enabled && <Loader size="xs" aria-label={t('segments.reach.checking')} />}
        </Group>
        {!enabled && (
          <Button variant="light" leftSection={<IconBuildingCommunity size={16} aria-hidden="true" />} onClick={onEnable} disabled={unavailable !== undefined}>
            {t('segments.reach.check')}
          </Button>
        )}
      </Group>
      <Text size="sm" c="dimmed" mb="sm">
        {unavailable ?? t('segments.reach.explain')}
      </Text>
      {enabled && error !== undefined && <ErrorNotice error={error} onRetry={onRetry} />}
      {enabled && data && (
        <div aria-live="polite">
          {data.missing.length === 0 ? (
            <Alert color="teal" icon={<IconCircleCheck />} p="sm">
              {t('segments.reach.all', { members: fmt.number(data.members) })}
            </Alert>
          ) : (
            <>
              <Text fw={700} mb="xs" data-testid="segment-reach-summary">
                {t('segments.reach.summary', { reached: fmt.number(data.reached), members: fmt.number(data.members), missing: fmt.number(data.missing.length) })}
              </Text>
              <Table.ScrollContainer minWidth={560} maxHeight={420}>
                <Table stickyHeader fz="sm" verticalSpacing={4} aria-label={t('segments.reach.missingTable')}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('segments.reach.organisation')}</Table.Th>
                      <Table.Th w={200}>{t('segments.reach.kind')}</Table.Th>
                      <Table.Th>{t('segments.reach.why')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {data.missing.map((m) => (
                      <Table.Tr key={m.id}>
                        <Table.Td>
                          <Anchor href={organisationHash(m.id)} size="sm" fw={600}>
                            {m.name}
                          </Anchor>
                        </Table.Td>
                        <Table.Td>{t(`kinds.${m.kind}`)}</Table.Td>
                        <Table.Td>
                          <Group gap={4} wrap="wrap">
                            <Text size="sm">{t(`segments.reach.whyText.${m.why}`)}</Text>
                            {m.reasons.map((r) => (
                              <Badge key={r} size="sm" variant="light" color="orange" fw={500}>
                                {t(`segments.reasonsShort.${r}`)}
                              </Badge>
                            ))}
                          </Group>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            </>
          )}
        </div>
      )}
      {enabled && !data && error === undefined && <Loader size="sm" aria-label={t('segments.reach.checking')} />}
    </Card>
  );
});
