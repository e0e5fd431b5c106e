import { Alert, Button, Card, Code, Group, Modal, NumberInput, Radio, Stack, Table, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconCircleCheck } from '@tabler/icons-react';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { LanguagePreference } from '../../../shared/api';
import { call } from '../api';
import { ErrorNotice } from '../ErrorNotice';
import { useApi } from '../useApi';

function DataCard() {
  const { t } = useTranslation();
  const info = useApi('app/info', {});
  const board = useApi('dashboard/get', {});
  const [confirmOpen, confirm] = useDisclosure(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string>();
  const [error, setError] = useState<unknown>();

  const run = (action: () => Promise<string>): void => {
    setBusy(true);
    setError(undefined);
    setMessage(undefined);
    action()
      .then(setMessage, setError)
      .finally(() => {
        setBusy(false);
        board.reload();
      });
  };

  const empty = board.data?.isEmpty ?? false;
  return (
    <Card withBorder component="section" aria-label={t('settings.data')}>
      <Title order={4} mb="sm">
        {t('settings.data')}
      </Title>
      {info.error !== undefined && <ErrorNotice error={info.error} onRetry={info.reload} />}
      {info.data && (
        <Table variant="vertical" withTableBorder={false} mb="md">
          <Table.Tbody>
            <Table.Tr>
              <Table.Th w={180}>{t('settings.dataDir')}</Table.Th>
              <Table.Td><Code>{info.data.dataDir}</Code></Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('settings.databaseFile')}</Table.Th>
              <Table.Td><Code>{info.data.databaseFile}</Code></Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('settings.schemaVersion')}</Table.Th>
              <Table.Td>{info.data.schemaVersion}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('settings.version')}</Table.Th>
              <Table.Td>
                {info.data.version} ·{' '}
                {t(info.data.shell === 'electron' ? 'settings.shellElectron' : info.data.shell === 'browser' ? 'settings.shellBrowser' : 'settings.shellCli')}
              </Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      )}
      <Stack gap="md">
        <div>
          <Text fw={600}>{t('settings.demo')}</Text>
          <Text size="sm" c="dimmed" mb="xs">
            {t('settings.demoText')}
          </Text>
          <Button
            variant="light"
            disabled={!empty || busy}
            onClick={() =>
              run(async () => {
                const s = await call('demo/load', {});
                return t('settings.demoLoaded', s);
              })
            }
          >
            {t('settings.loadDemo')}
          </Button>
          {!empty && (
            <Text size="xs" c="dimmed" mt={4}>
              {t('settings.loadDemoDisabled')}
            </Text>
          )}
        </div>
        <div>
          <Text fw={600}>{t('settings.clear')}</Text>
          <Text size="sm" c="dimmed" mb="xs">
            {t('settings.clearText')}
          </Text>
          <Button color="red" variant="outline" disabled={empty || busy} onClick={confirm.open}>
            {t('settings.clear')}
          </Button>
        </div>
        {message && (
          <Alert color="teal" icon={<IconCircleCheck />} role="status">
            {message}
          </Alert>
        )}
        {error !== undefined && <ErrorNotice error={error} />}
      </Stack>
      <Modal opened={confirmOpen} onClose={confirm.close} title={t('settings.clearConfirmTitle')} centered>
        <Text size="sm" mb="lg">
          {t('settings.clearConfirmBody')}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={confirm.close} data-autofocus>
            {t('settings.cancel')}
          </Button>
          <Button
            color="red"
            onClick={() => {
              confirm.close();
              run(async () => {
                const r = await call('data/clear', { confirm: true });
                return t('settings.cleared', { file: r.backupFile });
              });
            }}
          >
            {t('settings.clearConfirm')}
          </Button>
        </Group>
      </Modal>
    </Card>
  );
}

function OrganisationSizesCard() {
  const { t } = useTranslation();
  const settings = useApi('settings/get', {});
  const [small, setSmall] = useState<number | string>('');
  const [medium, setMedium] = useState<number | string>('');
  const [large, setLarge] = useState<number | string>('');
  const [stale, setStale] = useState<number | string>('');
  const [status, setStatus] = useState<'idle' | 'saved' | 'order'>('idle');
  const [error, setError] = useState<unknown>();

  useEffect(() => {
    if (!settings.data) return;
    setSmall(settings.data.sizeThresholds.microBelow);
    setMedium(settings.data.sizeThresholds.smallBelow);
    setLarge(settings.data.sizeThresholds.mediumBelow);
    setStale(settings.data.staleAfterMonths);
  }, [settings.data]);

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    const [s, m, l, st] = [small, medium, large, stale].map(Number);
    if (!(s !== undefined && m !== undefined && l !== undefined && s > 0 && s < m && m < l)) {
      setStatus('order');
      return;
    }
    setError(undefined);
    call('settings/update', { sizeThresholds: { microBelow: s, smallBelow: m, mediumBelow: l }, staleAfterMonths: st ?? 12 }).then(
      () => setStatus('saved'),
      setError,
    );
  };

  return (
    <Card withBorder component="section" aria-label={t('settings.sizes')}>
      <Title order={4} mb={4}>
        {t('settings.sizes')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('settings.sizesText')}
      </Text>
      {settings.error !== undefined && <ErrorNotice error={settings.error} onRetry={settings.reload} />}
      <form onSubmit={submit}>
        <Group align="flex-end">
          <NumberInput label={t('settings.smallFrom')} value={small} onChange={setSmall} min={1} allowDecimal={false} w={120} />
          <NumberInput label={t('settings.mediumFrom')} value={medium} onChange={setMedium} min={2} allowDecimal={false} w={120} />
          <NumberInput label={t('settings.largeFrom')} value={large} onChange={setLarge} min={3} allowDecimal={false} w={120} />
        </Group>
        <NumberInput mt="sm" label={t('settings.staleAfter')} value={stale} onChange={setStale} min={1} max={120} allowDecimal={false} w={280} />
        <Group mt="md">
          <Button type="submit">{t('settings.save')}</Button>
          {status === 'saved' && (
            <Text c="teal" size="sm" role="status">
              {t('settings.saved')}
            </Text>
          )}
          {status === 'order' && (
            <Text c="red" size="sm" role="alert">
              {t('settings.sizesOrder')}
            </Text>
          )}
        </Group>
      </form>
      {error !== undefined && <ErrorNotice error={error} />}
    </Card>
  );
}

export function SettingsScreen({ language, onLanguage }: { language: LanguagePreference; onLanguage: (l: LanguagePreference) => void }) {
  const { t } = useTranslation();
  return (
    <Stack maw={860} gap="lg">
      <Title order={2}>{t('settings.title')}</Title>
      <Card withBorder component="section" aria-label={t('settings.language')}>
        <Radio.Group
          label={t('settings.language')}
          value={language}
          onChange={(v) => onLanguage(v === 'de' || v === 'en' ? v : 'system')}
        >
          <Group mt="xs">
            <Radio value="system" label={t('settings.languageSystem')} />
            <Radio value="de" label="Deutsch" />
            <Radio value="en" label="English" />
          </Group>
        </Radio.Group>
      </Card>
      <DataCard />
      <OrganisationSizesCard />
    </Stack>
  );
}
