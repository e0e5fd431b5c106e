/**
 * The value part of a condition row, shaped by its key: a select for fixed choices, a picker fed by the
 * vocabulary for names on record (topics, tags, partner regions, networks, projects, segments), a date or a
 * number where the key compares by order, and free text otherwise. Every control is labelled for screen
 * readers with the row's number, since the rows have no visible labels of their own.
 */
import { Badge, Group, NumberInput, Select, TextInput } from '@mantine/core';
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { receivedParts, SIZE_CLASSES, type FilterKey } from '../../../../shared/contacts/query';
import { ISO_COUNTRY_CODES } from '../../../../shared/contacts/countries';
import { CONSENT_PURPOSES, INFORMATION_KINDS, MEMBERSHIPS, ORGANISATION_KINDS, SALUTATIONS } from '../../../../shared/domain';
import type { Vocabulary } from '../../../../shared/segments/schemas';
import { useFormatters } from '../../format';
import { receivedValue } from './builderModel';

type Option = { value: string; label: string };

/** Options plus the current value, so a value typed in the text view but unknown to the list still shows. */
function withCurrent(options: Option[], current: string): Option[] {
  return current === '' || options.some((o) => o.value === current) ? options : [...options, { value: current, label: current }];
}

export interface ValueInputProps {
  filterKey: FilterKey | 'word';
  value: string;
  onChange(value: string): void;
  /** Enter in a text field: the user is done with this row and wants the next condition. */
  onEnter(): void;
  /** "Bedingung 2" — the prefix of every accessible name in the row. */
  rowLabel: string;
  /** The key's own label ("Art der Organisation"), for the value's accessible name. */
  keyLabel: string;
  vocabulary: Vocabulary | undefined;
  /** The segment being edited: it cannot refer to itself. */
  selfName: string | null;
  /** The value is filled in but not one the key accepts. */
  invalid: boolean;
}

