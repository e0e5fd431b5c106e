/**
 * Editing one person, or entering a new one. Validation runs twice with the same rules: first here with
 * the contract's own schema (ContactPatch, ContactCreate; instant, translated), then on the server; its
 * `bad_input` issues and an e-mail clash (`conflict`) are shown under the fields they concern.
 */
import { Select, SimpleGrid, Switch, TextInput, Textarea } from '@mantine/core';
import { useEffect, useMemo, useState, type ComponentProps, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ContactCreate, ContactPatch, type ContactDetail } from '../../../../shared/contacts/schemas';
import { SALUTATIONS, type Salutation } from '../../../../shared/domain';
import { ApiCallError, call } from '../../api';
import { ErrorNotice } from '../../ErrorNotice';
import { fieldErrorsOf } from '../../formErrors';
import { FormFooter } from '../../FormFooter';
import { useFormatters } from '../../format';
import { useApi } from '../../useApi';

type TextField = 'title' | 'firstName' | 'lastName' | 'email' | 'phone' | 'mobile' | 'function' | 'lastVerified' | 'recontactOn' | 'notes' | 'source';
type Field = TextField | 'salutation' | 'keyContact' | 'language' | 'status' | 'organisationId' | 'source';

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
  /** New persons only: where they work (an organisation id as text, '' for none) and where they come from. */
  organisationId: string;
  source: string;
}

const TEXT_FIELDS: readonly TextField[] = ['title', 'firstName', 'lastName', 'email', 'phone', 'mobile', 'function', 'lastVerified', 'recontactOn', 'notes'];

/** Languages offered in the picker; a person's own language is always added. */
const COMMON_LANGUAGES = ['de', 'en', 'fr', 'es', 'it', 'nl', 'pl', 'cs', 'da', 'sv', 'fi', 'pt', 'hu', 'ro', 'tr', 'ru', 'uk', 'zh', 'ja', 'ko'];

const EMPTY_VALUES: Values = {
  salutation: 'none',
  title: '',
  firstName: '',
  lastName: '',
  email: '',
  phone: '',
  mobile: '',
  function: '',
  keyContact: false,
  language: 'de',
  status: 'active',
  lastVerified: '',
  recontactOn: '',
  notes: '',
  organisationId: '',
  source: '',
};

function valuesOf(d: ContactDetail | undefined): Values {
  if (!d) return EMPTY_VALUES;
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
    organisationId: '',
    source: d.source ?? '',
  };
}

/** A new person as ContactCreate expects it; empty text is "no value". Checked by ContactCreate before it is sent. */
function createInput(v: Values): Record<string, unknown> {
  const text = (s: string): string | null => (s.trim() === '' ? null : s.trim());
  return {
    salutation: v.salutation,
    title: text(v.title),
    firstName: text(v.firstName),
    lastName: text(v.lastName),
    email: text(v.email),
    phone: text(v.phone),
    mobile: text(v.mobile),
    function: text(v.function),
    organisationId: v.organisationId === '' ? null : Number(v.organisationId),
    keyContact: v.keyContact,
    language: v.language,
    source: v.source.trim(),
    notes: text(v.notes),
  };
}

function isDirtyNew(v: Values): boolean {
  return (Object.keys(EMPTY_VALUES) as (keyof Values)[]).some((k) => v[k] !== EMPTY_VALUES[k]);
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
  return [...TEXT_FIELDS, 'salutation', 'keyContact', 'language', 'status', 'organisationId', 'source'].includes(s);
}

/** Organisations to choose from for a new person; searchable, as a cluster has hundreds. */
function OrganisationSelect({ value, onChange, error }: { value: string; onChange(v: string): void; error: string | undefined }) {
  const { t } = useTranslation();
  const orgs = useApi('organisations/list', { query: '' });
  const data = useMemo(() => (orgs.data?.rows ?? []).map((o) => ({ value: String(o.id), label: o.city ? `${o.name} (${o.city})` : o.name })), [orgs.data]);
  return (
    <div>
      {/* The hint goes under the field, so the field lines up with the language beside it. */}
      <Select
        label={t('contacts.fields.organisation')}
        description={t('contacts.form.organisationHint')}
        inputWrapperOrder={['label', 'input', 'description', 'error']}
        placeholder={t('contacts.form.organisationSearch')}
        data={data}
        value={value === '' ? null : value}
        onChange={(v) => onChange(v ?? '')}
        searchable
        clearable
        limit={100}
        nothingFoundMessage={orgs.loading ? t('app.loading') : t('contacts.form.noOrganisationFound')}
        error={error}
      />
      {orgs.error !== undefined && <ErrorNotice error={orgs.error} onRetry={orgs.reload} />}
    </div>
  );
}

export interface ContactFormProps {
  /** The person to edit; without one, the form enters a new person (contacts/create). */
  detail?: ContactDetail | undefined;
  onSaved(detail: ContactDetail): void;
  onCancel(): void;
  /** Saving without any change: nothing is sent, and the user is told so. */
  onUnchanged?(): void;
  onDirtyChange(dirty: boolean): void;
}

