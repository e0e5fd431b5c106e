/**
 * Step 2: which column means what. Spillover's guess from the headers is preset; every column can be
 * mapped to another field or left out. Below, the first rows as they will be read with this mapping.
 */
import { Alert, Select, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconInfoCircle } from '@tabler/icons-react';
import { memo, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportPreview } from '../../../../shared/contacts/import-schemas';
import { IMPORT_FIELDS, type ImportField } from '../../../../shared/contacts/mapping';
import { EMPTY } from '../../format';
import { hasIdentity, repeatedFields, samples, type Mapping } from './importModel';

const NONE = '__none__';
const PREVIEW_ROWS = 5;

function isField(v: string | null): v is ImportField {
  return (IMPORT_FIELDS as readonly (string | null)[]).includes(v);
}

interface ColumnRowProps {
  index: number;
  header: string;
  values: string[];
  field: ImportField | null;
  options: { value: string; label: string }[];
  onChange(index: number, field: ImportField | null): void;
}

/** One column; memoised so choosing a field for one column does not re-render thirty Selects. */
const ColumnRow = memo(function ColumnRow({ index, header, values, field, options, onChange }: ColumnRowProps) {
  const { t } = useTranslation();
  return (
    <Table.Tr>
      <Table.Td fw={600} style={{ overflowWrap: 'anywhere' }}>
        {header || <Text span c="dimmed">{t('import.mapping.unnamed', { n: index + 1 })}</Text>}
      </Table.Td>
      <Table.Td>
        {values.length === 0 ? (
          <Text span size="sm" c="dimmed">
            {EMPTY}
          </Text>
        ) : (
          <Stack gap={2}>
            {values.map((v, i) => (
              <Text key={i} size="xs" lineClamp={1} title={v} style={{ overflowWrap: 'anywhere' }}>
                {v}
              </Text>
            ))}
          </Stack>
        )}
      </Table.Td>
      <Table.Td>
        <Select
          aria-label={t('import.mapping.fieldFor', { column: header || t('import.mapping.unnamed', { n: index + 1 }) })}
          data={options}
          value={field ?? NONE}
          onChange={(v) => onChange(index, isField(v) ? v : null)}
          allowDeselect={false}
          searchable
          size="sm"
          c={field === null ? 'dimmed' : undefined}
        />
      </Table.Td>
    </Table.Tr>
  );
});

export interface MappingStepProps {
  preview: ImportPreview;
  mapping: Mapping;
  onChange(index: number, field: ImportField | null): void;
}

export function MappingStep({ preview, mapping, onChange }: MappingStepProps) {
  const { t } = useTranslation();
  const options = useMemo(
    () => [{ value: NONE, label: t('import.mapping.skip') }, ...IMPORT_FIELDS.map((f) => ({ value: f, label: t(`import.fields.${f}`) }))],
    // `t` is a new function after a language switch, so the labels follow the UI language.
    [t],
  );
  const columnSamples = useMemo(() => preview.columns.map((_, i) => samples(preview, i)), [preview]);
  const mapped = preview.columns.map((header, i) => ({ header, i, field: mapping[i] ?? null })).filter((c) => c.field !== null);
  const twice = repeatedFields(mapping);

  return (
    <Stack gap="md">
      <Text size="sm" maw={820}>
        {t('import.mapping.intro')}
      </Text>
      <Table.ScrollContainer minWidth={640} maxHeight="min(60dvh, 720px)">
        <Table stickyHeader fz="sm" verticalSpacing={6} layout="fixed" aria-label={t('import.mapping.columns')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w="28%">{t('import.mapping.column')}</Table.Th>
              <Table.Th>{t('import.mapping.samples')}</Table.Th>
              <Table.Th w={280}>{t('import.mapping.field')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {preview.columns.map((header, i) => (
              <ColumnRow key={i} index={i} header={header} values={columnSamples[i] ?? []} field={mapping[i] ?? null} options={options} onChange={onChange} />
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>

      {!hasIdentity(mapping) && (
        <Alert color="red" icon={<IconAlertTriangle />} role="alert">
          {t('import.mapping.needIdentity')}
        </Alert>
      )}
      {twice.length > 0 && (
        <Alert color="yellow" icon={<IconInfoCircle />}>
          {t('import.mapping.twice', { fields: twice.map((f) => t(`import.fields.${f}`)).join(', ') })}
        </Alert>
      )}

      <section aria-label={t('import.mapping.preview')}>
        <Title order={4} mb="xs">
          {t('import.mapping.preview')}
        </Title>
        {mapped.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('import.mapping.nothingMapped')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={Math.max(480, mapped.length * 150)}>
            <Table fz="xs" verticalSpacing={4} striped withTableBorder aria-label={t('import.mapping.preview')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={56}>{t('import.line')}</Table.Th>
                  {mapped.map((c) => (
                    <Table.Th key={c.i}>
                      {c.field ? t(`import.fields.${c.field}`) : ''}
                      {/* The file's own header, where it says something else than the field's name. */}
                      {c.field && c.header.trim().toLocaleLowerCase() !== t(`import.fields.${c.field}`).toLocaleLowerCase() && (
                        <Text size="xs" c="dimmed" fw={400}>
                          {c.header}
                        </Text>
                      )}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {preview.preview.slice(0, PREVIEW_ROWS).map((row) => (
                  <Table.Tr key={row.line}>
                    <Table.Td>{row.line}</Table.Td>
                    {mapped.map((c) => (
                      <Table.Td key={c.i} style={{ overflowWrap: 'anywhere' }}>
                        {row.cells[c.i] || (
                          <Text span c="dimmed" size="xs">
                            {EMPTY}
                          </Text>
                        )}
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </section>
    </Stack>
  );
}
