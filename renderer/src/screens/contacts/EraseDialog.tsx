/**
 * Erasing a person (GDPR Art. 17). It cannot be undone, so the dialog says what goes and what stays,
 * and the button only works once the person's e-mail address (or name, if there is none) is typed in:
 * a deliberate act, not a stray click on the wrong person.
 */
import { Alert, Button, Group, List, Modal, Text, TextInput } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactDetail } from '../../../../shared/contacts/schemas';
import { call } from '../../api';
import { ErrorNotice } from '../../ErrorNotice';
import { personName } from '../../format';
import { confirmationMatches, eraseConfirmation } from './eraseModel';

export interface EraseDialogProps {
  person: ContactDetail | null;
  onCancel(): void;
  onErased(person: ContactDetail): void;
}

export function EraseDialog({ person, onCancel, onErased }: EraseDialogProps) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    setTyped('');
    setError(undefined);
  }, [person]);

  const expected = person ? eraseConfirmation(person) : undefined;
  const ok = expected !== undefined && confirmationMatches(typed, expected.value);

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (!person || !ok) return;
    setBusy(true);
    setError(undefined);
    call('contacts/erase', { id: person.id, confirm: true })
      .then(() => onErased(person), setError)
      .finally(() => setBusy(false));
  };

  return (
    <Modal opened={person !== null} onClose={() => !busy && onCancel()} title={t('contacts.privacy.eraseTitle')} centered zIndex={400} size="lg">
      {person && expected && (
        <form onSubmit={submit} noValidate>
          <Alert color="red" variant="light" icon={<IconAlertTriangle />} mb="md">
            <Text size="sm" fw={600} mb={6}>
              {t('contacts.privacy.eraseLead', { name: personName(person) })}
            </Text>
            <List size="sm" spacing={4}>
              <List.Item>{t('contacts.privacy.eraseWhat')}</List.Item>
              <List.Item>{t('contacts.privacy.eraseHash')}</List.Item>
              <List.Item>{t('contacts.privacy.eraseFinal')}</List.Item>
            </List>
          </Alert>
          <TextInput
            data-autofocus
            label={t(expected.kind === 'email' ? 'contacts.privacy.typeEmail' : 'contacts.privacy.typeName')}
            description={expected.value}
            value={typed}
            onChange={(e) => setTyped(e.currentTarget.value)}
            autoComplete="off"
            spellCheck={false}
          />
          {error !== undefined && <ErrorNotice error={error} />}
          <Group justify="flex-end" mt="lg">
            <Button variant="default" onClick={onCancel} disabled={busy}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="red" disabled={!ok} loading={busy}>
              {t('contacts.privacy.eraseConfirm')}
            </Button>
          </Group>
        </form>
      )}
    </Modal>
  );
}
