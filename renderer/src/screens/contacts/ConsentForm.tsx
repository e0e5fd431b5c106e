/**
 * Consent entered by hand (UWG §7, GDPR Art. 7): given — with its source, the version of the wording the
 * person agreed to and where the evidence is — or withdrawn, e.g. an unsubscribe by phone. Records are
 * only ever appended, so a withdrawal is confirmed before it is stored.
 */
import { Alert, Group, Radio, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ConsentEntry, type ContactDetail } from '../../../../shared/contacts/schemas';
import { CONSENT_PURPOSES, type ConsentPurpose } from '../../../../shared/domain';
import { call } from '../../api';
import { ConfirmModal } from '../../ConfirmModal';
import { fieldErrorsOf } from '../../formErrors';
import { FormFooter } from '../../FormFooter';
import { personName } from '../../format';

export type ConsentAction = 'given' | 'withdrawn';
const ACTIONS: readonly ConsentAction[] = ['given', 'withdrawn'];

type Field = 'source' | 'wordingVersion' | 'evidence';
type Errors = Partial<Record<Field, string>>;

export interface ConsentFormProps {
  detail: ContactDetail;
  /** Which kind of record the user asked for; it can still be switched in the form. */
  action: ConsentAction;
  onSaved(detail: ContactDetail, action: ConsentAction): void;
  onCancel(): void;
  onDirtyChange(dirty: boolean): void;
  /** While the withdrawal question is open, the drawer must leave Escape to it. */
  onAskingChange(asking: boolean): void;
}

