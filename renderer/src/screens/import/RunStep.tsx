/**
 * Step 4: the import runs in a worker on the Node side; the page asks for its progress five times a
 * second and shows it as a bar ("12.345 von 100.000 Zeilen"). At the end: what was done, a way to undo it,
 * and a link to the imported persons. A failed import changed nothing (one transaction), and says so.
 */
import { Alert, Button, Group, Loader, Paper, Progress, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconArrowBackUp, IconCircleCheck, IconFileImport, IconUsers } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ImportCounts } from './importModel';
import { ErrorNotice } from '../../ErrorNotice';
import { useFormatters } from '../../format';

export type RunState =
  | { phase: 'starting' }
  | { phase: 'running'; done: number; total: number }
  | { phase: 'done'; importId: number; total: number; counts: ImportCounts; undone?: { deleted: number; restored: number } }
  /** The call failed (`error`), or the job reported a failure in words (`reason`). */
  | { phase: 'failed'; error?: unknown; reason?: string };

export interface RunStepProps {
  state: RunState;
  source: string;
  contactsHref: string;
  onUndo(): void;
  onAgain(): void;
  onBack(): void;
}

export function RunStep({ state, source, contactsHref, onUndo, onAgain, onBack }: RunStepProps) {
  const { t } = useTranslation();
  const fmt = useFormatters();

  if (state.phase === 'starting') {
    return (
      <Group gap="xs" role="status">
        <Loader size="sm" />
        <Text>{t('import.run.starting')}</Text>
      </Group>
    );
  }

  if (state.phase === 'running') {
    const pct = state.total > 0 ? (state.done / state.total) * 100 : 0;
    const label = t('import.run.progress', { done: fmt.number(state.done), total: fmt.number(state.total) });
    return (
      <Stack gap="xs" maw={720}>
        <Progress value={pct} size="xl" animated striped aria-label={t('import.run.progressLabel')} />
        <Text size="sm" role="status">
          {label}
        </Text>
      </Stack>
    );
  }

  if (state.phase === 'failed') {
    return (
      <Stack gap="sm" maw={820}>
        <Alert color="red" icon={<IconAlertTriangle />} title={t('import.run.failed')} role="alert">
          {t('import.run.nothingChanged')}
        </Alert>
        {state.error !== undefined && <ErrorNotice error={state.error} />}
        {state.reason !== undefined && (
          <Text size="sm" c="dimmed">
            {t('import.run.reason', { message: state.reason || '—' })}
          </Text>
        )}
        <Group>
          <Button variant="default" onClick={onBack}>
            {t('import.run.backToCheck')}
          </Button>
        </Group>
      </Stack>
    );
  }

  const c = state.counts;
  const stats: [string, number][] = [
    [t('import.run.created'), c.created],
    [t('import.run.updated'), c.updated],
    [t('import.run.skipped'), c.skipped],
    [t('import.run.invalid'), c.invalid],
    [t('import.run.organisationsCreated'), c.organisationsCreated],
  ];
  return (
    <Stack gap="md">
      <Stack gap="xs" maw={720}>
        <Progress value={100} size="xl" color="teal" aria-label={t('import.run.progressLabel')} />
        <Text size="sm">{t('import.run.progress', { done: fmt.number(state.total), total: fmt.number(state.total) })}</Text>
      </Stack>
      {state.undone ? (
        <Alert color="gray" icon={<IconArrowBackUp />} title={t('import.run.undoneTitle')} role="status">
          {t('import.run.undone', { deleted: fmt.number(state.undone.deleted), restored: fmt.number(state.undone.restored) })}
        </Alert>
      ) : (
        <Alert color="teal" icon={<IconCircleCheck />} title={t('import.run.done')} role="status">
          {t('import.run.doneBody', { source })}
        </Alert>
      )}
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} spacing="sm" component="section" aria-label={t('import.run.summary')}>
        {stats.map(([label, n]) => (
          <Paper key={label} withBorder p="sm" component="section" aria-label={label}>
            <Text size="xs" c="dimmed" fw={600} tt="uppercase">
              {label}
            </Text>
            <Text fz={26} fw={700}>
              {fmt.number(n)}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>
      <Group gap="sm">
        {!state.undone && (
          <Button component="a" href={contactsHref} leftSection={<IconUsers size={16} aria-hidden="true" />}>
            {t('import.run.toContacts')}
          </Button>
        )}
        {!state.undone && (
          <Button variant="light" color="red" leftSection={<IconArrowBackUp size={16} aria-hidden="true" />} onClick={onUndo}>
            {t('import.run.undo')}
          </Button>
        )}
        <Button variant="default" leftSection={<IconFileImport size={16} aria-hidden="true" />} onClick={onAgain}>
          {t('import.run.again')}
        </Button>
      </Group>
    </Stack>
  );
}
