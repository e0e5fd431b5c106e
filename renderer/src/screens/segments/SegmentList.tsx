/**
 * The saved segments (Zielgruppen): name and description, rule or hand-picked list, the last count with its
 * date, and a warning when the saved rule has problems now (a topic deleted since, a segment gone missing …).
 */
import { ActionIcon, Alert, Anchor, Badge, Button, Code, Group, Loader, Stack, Table, Text, Title, Tooltip, VisuallyHidden } from '@mantine/core';
import { IconAlertTriangle, IconInfoCircle, IconPlus, IconTrash } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SegmentSummary } from '../../../../shared/segments/schemas';
import { ErrorNotice } from '../../ErrorNotice';
import { EMPTY, useFormatters } from '../../format';
import { useApi } from '../../useApi';
import { DeleteSegmentDialog, type DeleteTarget } from './DeleteSegmentDialog';
import { clearHandoff, peekDeleted } from './handoff';
import { problemMessage } from './problems';
import classes from './Segments.module.css';
import { newSegmentHash, segmentHash } from './segmentsHash';

function ProblemBadge({ segment }: { segment: SegmentSummary }) {
  const { t } = useTranslation();
  if (segment.problems.length === 0) return null;
  const text = segment.problems.map((p) => problemMessage(t, { ...p, start: undefined })).join(' · ');
  return (
    <Tooltip label={text} multiline w={320} withArrow>
      <Badge color="orange" variant="light" leftSection={<IconAlertTriangle size={12} aria-hidden="true" />} tabIndex={0} aria-label={`${t('segments.list.problems', { count: segment.problems.length })}: ${text}`}>
        {t('segments.list.problems', { count: segment.problems.length })}
      </Badge>
    </Tooltip>
  );
}

export function SegmentList() {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const list = useApi('segments/list', {});
  const [deleting, setDeleting] = useState<DeleteTarget | null>(null);
  const [deleted, setDeleted] = useState<string | undefined>(() => peekDeleted());
  useEffect(() => clearHandoff(), []);
  const rows = list.data?.rows;

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <div>
          <Title order={2}>{t('nav.segments')}</Title>
          <Text size="sm" c="dimmed" maw={720}>
            {t('segments.list.intro')}
          </Text>
        </div>
        <Button component="a" href={newSegmentHash()} leftSection={<IconPlus size={16} aria-hidden="true" />}>
          {t('segments.list.new')}
        </Button>
      </Group>

      {deleted && (
        <Alert color="teal" variant="light" role="status" withCloseButton closeButtonLabel={t('common.close')} onClose={() => setDeleted(undefined)}>
          {t('segments.delete.done', { name: deleted })}
        </Alert>
      )}
      {list.error !== undefined && <ErrorNotice error={list.error} onRetry={list.reload} />}
      {!rows && list.loading && <Loader aria-label={t('app.loading')} />}
      {rows && rows.length === 0 && (
        <Alert icon={<IconInfoCircle />} color="gray" variant="light">
          {t('segments.list.empty')}
        </Alert>
      )}
      {rows && rows.length > 0 && (
        <Table.ScrollContainer minWidth={900}>
          <Table highlightOnHover fz="sm" verticalSpacing={8} aria-label={t('segments.list.table')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('segments.list.name')}</Table.Th>
                <Table.Th w={190}>{t('segments.list.kind')}</Table.Th>
                <Table.Th w={170}>{t('segments.list.purpose')}</Table.Th>
                <Table.Th w={110} ta="right">
                  {t('segments.list.lastCount')}
                </Table.Th>
                <Table.Th w={170}>{t('segments.list.countedAt')}</Table.Th>
                <Table.Th w={56}>
                  <VisuallyHidden>{t('segments.list.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td>
                    <Group gap="xs" wrap="wrap">
                      <Anchor href={segmentHash(s.id)} fw={600} size="sm">
                        {s.name}
                      </Anchor>
                      <ProblemBadge segment={s} />
                    </Group>
                    {s.description && (
                      <Text size="xs" c="dimmed" lineClamp={2}>
                        {s.description}
                      </Text>
                    )}
                    {s.kind === 'dynamic' && s.query && (
                      <Code fz="xs" mt={2} display="inline-block">
                        {s.query}
                      </Code>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={s.kind === 'dynamic' ? 'teal' : 'grape'} fw={500}>
                      {t(`segments.kind.${s.kind}`)}
                    </Badge>
                    {s.kind === 'static' && s.members !== null && (
                      <Text size="xs" c="dimmed">
                        {t('segments.list.picked', { n: fmt.number(s.members) })}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {t(`consentPurposes.${s.purpose}`)}
                    {s.onePerOrg && (
                      <Text size="xs" c="dimmed">
                        {t('segments.list.onePerOrg')}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td ta="right" fw={600}>
                    {s.lastCount === null ? EMPTY : fmt.number(s.lastCount)}
                  </Table.Td>
                  <Table.Td className={classes.nowrap}>{s.countedAt ? fmt.dateTime(s.countedAt) : EMPTY}</Table.Td>
                  <Table.Td>
                    <Tooltip label={t('segments.delete.button')} withArrow openDelay={300}>
                      <ActionIcon variant="subtle" color="red" aria-label={t('segments.delete.buttonOf', { name: s.name })} onClick={() => setDeleting({ id: s.id, name: s.name })}>
                        <IconTrash size={16} aria-hidden="true" />
                      </ActionIcon>
                    </Tooltip>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Text size="xs" c="dimmed">
        {t('segments.list.countNote')}
      </Text>
      <DeleteSegmentDialog
        target={deleting}
        onCancel={() => setDeleting(null)}
        onDeleted={(d) => {
          setDeleting(null);
          setDeleted(d.name);
          list.reload();
        }}
      />
    </Stack>
  );
}
