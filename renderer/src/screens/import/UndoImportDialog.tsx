/**
 * "Import rückgängig machen": asks once, then deletes what the import created and restores what it
 * changed. The server refuses (conflict) while a later import touched the same records; that answer is
 * shown as the reason, with the way out.
 */
import { Alert, Button, Group, Modal, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiCallError, call } from '../../api';
import { ErrorNotice } from '../../ErrorNotice';

export interface UndoTarget {
  id: number;
  /** The import's source or file name, to say which import is meant. */
  name: string;
}

export interface UndoResult {
  deleted: number;
  restored: number;
}

export function UndoImportDialog({ target, onClose, onUndone }: { target: UndoTarget | null; onClose(): void; onUndone(target: UndoTarget, result: UndoResult): void }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  useEffect(() => setError(undefined), [target]);

  const run = (): void => {
    if (!target) return;
    setBusy(true);
    setError(undefined);
    call('imports/undo', { id: target.id, confirm: true })
      .then((res) => onUndone(target, res), setError)
      .finally(() => setBusy(false));
  };

  const conflict = error instanceof ApiCallError && error.shape.code === 'conflict' ? error.shape.message : undefined;

  return (
    <Modal opened={target !== null} onClose={() => !busy && onClose()} title={t('import.undo.title')} centered>
      {target && (
        <>
          <Text size="sm" mb="md">
            {t('import.undo.body', { name: target.name })}
          </Text>
          {conflict !== undefined ? (
            <Alert color="red" icon={<IconAlertTriangle />} title={t('import.undo.failed')} role="alert" mb="md">
              <Text size="sm">{t('import.undo.conflictHint')}</Text>
              <Text size="xs" c="dimmed" mt={4}>
                {conflict}
              </Text>
            </Alert>
          ) : (
            error !== undefined && <ErrorNotice error={error} />
          )}
          <Group justify="flex-end" mt="md">
            <Button variant="default" onClick={onClose} disabled={busy} data-autofocus>
              {t('common.cancel')}
            </Button>
            <Button color="red" onClick={run} loading={busy} disabled={conflict !== undefined}>
              {t('import.undo.confirm')}
            </Button>
          </Group>
        </>
      )}
    </Modal>
  );
}
