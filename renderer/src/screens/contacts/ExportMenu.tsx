/**
 * "Exportieren": the current search, or the selected persons when there is a selection, as CSV, CSV for
 * German Excel, XLSX or vCard. The server builds the file; the page saves it as a download.
 */
import { Button, Menu, Modal } from '@mantine/core';
import { IconChevronDown, IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportFormat } from '../../../../shared/contacts/schemas';
import { call } from '../../api';
import { ErrorNotice } from '../../ErrorNotice';
import { downloadPayload } from '../../files';
import { useFormatters } from '../../format';

const FORMATS: readonly ExportFormat[] = ['csv', 'csv-semicolon', 'xlsx', 'vcf'];

export interface ExportMenuProps {
  /** The search whose matches are exported when nothing is selected. */
  query: string;
  selected: ReadonlySet<number>;
  disabled: boolean;
  /** Told the file name once the download has been handed to the browser. */
  onDone(message: string): void;
}

export function ExportMenu({ query, selected, disabled, onDone }: ExportMenuProps) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const count = selected.size;

  const run = (format: ExportFormat): void => {
    setBusy(true);
    setError(undefined);
    call('contacts/export', count > 0 ? { format, ids: [...selected] } : { format, query })
      .then((file) => {
        downloadPayload(file);
        onDone(t('contacts.export.done', { file: file.fileName }));
      }, setError)
      .finally(() => setBusy(false));
  };

  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button
            variant="default"
            loading={busy}
            disabled={disabled}
            leftSection={<IconDownload size={16} aria-hidden="true" />}
            rightSection={<IconChevronDown size={14} aria-hidden="true" />}
          >
            {count > 0 ? t('contacts.export.selected', { count, n: fmt.number(count) }) : t('contacts.export.button')}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{count > 0 ? t('contacts.export.labelSelected', { count, n: fmt.number(count) }) : t('contacts.export.labelQuery')}</Menu.Label>
          {FORMATS.map((f) => (
            <Menu.Item key={f} onClick={() => run(f)}>
              {t(`contacts.export.formats.${f}`)}
            </Menu.Item>
          ))}
        </Menu.Dropdown>
      </Menu>
      <Modal opened={error !== undefined} onClose={() => setError(undefined)} title={t('contacts.export.failed')} centered>
        <ErrorNotice error={error} />
      </Modal>
    </>
  );
}
