/**
 * A new organisation, or an existing one edited. Validation runs with the contract's own schemas
 * (OrganisationCreate, OrganisationPatch) before anything is sent, and the server's `bad_input` issues land
 * under the same fields. The employee count shows the size class it gives under the thresholds in the
 * settings; countries are chosen by name in the UI language and stored as ISO codes.
 */
import { Grid, NumberInput, Select, TagsInput, TextInput, Textarea } from '@mantine/core';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ISO_COUNTRY_CODES, countryName } from '../../../../shared/contacts/countries';
import { OrganisationCreate, OrganisationPatch, type OrganisationDetail } from '../../../../shared/contacts/schemas';
import { EU_SIZE_THRESHOLDS, MEMBERSHIPS, ORGANISATION_KINDS, sizeClass, type Membership, type OrganisationKind } from '../../../../shared/domain';
import { call } from '../../api';
import { ErrorNotice } from '../../ErrorNotice';
import { fieldErrorsOf } from '../../formErrors';
import { FormFooter } from '../../FormFooter';
import { useApi } from '../../useApi';

type TextField = 'name' | 'region' | 'city' | 'postcode' | 'street' | 'website' | 'notes';
type Field = TextField | 'kind' | 'membership' | 'employees' | 'country' | 'topics';
type Errors = Partial<Record<Field, string>>;

interface Values {
  name: string;
  kind: OrganisationKind | null;
  membership: Membership;
  /** '' while empty: NumberInput's own "no number". */
  employees: number | '';
  country: string | null;
  region: string;
  city: string;
  postcode: string;
  street: string;
  website: string;
  topics: string[];
  notes: string;
}

const TEXT_FIELDS: readonly TextField[] = ['name', 'region', 'city', 'postcode', 'street', 'website', 'notes'];
const FIELDS: readonly Field[] = [...TEXT_FIELDS, 'kind', 'membership', 'employees', 'country', 'topics'];

function isField(s: string): s is Field {
  return (FIELDS as readonly string[]).includes(s);
}

function valuesOf(o: OrganisationDetail | undefined): Values {
  return {
    name: o?.name ?? '',
    kind: o?.kind ?? null,
    membership: o?.membership ?? 'member',
    employees: o?.employees ?? '',
    country: o?.country ?? null,
    region: o?.region ?? '',
    city: o?.city ?? '',
    postcode: o?.postcode ?? '',
    street: o?.street ?? '',
    website: o?.website ?? '',
    topics: o?.topics ?? [],
    notes: o?.notes ?? '',
  };
}

const nullIfEmpty = (s: string): string | null => (s.trim() === '' ? null : s.trim());
const sameTopics = (a: readonly string[], b: readonly string[]): boolean => {
  const key = (x: readonly string[]): string => JSON.stringify(x.map((s) => s.toLocaleLowerCase()).sort());
  return key(a) === key(b);
};

/** Every field as the API takes it; a missing kind stays missing, so the schema reports it at its field. */
function fieldsOf(v: Values): Record<string, unknown> {
  return {
    name: v.name.trim(),
    ...(v.kind ? { kind: v.kind } : {}),
    membership: v.membership,
    employees: v.employees === '' ? null : v.employees,
    country: v.country,
    region: nullIfEmpty(v.region),
    city: nullIfEmpty(v.city),
    postcode: nullIfEmpty(v.postcode),
    street: nullIfEmpty(v.street),
    website: nullIfEmpty(v.website),
    topics: v.topics,
    notes: nullIfEmpty(v.notes),
  };
}

/** Only what differs from the stored organisation. */
function patchOf(before: Values, now: Values): Record<string, unknown> {
  const a = fieldsOf(before);
  const b = fieldsOf(now);
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys(b)) {
    if (key === 'topics') {
      if (!sameTopics(before.topics, now.topics)) patch.topics = now.topics;
    } else if (a[key] !== b[key]) patch[key] = b[key];
  }
  return patch;
}

/** People type "www.example.org"; the schema (rightly) wants the scheme, so it is added for them. */
function withScheme(url: string): string {
  const v = url.trim();
  return v !== '' && !/^[a-z][a-z0-9+.-]*:/i.test(v) && !/\s/.test(v) ? `https://${v}` : v;
}

export interface OrganisationFormProps {
  /** The organisation to edit; without one, the form creates a new organisation. */
  detail?: OrganisationDetail | undefined;
  onSaved(detail: OrganisationDetail): void;
  onCancel(): void;
  /** Saving an edit without any change: nothing is sent. */
  onUnchanged?(): void;
  onDirtyChange(dirty: boolean): void;
}

