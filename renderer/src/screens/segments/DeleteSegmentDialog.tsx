/**
 * Deleting a segment, after saying what uses it: other segments that refer to it (they would match no one
 * for that term and be flagged) and newsletters or mailings that have it as their audience.
 */
import { Alert, Anchor, Button, Group, List, Loader, Modal, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { ErrorNotice } from '../../ErrorNotice';
import { useApi } from '../../useApi';
import { segmentHash } from './segmentsHash';

export interface DeleteTarget {
  id: number;
  name: string;
}

export function DeleteSegmentDialog({ target, onCancel, onDeleted }: { target: DeleteTarget | null; onCancel(): void; onDeleted(target: DeleteTarget): void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={target !== null} onClose={onCancel} title={t('segments.delete.title')} centered size="lg">
      {target && <DeleteBody key={target.id} target={target} onCancel={onCancel} onDeleted={onDeleted} />}
    </Modal>
  );
}

function DeleteBody({ target, onCancel, onDeleted }: { target: DeleteTarget; onCancel(): void; onDeleted(target: DeleteTarget): void }) {
  const { t } = useTranslation();
  const detail = useApi('segments/get', { id: target.id });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const d = detail.data;

  const confirm = (): void => {
    setBusy(true);
    setError(undefined);
    call('segments/delete', { id: target.id, confirm: true })
      .then(() => onDeleted(target), setError)
      .finally(() => setBusy(false));
  };

  return (
    <>
      <Text mb="sm">{t('segments.delete.lead', { name: target.name })}</Text>
      {detail.error !== undefined && <ErrorNotice error={detail.error} onRetry={detail.reload} />}
      {!d && detail.loading && <Loader size="sm" aria-label={t('app.loading')} />}
      {d && (d.usedBy.length > 0 || d.usedByNewsletters.length > 0) ? (
        <Alert color="orange" icon={<IconAlertTriangle />} mb="sm" title={t('segments.delete.usedTitle')}>
          {d.usedBy.length > 0 && (
            <>
              <Text size="sm">{t('segments.delete.usedBySegments', { count: d.usedBy.length })}</Text>
              <List size="sm" mb="xs">
                {d.usedBy.map((s) => (
                  <List.Item key={s.id}>
                    <Anchor href={segmentHash(s.id)} size="sm" onClick={onCancel}>
                      {s.name}
                    </Anchor>
                  </List.Item>
                ))}
              </List>
            </>
          )}
          {d.usedByNewsletters.length > 0 && (
            <>
              <Text size="sm">{t('segments.delete.usedByNewsletters', { count: d.usedByNewsletters.length })}</Text>
              <List size="sm">
                {d.usedByNewsletters.map((n) => (
                  <List.Item key={n.id}>{n.title}</List.Item>
                ))}
              </List>
            </>
          )}
        </Alert>
      ) : (
        d && (
          <Text size="sm" c="dimmed" mb="sm">
            {t('segments.delete.unused')}
          </Text>
        )
      )}
      {error !== undefined && <ErrorNotice error={error} />}
      <Group justify="flex-end" mt="md">
        <Button variant="default" onClick={onCancel} disabled={busy} data-autofocus>
          {t('common.cancel')}
        </Button>
        <Button color="red" onClick={confirm} loading={busy} disabled={!d}>
          {t('segments.delete.confirm')}
        </Button>
      </Group>
    </>
  );
}