export function ContactForm({ detail, onSaved, onCancel, onUnchanged, onDirtyChange }: ContactFormProps) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const creating = detail === undefined;
  const initial = useMemo(() => valuesOf(detail), [detail]);
  const [values, setValues] = useState<Values>(initial);
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const patch = patchOf(initial, values);
  const dirty = creating ? isDirtyNew(values) : Object.keys(patch).length > 0;

  useEffect(() => onDirtyChange(dirty), [dirty, onDirtyChange]);

  const message = (field: Field, issue: { code?: string; message: string }): string => {
    // ContactCreate's "a name or an e-mail address" rule reports at the last name.
    if (field === 'lastName' && issue.code === 'custom') return t('contacts.form.nameOrEmail');
    if (field === 'source') return t('contacts.form.sourceRequired');
    if (field === 'organisationId') return t('contacts.form.unknownOrganisation');
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
    // "A name or an e-mail address" sits under the last name but is answered by any of the three.
    const alsoClears = key === 'firstName' || key === 'email' ? { lastName: undefined } : {};
    setErrors((e) => ({ ...e, [key]: undefined, ...alsoClears }));
  };

  const rejected = (err: unknown, emailSent: boolean): void => {
    const mapped = fieldErrorsOf(err, issuesToErrors);
    if (mapped) {
      setErrors(mapped);
      return;
    }
    if (err instanceof ApiCallError && err.shape.code === 'conflict' && emailSent) {
      setErrors({ email: t(creating ? 'contacts.form.emailTakenCreate' : 'contacts.form.emailTaken') });
      return;
    }
    if (err instanceof ApiCallError && err.shape.code === 'not_found' && err.shape.issues?.some((i) => i.path === 'organisationId')) {
      setErrors({ organisationId: t('contacts.form.unknownOrganisation') });
      return;
    }
    setFailure(err);
  };

  const localIssues = (issues: readonly { path: readonly PropertyKey[]; message: string; code: string }[]): Errors =>
    issuesToErrors(issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message, code: i.code })));

  const submitNew = (): void => {
    const local = ContactCreate.safeParse(createInput(values));
    if (!local.success) {
      setErrors(localIssues(local.error.issues));
      return;
    }
    setBusy(true);
    call('contacts/create', local.data)
      .then(
        (saved) => {
          onDirtyChange(false);
          onSaved(saved);
        },
        (err: unknown) => rejected(err, local.data.email !== null),
      )
      .finally(() => setBusy(false));
  };

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    setFailure(undefined);
    if (creating) {
      submitNew();
      return;
    }
    if (!dirty) {
      onUnchanged?.();
      return;
    }
    const local = ContactPatch.safeParse(patch);
    if (!local.success) {
      setErrors(localIssues(local.error.issues));
      return;
    }
    setBusy(true);
    call('contacts/update', { id: detail.id, patch: local.data })
      .then(
        (saved) => {
          onDirtyChange(false);
          onSaved(saved);
        },
        (err: unknown) => rejected(err, 'email' in patch),
      )
      .finally(() => setBusy(false));
  };

  // data-autofocus: where Mantine's dialog puts the focus when it opens (the form of a new person).
  const text = (field: TextField, extra: Partial<ComponentProps<typeof TextInput>> & { 'data-autofocus'?: true | undefined } = {}) => (
    <TextInput
      label={t(`contacts.fields.${field}`)}
      value={values[field]}
      onChange={(e) => set(field, e.currentTarget.value)}
      error={errors[field]}
      {...extra}
    />
  );

  const languages = COMMON_LANGUAGES.includes(values.language) ? COMMON_LANGUAGES : [values.language, ...COMMON_LANGUAGES];

  return (
    <form onSubmit={submit} noValidate aria-label={t(creating ? 'contacts.form.createTitle' : 'contacts.form.title')}>
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
        {text('firstName', { maxLength: 200, 'data-autofocus': creating || undefined })}
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
        {creating && <OrganisationSelect value={values.organisationId} onChange={(v) => set('organisationId', v)} error={errors.organisationId} />}
        {creating && (
          // The whole row: the hint under it is long, and beside it a field would sit out of line.
          <div style={{ gridColumn: '1 / -1' }}>
            {text('source', {
              description: t('contacts.form.sourceHint'),
              required: true,
              maxLength: 200,
              inputWrapperOrder: ['label', 'input', 'description', 'error'],
            })}
          </div>
        )}
        {!creating && (
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
        )}
        {!creating && text('lastVerified', { type: 'date' })}
        {!creating && text('recontactOn', { type: 'date' })}
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
      <FormFooter
        fieldErrors={errors}
        fixErrorsText={t('contacts.form.fixErrors')}
        failure={failure}
        busy={busy}
        submitLabel={t(creating ? 'contacts.form.create' : 'common.save')}
        onCancel={onCancel}
      />
    </form>
  );
}
