/**
 * Step 1: a file is dropped or picked, read in the page and sent to imports/open once. What the server
 * recognised (format, encoding, delimiter, rows, where the table came from) is shown, and encoding,
 * delimiter and worksheet can be overridden, which reads the same bytes again.
 */
import { Alert, Button, DataList, FileButton, Group, Loader, Paper, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconFileUpload, IconInfoCircle } from '@tabler/icons-react';
import { useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportPreview } from '../../../../shared/contacts/import-schemas';
import { ApiCallError } from '../../api';
import { ErrorNotice } from '../../ErrorNotice';
import { useFormatters } from '../../format';
import { DELIMITER_NAMES, DELIMITERS, ENCODING_NAMES, ENCODINGS, FileProblem, isDelimiter, isEncoding, type Delimiter, type Encoding } from './importModel';

export interface ReadOverrides {
  delimiter?: Delimiter;
  encoding?: Encoding;
  sheet?: string;
}

export interface FileStepProps {
  fileName: string | undefined;
  reading: boolean;
  error: unknown;
  preview: ImportPreview | undefined;
  /** The format last read successfully, so the overrides stay while a re-read failed. */
  format: ImportPreview['format'] | undefined;
  overrides: ReadOverrides;
  onFile(file: File): void;
  onOverrides(next: ReadOverrides): void;
}

const ACCEPT = '.csv,.txt,.tsv,.tab,.xlsx,.xls,.vcf,.vcard,text/csv,text/plain,text/vcard,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const AUTO = 'auto';

