/**
 * Editing one person. Validation runs twice with the same rules: first here with the contract's own
 * ContactPatch schema (instant, translated), then on the server; its `bad_input` issues and an e-mail
 * clash (`conflict`) are shown under the fields they concern.
 */
import { Alert, Button, Group, Select, SimpleGrid, Switch, TextInput, Textarea } from '@mantine/core';
import { useEffect, useMemo, useState, type ComponentProps, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ContactPatch, type ContactDetail } from '../../../../shared/contacts/schemas';
import { SALUTATIONS, type Salutation } from '../../../../shared/domain';
import { ApiCallError, call } from '../../api';
import { ErrorNotice } from '../../ErrorNotice';
import { useFormatters } from '../../format';

type TextField = 'title' | 'firstName' | 'lastName' | 'email' | 'phone' | 'mobile' | 'function' | 'lastVerified' | 'recontactOn' | 'notes';
type Field = TextField | 'salutation' | 'keyContact' | 'language' | 'status';

/** Statuses a person can be given by hand; erasure is its own operation. */
const STATUSES = ['active', 'unsubscribed', 'bounced'] as const;

interface Values {
  salutation: Salutation;
  title: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  mobile: string;
  function: string;
  keyContact: boolean;
  language: string;
  status: (typeof STATUSES)[number];
  lastVerified: string;
  recontactOn: string;
  notes: string;
}

const TEXT_FIELDS: readonly TextField[] = ['title', 'firstName', 'lastName', 'email', 'phone', 'mobile', 'function', 'lastVerified', 'recontactOn', 'notes'];

/** Languages offered in the picker; a person's own language is always added. */
const COMMON_LANGUAGES = ['de', 'en', 'fr', 'es', 'it', 'nl', 'pl', 'cs', 'da', 'sv', 'fi', 'pt', 'hu', 'ro', 'tr', 'ru', 'uk', 'zh', 'ja', 'ko'];

function valuesOf(d: ContactDetail): Values {
  return {
    salutation: d.salutation,
    title: d.title ?? '',
    firstName: d.firstName ?? '',
    lastName: d.lastName ?? '',
    email: d.email ?? '',
    phone: d.phone ?? '',
    mobile: d.mobile ?? '',
    function: d.function ?? '',
    keyContact: d.keyContact,
    language: d.language,
    // An erased person is never listed; anything else the form can show as is.
    status: d.status === 'erased' ? 'active' : d.status,
    lastVerified: d.lastVerified ?? '',
    recontactOn: d.recontactOn ?? '',
    notes: d.notes ?? '',
  };
}

/** Only what differs from the stored person; empty text means "no value" (null). Checked by ContactPatch before it is sent. */
function patchOf(before: Values, now: Values): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const f of TEXT_FIELDS) {
    const value = now[f].trim();
    if (value !== before[f].trim()) patch[f] = value === '' ? null : value;
  }
  if (now.salutation !== before.salutation) patch.salutation = now.salutation;
  if (now.keyContact !== before.keyContact) patch.keyContact = now.keyContact;
  if (now.language !== before.language) patch.language = now.language;
  if (now.status !== before.status) patch.status = now.status;
  return patch;
}

/** The option the Select reported, typed as one of the list's values (the Select only offers those). */
function pick<T extends string>(list: readonly T[], v: string | null): T | undefined {
  return list.find((x) => x === v);
}

type Errors = Partial<Record<Field, string>>;

function isField(s: string): s is Field {
  return [...TEXT_FIELDS, 'salutation', 'keyContact', 'language', 'status'].includes(s);
}

export interface ContactFormProps {
  detail: ContactDetail;
  onSaved(detail: ContactDetail): void;
  onCancel(): void;
  /** Saving without any change: nothing is sent, and the user is told so. */
  onUnchanged(): void;
  onDirtyChange(dirty: boolean): void;
}