export function OrganisationForm({ detail, onSaved, onCancel, onUnchanged, onDirtyChange }: OrganisationFormProps) {
  const { t, i18n } = useTranslation();
  const creating = detail === undefined;
  const initial = useMemo(() => valuesOf(detail), [detail]);
  const [values, setValues] = useState<Values>(initial);
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const settings = useApi('settings/get', {});
  const topicList = useApi('topics/list', {});
  const patch = patchOf(initial, values);
  const dirty = Object.keys(patch).length > 0;
  useEffect(() => onDirtyChange(dirty), [dirty, onDirtyChange]);

  const lang = i18n.language === 'en' ? 'en' : 'de';
  const countries = useMemo(() => {
    const collator = new Intl.Collator(lang);
    // Kosovo's XK is not an ISO code but what the EU uses; a stored code from elsewhere stays choosable.
    const codes: string[] = [...ISO_COUNTRY_CODES, 'XK'];
    if (initial.country && !codes.includes(initial.country)) codes.push(initial.country);
    return codes.map((code) => ({ value: code, label: countryName(code, lang) })).sort((a, b) => collator.compare(a.label, b.label));
  }, [lang, initial.country]);
  const topicNames = useMemo(() => (topicList.data?.rows ?? []).map((r) => r.name), [topicList.data]);

  const set = <K extends keyof Values>(key: K, value: Values[K]): void => {
    setValues((v) => ({ ...v, [key]: value }));
    setErrors((e) => ({ ...e, [key]: undefined }));
  };

  /** A topic typed in another letter case is the listed one; typed twice, it is kept once. */
  const setTopics = (typed: string[]): void => {
    const out: string[] = [];
    for (const raw of typed) {
      const name = raw.trim();
      if (name === '') continue;
      const listed = topicNames.find((n) => n.toLocaleLowerCase() === name.toLocaleLowerCase()) ?? name;
      if (!out.some((n) => n.toLocaleLowerCase() === listed.toLocaleLowerCase())) out.push(listed);
    }
    set('topics', out);
  };

  const message = (field: Field, code: string | undefined): string => {
    if (field === 'name') return code === 'too_big' ? t('organisations.form.tooLong') : t('organisations.form.nameRequired');
    if (field === 'kind') return t('organisations.form.kindRequired');
    if (field === 'employees') return t('organisations.form.invalidEmployees');
    if (field === 'country') return t('organisations.form.invalidCountry');
    if (field === 'website') return code === 'too_big' ? t('organisations.form.tooLong') : t('organisations.form.invalidWebsite');
    if (field === 'topics') return t('organisations.form.invalidTopic');
    return t('organisations.form.tooLong');
  };

  const toErrors = (issues: readonly { path: string; code?: string }[]): Errors => {
    const out: Errors = {};
    for (const issue of issues) {
      // Server paths look like "patch.website" or "topics.2"; the field is the part that names it.
      const field = issue.path.replace(/^patch\./, '').split('.')[0] ?? '';
      if (isField(field) && out[field] === undefined) out[field] = message(field, issue.code);
    }
    return out;
  };

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    setFailure(undefined);
    if (!creating && !dirty) {
      onUnchanged?.();
      return;
    }
    const invalid = (issues: readonly { path: readonly PropertyKey[]; code: string }[]): void =>
      setErrors(toErrors(issues.map((i) => ({ path: i.path.map(String).join('.'), code: i.code }))));
    let request: Promise<OrganisationDetail>;
    if (detail) {
      const parsed = OrganisationPatch.safeParse(patch);
      if (!parsed.success) return invalid(parsed.error.issues);
      request = call('organisations/update', { id: detail.id, patch: parsed.data });
    } else {
      const parsed = OrganisationCreate.safeParse(fieldsOf(values));
      if (!parsed.success) return invalid(parsed.error.issues);
      request = call('organisations/create', parsed.data);
    }
    setBusy(true);
    request
      .then(
        (saved) => {
          onDirtyChange(false);
          onSaved(saved);
        },
        (err: unknown) => {
          const mapped = fieldErrorsOf(err, toErrors);
          if (mapped) setErrors(mapped);
          else setFailure(err);
        },
      )
      .finally(() => setBusy(false));
  };

  const text = (field: TextField, maxLength: number, extra: { description?: string; placeholder?: string; onBlur?: () => void; required?: boolean; 'data-autofocus'?: true } = {}) => (
    <TextInput
      label={t(`organisations.fields.${field}`)}
      value={values[field]}
      onChange={(e) => set(field, e.currentTarget.value)}
      error={errors[field]}
      maxLength={maxLength}
      {...extra}
    />
  );

  const thresholds = settings.data?.sizeThresholds ?? EU_SIZE_THRESHOLDS;
  const size = typeof values.employees === 'number' && Number.isInteger(values.employees) && values.employees >= 0 ? sizeClass(values.employees, thresholds) : null;

  return (
    <form onSubmit={submit} noValidate aria-label={t(creating ? 'organisations.create.title' : 'organisations.edit.title')}>
      <Grid gap="sm">
        <Grid.Col span={12}>{text('name', 300, { 'data-autofocus': true, required: true })}</Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <Select
            label={t('organisations.fields.kind')}
            placeholder={t('organisations.form.kindPlaceholder')}
            required
            data={ORGANISATION_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))}
            value={values.kind}
            onChange={(v) => set('kind', ORGANISATION_KINDS.find((k) => k === v) ?? null)}
            allowDeselect={false}
            error={errors.kind}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <Select
            label={t('organisations.fields.membership')}
            required
            data={MEMBERSHIPS.map((m) => ({ value: m, label: t(`membershipOne.${m}`) }))}
            value={values.membership}
            onChange={(v) => {
              const m = MEMBERSHIPS.find((x) => x === v);
              if (m) set('membership', m);
            }}
            allowDeselect={false}
            error={errors.membership}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 5 }}>
          <NumberInput
            label={t('organisations.fields.employees')}
            description={size ? t('organisations.form.sizeClass', { size: t(`sizes.${size}`) }) : t('organisations.form.sizeHint')}
            value={values.employees}
            onChange={(v) => set('employees', typeof v === 'number' ? v : v === '' ? '' : Number.isNaN(Number(v)) ? '' : Number(v))}
            min={0}
            max={10_000_000}
            allowDecimal={false}
            allowNegative={false}
            thousandSeparator={lang === 'de' ? '.' : ','}
            decimalSeparator={lang === 'de' ? ',' : '.'}
            hideControls
            error={errors.employees}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 7 }}>
          {text('website', 500, {
            description: t('organisations.form.websiteHint'),
            placeholder: 'https://',
            onBlur: () => {
              const fixed = withScheme(values.website);
              if (fixed !== values.website) set('website', fixed);
            },
          })}
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 8 }}>{text('street', 300)}</Grid.Col>
        <Grid.Col span={{ base: 12, sm: 4 }}>{text('postcode', 20)}</Grid.Col>
        <Grid.Col span={{ base: 12, sm: 4 }}>{text('city', 200)}</Grid.Col>
        <Grid.Col span={{ base: 12, sm: 4 }}>{text('region', 200)}</Grid.Col>
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <Select
            label={t('organisations.fields.country')}
            placeholder={t('organisations.form.countrySearch')}
            data={countries}
            value={values.country}
            onChange={(v) => set('country', v)}
            searchable
            clearable
            limit={60}
            nothingFoundMessage={t('organisations.form.noCountry')}
            error={errors.country}
          />
        </Grid.Col>
        <Grid.Col span={12}>
          <TagsInput
            label={t('organisations.fields.topics')}
            description={t('organisations.form.topicsHint')}
            data={topicNames}
            value={values.topics}
            onChange={setTopics}
            splitChars={[',', ';']}
            clearable
            maxTags={200}
            maxDropdownHeight={200}
            error={errors.topics}
          />
          {topicList.error !== undefined && <ErrorNotice error={topicList.error} onRetry={topicList.reload} />}
        </Grid.Col>
        <Grid.Col span={12}>
          <Textarea
            label={t('organisations.fields.notes')}
            value={values.notes}
            onChange={(e) => set('notes', e.currentTarget.value)}
            error={errors.notes}
            autosize
            minRows={3}
            maxRows={10}
            maxLength={20000}
          />
        </Grid.Col>
      </Grid>
      <FormFooter
        fieldErrors={errors}
        fixErrorsText={t('organisations.form.fixErrors')}
        failure={failure}
        busy={busy}
        submitLabel={t(creating ? 'organisations.create.submit' : 'common.save')}
        onCancel={onCancel}
      />
    </form>
  );
}