export function FileStep({ fileName, reading, error, preview, format, overrides, onFile, onOverrides }: FileStepProps) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const [dragging, setDragging] = useState(false);
  const resetRef = useRef<() => void>(null);

  const onDrop = (e: DragEvent<HTMLDivElement>): void => {
    e.preventDefault();
    setDragging(false);
    const file = e.dataTransfer.files[0];
    if (file) onFile(file);
  };

  const delimiterLabel = (d: string | null): string => (isDelimiter(d) ? t(`import.file.delimiters.${DELIMITER_NAMES[d]}`) : (d ?? '—'));
  const encodingLabel = (e: string | null): string => (isEncoding(e) ? t(`import.file.encodings.${ENCODING_NAMES[e]}`) : (e ?? '—'));

  return (
    <Stack gap="md">
      <Paper
        withBorder
        p="xl"
        radius="md"
        role="group"
        aria-label={t('import.file.dropZone')}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        bg={dragging ? 'teal.0' : 'gray.0'}
        style={{ borderStyle: 'dashed', borderWidth: 2, borderColor: dragging ? 'var(--mantine-color-teal-6)' : undefined }}
      >
        <Stack align="center" gap={6}>
          <IconFileUpload size={40} stroke={1.4} color="var(--mantine-color-teal-7)" aria-hidden="true" />
          <Text fw={600}>{t('import.file.drop')}</Text>
          <Text size="sm" c="dimmed">
            {t('import.file.formats')}
          </Text>
          <FileButton
            onChange={(f) => {
              if (f) onFile(f);
              // The same file can be picked again (after fixing it in Excel, say).
              resetRef.current?.();
            }}
            accept={ACCEPT}
            resetRef={resetRef}
            inputProps={{ 'aria-label': t('import.file.input') }}
          >
            {(props) => (
              <Button {...props} mt="xs" loading={reading}>
                {t('import.file.choose')}
              </Button>
            )}
          </FileButton>
        </Stack>
      </Paper>

      {reading && fileName && (
        <Group gap="xs" role="status">
          <Loader size="xs" />
          <Text size="sm">{t('import.file.reading', { file: fileName })}</Text>
        </Group>
      )}

      {error !== undefined && !reading && <OpenError error={error} />}

      {preview && !reading && (
        <Paper withBorder p="md" component="section" aria-label={t('import.file.detected')}>
          <Text fw={600} mb="xs">
            {t('import.file.detected')}
          </Text>
          <DataList labelWidth={180} size="sm">
            <DataList.Item>
              <DataList.ItemLabel>{t('import.file.name')}</DataList.ItemLabel>
              <DataList.ItemValue style={{ overflowWrap: 'anywhere' }}>{preview.fileName}</DataList.ItemValue>
            </DataList.Item>
            <DataList.Item>
              <DataList.ItemLabel>{t('import.file.format')}</DataList.ItemLabel>
              <DataList.ItemValue>{t(`import.file.formatNames.${preview.format}`)}</DataList.ItemValue>
            </DataList.Item>
            {preview.format === 'csv' && (
              <>
                <DataList.Item>
                  <DataList.ItemLabel>{t('import.file.encoding')}</DataList.ItemLabel>
                  <DataList.ItemValue>{encodingLabel(preview.encoding)}</DataList.ItemValue>
                </DataList.Item>
                <DataList.Item>
                  <DataList.ItemLabel>{t('import.file.delimiter')}</DataList.ItemLabel>
                  <DataList.ItemValue>{delimiterLabel(preview.delimiter)}</DataList.ItemValue>
                </DataList.Item>
              </>
            )}
            {preview.format === 'xlsx' && preview.sheet && (
              <DataList.Item>
                <DataList.ItemLabel>{t('import.file.sheet')}</DataList.ItemLabel>
                <DataList.ItemValue>{preview.sheet}</DataList.ItemValue>
              </DataList.Item>
            )}
            <DataList.Item>
              <DataList.ItemLabel>{t('import.file.rows')}</DataList.ItemLabel>
              <DataList.ItemValue>{t('import.file.rowsValue', { count: preview.rows, n: fmt.number(preview.rows) })}</DataList.ItemValue>
            </DataList.Item>
            <DataList.Item>
              <DataList.ItemLabel>{t('import.file.shape')}</DataList.ItemLabel>
              <DataList.ItemValue>{t(`import.shapes.${preview.shape}`)}</DataList.ItemValue>
            </DataList.Item>
          </DataList>
        </Paper>
      )}

      {format === 'csv' && fileName && (
        <SimpleGrid cols={{ base: 1, sm: 2 }} maw={640}>
          <Select
            label={t('import.file.encodingOverride')}
            description={t('import.file.overrideHint')}
            data={[{ value: AUTO, label: t('import.file.auto') }, ...ENCODINGS.map((e) => ({ value: e, label: encodingLabel(e) }))]}
            value={overrides.encoding ?? AUTO}
            onChange={(v) => onOverrides({ ...overrides, encoding: isEncoding(v) ? v : undefined })}
            allowDeselect={false}
            disabled={reading}
          />
          <Select
            label={t('import.file.delimiterOverride')}
            description={t('import.file.overrideHint')}
            data={[{ value: AUTO, label: t('import.file.auto') }, ...DELIMITERS.map((d) => ({ value: d, label: delimiterLabel(d) }))]}
            value={overrides.delimiter ?? AUTO}
            onChange={(v) => onOverrides({ ...overrides, delimiter: isDelimiter(v) ? v : undefined })}
            allowDeselect={false}
            disabled={reading}
          />
        </SimpleGrid>
      )}
      {format === 'xlsx' && preview && preview.sheets.length > 1 && (
        <Select
          maw={320}
          label={t('import.file.sheetChoose')}
          data={preview.sheets}
          value={overrides.sheet ?? preview.sheet}
          onChange={(v) => v && onOverrides({ ...overrides, sheet: v })}
          allowDeselect={false}
          disabled={reading}
        />
      )}

      {preview && !reading && preview.warnings.length > 0 && (
        <Alert color="yellow" icon={<IconInfoCircle />} title={t('import.file.warnings')}>
          <Stack gap={4}>
            {preview.warnings.slice(0, 20).map((w, i) => (
              <Text size="sm" key={`${w.code}-${w.line ?? 0}-${i}`}>
                {w.line !== null ? t('import.file.warningLine', { line: w.line, message: warningText(w, t) }) : warningText(w, t)}
              </Text>
            ))}
            {preview.warnings.length > 20 && (
              <Text size="sm" c="dimmed">
                {t('import.file.moreWarnings', { n: fmt.number(preview.warnings.length - 20) })}
              </Text>
            )}
          </Stack>
        </Alert>
      )}
    </Stack>
  );
}

/** Warnings the UI knows by code are said in its language; the others keep the reader's own (English) words. */
function warningText(w: { code: string; message: string }, t: (key: string) => string): string {
  switch (w.code) {
    case 'no-rows':
      return t('import.file.warningNoRows');
    case 'merged-cells':
      return t('import.file.warningMergedCells');
    default:
      return w.message;
  }
}

/** A file that cannot be read: what Spillover can read, and the reader's own explanation of this file. */
function OpenError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (error instanceof FileProblem) {
    return (
      <Alert color="red" icon={<IconAlertTriangle />} title={t('import.file.openFailed')} role="alert">
        <Text size="sm">{error.message}</Text>
      </Alert>
    );
  }
  if (error instanceof ApiCallError && error.shape.code === 'bad_input') {
    return (
      <Alert color="red" icon={<IconAlertTriangle />} title={t('import.file.openFailed')} role="alert">
        <Text size="sm">{t('import.file.openFailedHint')}</Text>
        <Text size="sm" mt={6} c="dimmed">
          {error.shape.message}
        </Text>
      </Alert>
    );
  }
  return <ErrorNotice error={error} />;
}
