/**
 * The MJML templates: the starter set and the user's own, with kind and language; a .mjml file is imported
 * as a new template (stored even when it has errors, so nothing is lost) and opens in the editor.
 */
import { Alert, Anchor, Badge, Button, FileButton, Group, Loader, Select, Stack, Table, Text } from '@mantine/core';
import { IconFileImport, IconInfoCircle } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageKind, MessageLanguage } from '../../../../shared/newsletters/schemas';
import { call } from '../../api';
import { ErrorNotice } from '../../ErrorNotice';
import { useFormatters } from '../../format';
import { useApi } from '../../useApi';
import { templateHash } from './contentHash';
import { setTemplateNotice, takeTemplateNotice } from './templateNotice';

export function TemplateLibrary() {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const list = useApi('templates/list', {});
  const [kind, setKind] = useState<MessageKind>('newsletter');
  const [language, setLanguage] = useState<MessageLanguage>('de');
  const [importing, setImporting] = useState(false);
  const [error, setError] = useState<unknown>();
  const [fileProblem, setFileProblem] = useState<string>();
  const [notice, setNotice] = useState<string | undefined>(() => takeTemplateNotice());
  const reset = useRef<() => void>(null);
  const rows = list.data?.rows;

  const importFile = (file: File | null): void => {
    reset.current?.();
    if (!file) return;
    setImporting(true);
    setError(undefined);
    setFileProblem(undefined);
    file
      .text()
      .then((text) => {
        // A binary file read as text has NUL characters or is mostly replacement characters.
        if (text.includes('\u0000') || text.trim() === '') {
          setFileProblem(t('content.templates.notText', { name: file.name }));
          return;
        }
        return call('templates/import', { fileName: file.name, mjml: text.replace(/^\uFEFF/, ''), kind, language }).then((tpl) => {
          const errors = tpl.problems.filter((p) => p.severity === 'error').length;
          setTemplateNotice(errors > 0 ? t('content.templates.importedWithErrors', { name: tpl.name, count: errors }) : t('content.templates.imported', { name: tpl.name }));
          window.location.hash = templateHash(tpl.id);
        });
      })
      .catch(setError)
      .finally(() => setImporting(false));
  };

  return (
    <Stack gap="sm">
      <Group justify="flex-end" align="flex-end" gap="xs" wrap="wrap">
        <Select
          label={t('content.templates.importKind')}
          data={(['newsletter', 'mailing'] as const).map((k) => ({ value: k, label: t(`content.templates.kinds.${k}`) }))}
          value={kind}
          onChange={(v) => v && setKind(v as MessageKind)}
          allowDeselect={false}
          w={200}
          size="sm"
        />
        <Select
          label={t('content.templates.importLanguage')}
          data={(['de', 'en'] as const).map((k) => ({ value: k, label: t(`content.languages.${k}`) }))}
          value={language}
          onChange={(v) => v && setLanguage(v as MessageLanguage)}
          allowDeselect={false}
          w={140}
          size="sm"
        />
        <FileButton onChange={importFile} accept=".mjml,text/xml,text/plain" resetRef={reset} inputProps={{ 'aria-label': t('content.templates.import') }}>
          {(props) => (
            <Button {...props} leftSection={<IconFileImport size={16} aria-hidden="true" />} loading={importing}>
              {t('content.templates.import')}
            </Button>
          )}
        </FileButton>
      </Group>
      {notice && (
        <Alert color="teal" variant="light" role="status" withCloseButton closeButtonLabel={t('common.close')} onClose={() => setNotice(undefined)}>
          {notice}
        </Alert>
      )}
      {fileProblem && (
        <Alert color="red" variant="light" role="alert">
          {fileProblem}
        </Alert>
      )}
      {error !== undefined && <ErrorNotice error={error} />}
      {list.error !== undefined && <ErrorNotice error={list.error} onRetry={list.reload} />}
      {!rows && list.loading && <Loader aria-label={t('app.loading')} />}
      {rows && rows.length === 0 && (
        <Alert icon={<IconInfoCircle />} color="gray" variant="light">
          {t('content.templates.empty')}
        </Alert>
      )}
      {rows && rows.length > 0 && (
        <Table.ScrollContainer minWidth={700}>
          <Table highlightOnHover fz="sm" verticalSpacing={8} aria-label={t('content.templates.table')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('content.templates.name')}</Table.Th>
                <Table.Th w={200}>{t('content.templates.kind')}</Table.Th>
                <Table.Th w={120}>{t('content.templates.language')}</Table.Th>
                <Table.Th w={200}>{t('content.templates.updated')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>
                    <Group gap="xs">
                      <Anchor href={templateHash(r.id)} fw={600} size="sm" aria-label={t('content.templates.open', { name: r.name })}>
                        {r.name}
                      </Anchor>
                      {r.starter && (
                        <Badge size="sm" variant="light" color="teal" tt="none">
                          {t('content.templates.starter')}
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>{t(`content.templates.kinds.${r.kind}`)}</Table.Td>
                  <Table.Td>
                    <Badge size="sm" variant="outline" color="gray">
                      {r.language.toUpperCase()}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{fmt.dateTime(r.updatedAt)}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
