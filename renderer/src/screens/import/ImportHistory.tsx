/** "Frühere Importe": every import with its counts, and undo for those not undone yet. */
import { Alert, Badge, Button, Card, Loader, Table, Text, Title } from '@mantine/core';
import { IconArrowBackUp, IconCircleCheck } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../ErrorNotice';
import { EMPTY, useFormatters } from '../../format';
import { useApi } from '../../useApi';
import { summaryCounts } from './importModel';
import { UndoImportDialog, type UndoResult, type UndoTarget } from './UndoImportDialog';

export interface ImportHistoryProps {
  /** Changes whenever an import finished or was undone elsewhere on the screen: the list reloads. */
  version: number;
  onUndone?(id: number, result: UndoResult): void;
}

export function ImportHistory({ version, onUndone }: ImportHistoryProps) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const api = useApi('imports/list', {});
  const { reload } = api;
  const [target, setTarget] = useState<UndoTarget | null>(null);
  const [done, setDone] = useState<string>();
  useEffect(() => {
    if (version > 0) reload();
  }, [version, reload]);

  const undone = (tgt: UndoTarget, res: UndoResult): void => {
    setTarget(null);
    setDone(t('import.undo.done', { name: tgt.name, deleted: fmt.number(res.deleted), restored: fmt.number(res.restored) }));
    reload();
    onUndone?.(tgt.id, res);
  };

  const rows = api.data?.imports;
  return (
    <Card withBorder component="section" aria-label={t('import.history.title')}>
      <Title order={3} size="h4" mb="sm">
        {t('import.history.title')}
      </Title>
      {done && (
        <Alert color="teal" icon={<IconCircleCheck />} role="status" py={6} mb="sm" withCloseButton onClose={() => setDone(undefined)} closeButtonLabel={t('common.close')}>
          {done}
        </Alert>
      )}
      {api.error !== undefined && <ErrorNotice error={api.error} onRetry={reload} />}
      {!rows && api.loading && <Loader size="sm" aria-label={t('app.loading')} />}
      {rows && rows.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('import.history.empty')}
        </Text>
      )}
      {rows && rows.length > 0 && (
        <Table.ScrollContainer minWidth={820}>
          <Table fz="sm" verticalSpacing={6} aria-label={t('import.history.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={170}>{t('import.history.at')}</Table.Th>
                <Table.Th>{t('import.history.file')}</Table.Th>
                <Table.Th>{t('import.history.source')}</Table.Th>
                <Table.Th>{t('import.history.counts')}</Table.Th>
                <Table.Th w={190}>{t('import.history.state')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => {
                const c = summaryCounts(r.summary);
                const name = r.source ?? r.fileName;
                return (
                  <Table.Tr key={r.id}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{fmt.dateTime(r.at)}</Table.Td>
                    <Table.Td style={{ overflowWrap: 'anywhere' }}>{r.fileName}</Table.Td>
                    <Table.Td style={{ overflowWrap: 'anywhere' }}>{r.source ?? EMPTY}</Table.Td>
                    <Table.Td>
                      {t('import.history.countsValue', {
                        created: fmt.number(c.created),
                        updated: fmt.number(c.updated),
                        skipped: fmt.number(c.skipped),
                        invalid: fmt.number(c.invalid),
                      })}
                    </Table.Td>
                    <Table.Td>
                      {r.undoneAt ? (
                        <Badge variant="light" color="gray" tt="none">
                          {t('import.history.undoneAt', { date: fmt.dateTime(r.undoneAt) })}
                        </Badge>
                      ) : (
                        <Button
                          size="compact-sm"
                          variant="light"
                          color="red"
                          leftSection={<IconArrowBackUp size={14} aria-hidden="true" />}
                          onClick={() => setTarget({ id: r.id, name })}
                          aria-label={t('import.history.undoNamed', { name, at: fmt.dateTime(r.at) })}
                        >
                          {t('import.history.undo')}
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <UndoImportDialog target={target} onClose={() => setTarget(null)} onUndone={undone} />
    </Card>
  );
}