export function ValueInput({ filterKey, value, onChange, onEnter, rowLabel, keyLabel, vocabulary, selfName, invalid }: ValueInputProps) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const label = t('segments.builder.valueOf', { row: rowLabel, field: keyLabel });
  const error = invalid ? t('segments.builder.invalidValue') : undefined;
  const enter = (e: KeyboardEvent<HTMLInputElement>): void => {
    if (e.key === 'Enter' && !e.nativeEvent.isComposing) {
      e.preventDefault();
      onEnter();
    }
  };

  /**
   * A picker of names on record (`known` given): a value typed in the text view, or saved before the name was
   * deleted, still shows — flagged, since it matches no one.
   */
  const select = (options: Option[], searchable = false, known?: (v: string) => boolean) => (
    <Select
      aria-label={label}
      placeholder={t('segments.builder.choose')}
      data={withCurrent(options, value)}
      value={value === '' ? null : value}
      onChange={(v) => onChange(v ?? '')}
      allowDeselect={false}
      searchable={searchable}
      nothingFoundMessage={t('segments.builder.nothingFound')}
      comboboxProps={{ withinPortal: true }}
      error={error ?? (known && vocabulary && value !== '' && !known(value) ? t('segments.builder.unknownName') : undefined)}
      flex="1 1 140px"
      miw={140}
    />
  );
  const names = (list: readonly string[] | undefined): Option[] => (list ?? []).map((n) => ({ value: n, label: n }));
  const inList = (list: readonly string[] | undefined) => (v: string) => (list ?? []).some((n) => n.toLowerCase() === v.toLowerCase());
  const yesNo = (): Option[] => [
    { value: 'yes', label: t('common.yes') },
    { value: 'no', label: t('common.no') },
  ];

  switch (filterKey) {
    case 'kind':
      return select(ORGANISATION_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) })));
    case 'size':
      return select(SIZE_CLASSES.map((s) => ({ value: s, label: t(`sizes.${s}`) })));
    case 'membership':
      return select(MEMBERSHIPS.map((m) => ({ value: m, label: t(`membershipOne.${m}`) })));
    case 'interest':
      return select(INFORMATION_KINDS.map((k) => ({ value: k, label: t(`interests.${k}`) })));
    case 'salutation':
      return select(SALUTATIONS.map((s) => ({ value: s, label: t(`salutations.${s}`) })));
    case 'status':
      // Erased persons never match any rule; offering "gelöscht" would only ever count no one.
      return select((['active', 'unsubscribed', 'bounced'] as const).map((s) => ({ value: s, label: t(`statuses.${s}`) })));
    case 'consent':
      return select([...CONSENT_PURPOSES, 'none' as const].map((c) => ({ value: c, label: t(`consentPurposes.${c}`) })));
    case 'funded':
    case 'member':
    case 'key':
    case 'stale':
      return select(yesNo());
    case 'country':
      return select(
        ISO_COUNTRY_CODES.map((c) => ({ value: c, label: `${fmt.country(c)} (${c})` })).sort((a, b) => a.label.localeCompare(b.label, fmt.language)),
        true,
      );
    case 'lang':
      return select(
        (vocabulary?.languages ?? []).map((l) => ({ value: l, label: `${fmt.languageName(l)} (${l})` })),
        true,
      );
    case 'topic':
      return select(names(vocabulary?.topics), true, inList(vocabulary?.topics));
    case 'tag':
      return select(names(vocabulary?.tags), true, inList(vocabulary?.tags));
    case 'region':
      return select(names(vocabulary?.regions), true, inList(vocabulary?.regions));
    case 'network':
      return select(names(vocabulary?.networks), true, inList(vocabulary?.networks));
    case 'project':
      return select(
        (vocabulary?.projects ?? []).map((p) => ({ value: p.acronym, label: `${p.acronym} – ${p.title}` })),
        true,
        // `project:` matches an acronym exactly or a part of a title.
        (v) => (vocabulary?.projects ?? []).some((p) => p.acronym.toLowerCase() === v.toLowerCase() || p.title.toLowerCase().includes(v.toLowerCase())),
      );
    case 'segment':
      return select(
        (vocabulary?.segments ?? [])
          .filter((s) => selfName === null || s.name.toLowerCase() !== selfName.toLowerCase())
          .map((s) => ({ value: s.name, label: s.kind === 'static' ? `${s.name} (${t('segments.kind.static')})` : s.name })),
        true,
        inList(vocabulary?.segments.map((s) => s.name)),
      );
    case 'recontact':
      return (
        <Badge variant="light" color="gray" size="lg" fw={500} aria-label={label}>
          {t('segments.builder.due')}
        </Badge>
      );
    case 'employees':
      return (
        <NumberInput
          aria-label={label}
          value={value}
          onChange={(v) => onChange(typeof v === 'number' ? String(Math.max(0, Math.trunc(v))) : v)}
          onKeyDown={enter}
          min={0}
          allowDecimal={false}
          allowNegative={false}
          thousandSeparator={false}
          error={error}
          flex="1 1 120px"
          miw={110}
        />
      );
    case 'verified':
      // "nie geprüft" is chosen in the comparator select; then there is no date to enter.
      return value === 'never' ? null : (
        <TextInput type="date" aria-label={label} value={value} onChange={(e) => onChange(e.currentTarget.value)} onKeyDown={enter} error={error} flex="1 1 120px" miw={120} />
      );
    case 'received': {
      const { topic, since } = receivedParts(value);
      const topics: Option[] = [{ value: '*', label: t('segments.builder.anyTopic') }, ...names(vocabulary?.topics)];
      return (
        <Group gap="xs" wrap="nowrap" flex="1 1 260px">
          <Select
            aria-label={t('segments.builder.receivedTopic', { row: rowLabel })}
            data={withCurrent(topics, topic ?? '*')}
            value={topic ?? '*'}
            onChange={(v) => onChange(receivedValue(v === '*' ? null : v, since))}
            allowDeselect={false}
            searchable
            nothingFoundMessage={t('segments.builder.nothingFound')}
            comboboxProps={{ withinPortal: true }}
            flex="1 1 140px"
          />
          <TextInput
            type="date"
            aria-label={t('segments.builder.receivedSince', { row: rowLabel })}
            leftSection={<span aria-hidden="true">{t('segments.builder.since')}</span>}
            leftSectionWidth={42}
            value={since ?? ''}
            onChange={(e) => onChange(receivedValue(topic, e.currentTarget.value || null))}
            onKeyDown={enter}
            flex="0 1 150px"
          />
        </Group>
      );
    }
    default:
      // word, city, function, email, org, source: free text.
      return (
        <TextInput
          aria-label={label}
          placeholder={t(filterKey === 'word' ? 'segments.builder.wordPlaceholder' : 'segments.builder.textPlaceholder')}
          value={value}
          onChange={(e) => onChange(e.currentTarget.value)}
          onKeyDown={enter}
          error={error}
          autoComplete="off"
          spellCheck={false}
          flex="1 1 140px"
          miw={140}
        />
      );
  }
}
