/**
 * The filter panel: a second view of the search text. Every control reads its value from the text and
 * writes back by rewriting only its own filter tokens (queryText.ts), so the two can never disagree.
 */
import { Button, Group, Input, MultiSelect, SegmentedControl, Select, SimpleGrid, TagsInput, Text } from '@mantine/core';
import { IconFilterOff } from '@tabler/icons-react';
import { memo, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { SIZE_CLASSES, type FilterKey } from '../../../../shared/contacts/query';
import { INFORMATION_KINDS, MEMBERSHIPS, ORGANISATION_KINDS } from '../../../../shared/domain';
import { useFormatters } from '../../format';
import { filterValues, firstNegated, withFilterValues, withoutFilters } from './queryText';

type Option = { value: string; label: string };

function YesNo({ label, value, onChange }: { label: string; value: string | undefined; onChange: (v: string | null) => void }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div>
      <Input.Label id={id} labelElement="div" mb={4}>
        {label}
      </Input.Label>
      <SegmentedControl
        aria-labelledby={id}
        fullWidth
        size="sm"
        value={value ?? 'all'}
        onChange={(v) => onChange(v === 'all' ? null : v)}
        data={[
          { value: 'all', label: t('common.all') },
          { value: 'yes', label: t('common.yes') },
          { value: 'no', label: t('common.no') },
        ]}
      />
    </div>
  );
}

/** Options plus the current value, so a value typed in the box but unknown to the list still shows. */
function withCurrent(options: Option[], current: string | undefined, label: (v: string) => string): Option[] {
  return current === undefined || options.some((o) => o.value === current) ? options : [...options, { value: current, label: label(current) }];
}

export interface FilterPanelProps {
  text: string;
  onChange(text: string): void;
  /** Country codes of the organisations on record. */
  countries: readonly string[];
  /** Language codes of the persons on record. */
  languages: readonly string[];
}

/** Memoised: the screen re-renders whenever a page of rows arrives, the filters need not. */
export const FilterPanel = memo(function FilterPanel({ text, onChange, countries, languages }: FilterPanelProps) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const values = (key: FilterKey): string[] => filterValues(text, key);
  const one = (key: FilterKey): string | undefined => values(key)[0];
  const set = (key: FilterKey) => (v: string | string[] | null) => onChange(withFilterValues(text, key, v === null ? [] : Array.isArray(v) ? v : [v]));
  const label = (key: FilterKey): string => t(`contacts.filter.${key}`);
  const select = (key: FilterKey, data: Option[], searchable = false) => (
    <Select
      label={label(key)}
      placeholder={t('common.any')}
      data={data}
      value={one(key) ?? null}
      onChange={set(key)}
      clearable
      searchable={searchable}
      comboboxProps={{ withinPortal: true }}
    />
  );

  const countryOptions = withCurrent(
    countries.map((c) => ({ value: c, label: fmt.country(c) })).sort((a, b) => a.label.localeCompare(b.label, fmt.language)),
    one('country'),
    fmt.country,
  );
  const languageOptions = withCurrent(
    languages.map((l) => ({ value: l, label: fmt.languageName(l) })).sort((a, b) => a.label.localeCompare(b.label, fmt.language)),
    one('lang'),
    fmt.languageName,
  );
  const negated = firstNegated(text);

  return (
    <>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="md" verticalSpacing="sm">
        {select(
          'kind',
          ORGANISATION_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) })),
        )}
        {select(
          'size',
          SIZE_CLASSES.map((s) => ({ value: s, label: t(`sizes.${s}`) })),
        )}
        {select(
          'membership',
          MEMBERSHIPS.map((m) => ({ value: m, label: t(`membershipOne.${m}`) })),
        )}
        <YesNo label={label('funded')} value={one('funded')} onChange={set('funded')} />
        {select('country', countryOptions, true)}
        {select('lang', languageOptions, true)}
        <YesNo label={label('key')} value={one('key')} onChange={set('key')} />
        {select(
          'consent',
          (['newsletter', 'mailing', 'none'] as const).map((c) => ({ value: c, label: t(`consentPurposes.${c}`) })),
        )}
        {select(
          'status',
          (['active', 'unsubscribed', 'bounced'] as const).map((s) => ({ value: s, label: t(`statuses.${s}`) })),
        )}
        <YesNo label={label('stale')} value={one('stale')} onChange={set('stale')} />
        <TagsInput
          label={label('topic')}
          placeholder={values('topic').length === 0 ? t('contacts.enterToAdd') : undefined}
          value={values('topic')}
          onChange={set('topic')}
          clearable
        />
        <MultiSelect
          label={label('interest')}
          placeholder={values('interest').length === 0 ? t('common.any') : undefined}
          data={INFORMATION_KINDS.map((k) => ({ value: k, label: t(`interests.${k}`) }))}
          value={values('interest')}
          onChange={set('interest')}
          clearable
        />
        <TagsInput
          label={label('tag')}
          placeholder={values('tag').length === 0 ? t('contacts.enterToAdd') : undefined}
          value={values('tag')}
          onChange={set('tag')}
          clearable
        />
      </SimpleGrid>
      <Group justify="space-between" mt="md" gap="xs">
        <Text size="xs" c="dimmed" maw={640}>
          {t('contacts.filterHint')}
          {negated && ` ${t('contacts.negatedNote', { example: `${negated.key}:${negated.value}` })}`}
        </Text>
        <Button variant="subtle" size="xs" leftSection={<IconFilterOff size={16} aria-hidden="true" />} onClick={() => onChange(withoutFilters(text))}>
          {t('contacts.resetFilters')}
        </Button>
      </Group>
    </>
  );
});