export function ConsentForm({ detail, action: initialAction, onSaved, onCancel, onDirtyChange, onAskingChange }: ConsentFormProps) {
  const { t } = useTranslation();
  const [action, setAction] = useState<ConsentAction>(initialAction);
  const [purpose, setPurpose] = useState<ConsentPurpose>('newsletter');
  const [source, setSource] = useState('');
  const [wording, setWording] = useState('');
  const [evidence, setEvidence] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [asking, setAsking] = useState(false);

  useEffect(() => setAction(initialAction), [initialAction]);
  const dirty = source.trim() !== '' || wording.trim() !== '' || evidence.trim() !== '';
  useEffect(() => onDirtyChange(dirty), [dirty, onDirtyChange]);
  useEffect(() => onAskingChange(asking), [asking, onAskingChange]);
  // Gone with the question still open (the drawer closed under it): Escape is the drawer's again.
  useEffect(() => () => onAskingChange(false), [onAskingChange]);

  const entry = {
    id: detail.id,
    purpose,
    action,
    source: source.trim(),
    // A withdrawal has no wording of its own; whatever was typed before switching is not sent.
    ...(action === 'given' && wording.trim() !== '' ? { wordingVersion: wording.trim() } : {}),
    ...(evidence.trim() !== '' ? { evidence: evidence.trim() } : {}),
  };

  const toErrors = (issues: readonly { path: string; code?: string }[]): Errors => {
    const out: Errors = {};
    for (const issue of issues) {
      if (issue.path === 'source') out.source = t('contacts.consent.sourceRequired');
      else if (issue.path === 'wordingVersion') out.wordingVersion = issue.code === 'too_big' ? t('contacts.form.tooLong') : t('contacts.consent.wordingRequired');
      else if (issue.path === 'evidence') out.evidence = t('contacts.form.tooLong');
    }
    return out;
  };

  const save = (): void => {
    setAsking(false);
    setBusy(true);
    setFailure(undefined);
    call('contacts/consent', entry)
      .then(
        (next) => {
          onDirtyChange(false);
          onSaved(next, action);
        },
        (err: unknown) => {
          const mapped = fieldErrorsOf(err, toErrors);
          if (mapped) setErrors(mapped);
          else setFailure(err);
        },
      )
      .finally(() => setBusy(false));
  };

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    setFailure(undefined);
    const local = ConsentEntry.safeParse(entry);
    if (!local.success) {
      setErrors(toErrors(local.error.issues.map((i) => ({ path: i.path.map(String).join('.'), code: i.code }))));
      return;
    }
    if (action === 'withdrawn') setAsking(true);
    else save();
  };

  const purposeLabel = t(`consentPurposes.${purpose}`);

  return (
    <form onSubmit={submit} noValidate aria-label={t('contacts.consent.formLabel')}>
      <Stack gap="sm" p="md" bg="gray.0" style={{ borderRadius: 'var(--mantine-radius-md)', border: '1px solid var(--mantine-color-gray-3)' }}>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="sm">
          <Radio.Group label={t('contacts.consent.action')} value={action} onChange={(v) => setAction(ACTIONS.find((a) => a === v) ?? 'given')}>
            <Group gap="md" mt={6}>
              {ACTIONS.map((a) => (
                <Radio key={a} value={a} label={t(`consentActions.${a}`)} />
              ))}
            </Group>
          </Radio.Group>
          <Radio.Group label={t('contacts.consent.purpose')} value={purpose} onChange={(v) => setPurpose(CONSENT_PURPOSES.find((p) => p === v) ?? 'newsletter')}>
            <Group gap="md" mt={6}>
              {CONSENT_PURPOSES.map((p) => (
                <Radio key={p} value={p} label={t(`consentPurposes.${p}`)} />
              ))}
            </Group>
          </Radio.Group>
        </SimpleGrid>
        <Text size="xs" c="dimmed">
          {t('contacts.consent.forAddress', { email: detail.email ?? '' })}
        </Text>
        <TextInput
          autoFocus
          label={t('contacts.consent.source')}
          description={t(action === 'given' ? 'contacts.consent.sourceHintGiven' : 'contacts.consent.sourceHintWithdrawn')}
          required
          value={source}
          onChange={(e) => {
            setSource(e.currentTarget.value);
            setErrors((x) => ({ ...x, source: undefined }));
          }}
          error={errors.source}
          maxLength={200}
        />
        {action === 'given' && (
          <TextInput
            label={t('contacts.consent.wording')}
            description={t('contacts.consent.wordingHint')}
            required
            value={wording}
            onChange={(e) => {
              setWording(e.currentTarget.value);
              setErrors((x) => ({ ...x, wordingVersion: undefined }));
            }}
            error={errors.wordingVersion}
            maxLength={200}
          />
        )}
        <Textarea
          label={t('contacts.consent.evidence')}
          description={t('contacts.consent.evidenceHint')}
          value={evidence}
          onChange={(e) => {
            setEvidence(e.currentTarget.value);
            setErrors((x) => ({ ...x, evidence: undefined }));
          }}
          error={errors.evidence}
          autosize
          minRows={2}
          maxRows={6}
          maxLength={2000}
        />
        {action === 'given' && (
          <Alert color="blue" variant="light" icon={<IconInfoCircle />} py={8}>
            {t('contacts.consent.businessCard')}
          </Alert>
        )}
        <FormFooter
          inStack
          failure={failure}
          busy={busy}
          submitLabel={t(action === 'given' ? 'contacts.consent.saveGiven' : 'contacts.consent.saveWithdrawn')}
          submitColor={action === 'withdrawn' ? 'orange' : undefined}
          onCancel={onCancel}
        />
      </Stack>
      <ConfirmModal
        opened={asking}
        title={t('contacts.consent.confirmTitle')}
        note={t('contacts.consent.confirmNote')}
        cancelLabel={t('contacts.consent.back')}
        confirmLabel={t('contacts.consent.confirm')}
        confirmColor="orange"
        onCancel={() => setAsking(false)}
        onConfirm={save}
      >
        {t('contacts.consent.confirmBody', { name: personName(detail), purpose: purposeLabel, email: detail.email ?? '' })}
      </ConfirmModal>
    </form>
  );
}
