/**
 * The end of a form: why it was not sent (fields to fix, or the server's answer), then Cancel and the
 * submit button on the right.
 */
import { Alert, Button, Group, type MantineColor } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from './ErrorNotice';

export interface FormFooterProps {
  /** The form's field errors: while any is set, `fixErrorsText` stands above the buttons. */
  fieldErrors?: Readonly<Record<string, string | undefined>>;
  fixErrorsText?: string;
  /** The last save's failure, when it is not about a single field. */
  failure: unknown;
  busy: boolean;
  submitLabel: string;
  submitColor?: MantineColor;
  /** The footer sits in a Stack, whose gap already spaces the buttons from what is above them. */
  inStack?: boolean;
  onCancel(): void;
}

export function FormFooter({ fieldErrors = {}, fixErrorsText, failure, busy, submitLabel, submitColor, inStack = false, onCancel }: FormFooterProps) {
  const { t } = useTranslation();
  const hasErrors = Object.values(fieldErrors).some((m) => m !== undefined);
  return (
    <>
      {hasErrors && fixErrorsText !== undefined && (
        <Alert mt="sm" color="red" variant="light" role="alert">
          {fixErrorsText}
        </Alert>
      )}
      {failure !== undefined && <ErrorNotice error={failure} />}
      <Group mt={inStack ? undefined : 'md'} justify="flex-end">
        <Button variant="default" onClick={onCancel} disabled={busy}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" loading={busy} color={submitColor}>
          {submitLabel}
        </Button>
      </Group>
    </>
  );
}
