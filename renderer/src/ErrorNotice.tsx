import { Alert, Button } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ApiCallError } from './api';

/** Every failure is shown in words that say what happened and what to do, never swallowed. */
export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const text =
    error instanceof ApiCallError
      ? t(`errors.${error.shape.code}`, { message: error.shape.message })
      : t('errors.network', { message: error instanceof Error ? error.message : String(error) });
  return (
    <Alert color="red" title={t('errors.title')} icon={<IconAlertTriangle />} role="alert">
      {text}
      {onRetry && (
        <Button variant="light" color="red" size="xs" mt="sm" onClick={onRetry} display="block">
          {t('errors.retry')}
        </Button>
      )}
    </Alert>
  );
}