export function ContactForm({ detail, onSaved, onCancel, onUnchanged, onDirtyChange }: ContactFormProps) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const initial = useMemo(() => valuesOf(detail), [detail]);
  const [values, setValues] = useState<Values>(initial);
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const patch = patchOf(initial, values);
  const dirty = Object.keys(patch).length > 0;

  useEffect(() => onDirtyChange(dirty), [dirty, onDirtyChange]);

  const message = (field: Field, issue: { code?: string; message: string }): string => {
    if (field === 'email') return t('contacts.form.invalidEmail');
    if (field === 'lastVerified' || field === 'recontactOn') return t('contacts.form.invalidDate');
    if (field === 'language') return t('contacts.form.invalidLanguage');
    if (issue.code === 'too_big') return t('contacts.form.tooLong');
    return issue.message;
  };

  const issuesToErrors = (issues: readonly { path: string; message: string; code?: string }[]): Errors => {
    const out: Errors = {};
    for (const issue of issues) {
      // Server paths look like "patch.email"; the client's own check yields "email".
      const field = issue.path.replace(/^patch\./, '');
      if (isField(field) && out[field] === undefined) out[field] = message(field, issue);
    }
    return out;
  };

  const set = <K extends keyof Values>(key: K, value: Values[K]): void => {
    setValues((v) => ({ ...v, [key]: value }));
    setErrors((e) => ({ ...e, [key]: undefined }));
  };

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    setFailure(undefined);
    if (!dirty) {
      onUnchanged();
      return;
    }
    const local = ContactPatch.safeParse(patch);
    if (!local.success) {
      setErrors(issuesToErrors(local.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message, code: i.code }))));
      return;
    }
    setBusy(true);
    call('contacts/update', { id: detail.id, patch: local.data })
      .then(
        (saved) => {
          onDirtyChange(false);
          onSaved(saved);
        },
        (err: unknown) => {
          if (err instanceof ApiCallError && err.shape.code === 'bad_input' && err.shape.issues?.length) {
            const mapped = issuesToErrors(err.shape.issues);
            if (Object.keys(mapped).length > 0) {
              setErrors(mapped);
              return;
            }
          }
          if (err instanceof ApiCallError && err.shape.code === 'conflict' && 'email' in patch) {
            setErrors({ email: t('contacts.form.emailTaken') });
            return;
          }
          setFailure(err);
        },
      )
      .finally(() => setBusy(false));
  };

  const text = (field: TextField, extra: Partial<ComponentProps<typeof TextInput>> = {}) => (
    <TextInput
      label={t(`contacts.fields.${field}`)}
      value={values[field]}
      onChange={(e) => set(field, e.currentTarget.value)}
      error={errors[field]}
      {...extra}
    />
  );

  const languages = COMMON_LANGUAGES.includes(values.language) ? COMMON_LANGUAGES : [values.language, ...COMMON_LANGUAGES];
  const hasErrors = Object.values(errors).some((m) => m !== undefined);

  return (
    <form onSubmit={submit} noValidate aria-label={t('contacts.form.title')}>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="xs">
        <Select
          label={t('contacts.fields.salutation')}
          data={SALUTATIONS.map((s) => ({ value: s, label: t(`salutations.${s}`) }))}
          value={values.salutation}
          onChange={(v) => {
            const s = pick(SALUTATIONS, v);
            if (s) set('salutation', s);
          }}
          allowDeselect={false}
          error={errors.salutation}
        />
        {text('title', { maxLength: 60 })}
        {text('firstName', { maxLength: 200 })}
        {text('lastName', { maxLength: 200 })}
        {text('email', { type: 'email', inputMode: 'email', autoComplete: 'off', maxLength: 320 })}
        {text('function', { maxLength: 200 })}
        {text('phone', { type: 'tel', maxLength: 80 })}
        {text('mobile', { type: 'tel', maxLength: 80 })}
        <Select
          label={t('contacts.fields.language')}
          data={languages.map((l) => ({ value: l, label: `${fmt.languageName(l)} (${l})` }))}
          value={values.language}
          onChange={(v) => v && set('language', v)}
          searchable
          allowDeselect={false}
          error={errors.language}
        />
        <Select
          label={t('contacts.fields.status')}
          data={STATUSES.map((s) => ({ value: s, label: t(`statuses.${s}`) }))}
          value={values.status}
          onChange={(v) => {
            const s = pick(STATUSES, v);
            if (s) set('status', s);
          }}
          allowDeselect={false}
          error={errors.status}
        />
        {text('lastVerified', { type: 'date' })}
        {text('recontactOn', { type: 'date' })}
      </SimpleGrid>
      <Switch
        mt="md"
        label={t('contacts.fields.keyContact')}
        description={t('contacts.form.keyContactHint')}
        checked={values.keyContact}
        onChange={(e) => set('keyContact', e.currentTarget.checked)}
      />
      <Textarea
        mt="sm"
        label={t('contacts.fields.notes')}
        value={values.notes}
        onChange={(e) => set('notes', e.currentTarget.value)}
        error={errors.notes}
        autosize
        minRows={3}
        maxRows={10}
      />
      {hasErrors && (
        <Alert mt="sm" color="red" variant="light" role="alert">
          {t('contacts.form.fixErrors')}
        </Alert>
      )}
      {failure !== undefined && <ErrorNotice error={failure} />}
      <Group mt="md" justify="flex-end">
        <Button variant="default" onClick={onCancel} disabled={busy}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" loading={busy}>
          {t('common.save')}
        </Button>
      </Group>
    </form>
  );
}
