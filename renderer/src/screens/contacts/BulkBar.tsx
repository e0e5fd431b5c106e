/**
 * Actions for the selected persons. Each asks once in a dialog that says how many persons it touches
 * (and, for tags and topics, which one), because a bulk change is not undone with a click.
 */
import { Autocomplete, Button, Group, Modal, Paper, Text, TextInput } from '@mantine/core';
import { IconCheck, IconHash, IconListCheck, IconStar, IconStarOff, IconTag, IconTagOff, IconX } from '@tabler/icons-react';
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { call } from '../../api';
import { useTranslation } from 'react-i18next';
import type { BulkAction } from '../../../../shared/contacts/schemas';
import { ErrorNotice } from '../../ErrorNotice';
import { useFormatters } from '../../format';

type Kind = 'addTag' | 'removeTag' | 'addTopic' | 'markVerified' | 'setKeyContact' | 'unsetKeyContact' | 'addToList';

const ICONS: Record<Kind, ReactNode> = {
  addTag: <IconTag size={14} aria-hidden="true" />,
  removeTag: <IconTagOff size={14} aria-hidden="true" />,
  addTopic: <IconHash size={14} aria-hidden="true" />,
  markVerified: <IconCheck size={14} aria-hidden="true" />,
  setKeyContact: <IconStar size={14} aria-hidden="true" />,
  unsetKeyContact: <IconStarOff size={14} aria-hidden="true" />,
  addToList: <IconListCheck size={14} aria-hidden="true" />,
};

function actionOf(kind: Exclude<Kind, 'addToList'>, value: string): BulkAction {
  switch (kind) {
    case 'addTag':
      return { type: 'addTag', tag: value };
    case 'removeTag':
      return { type: 'removeTag', tag: value };
    case 'addTopic':
      return { type: 'addTopic', topic: value };
    case 'markVerified':
      return { type: 'markVerified' };
    case 'setKeyContact':
      return { type: 'setKeyContact', value: true };
    case 'unsetKeyContact':
      return { type: 'setKeyContact', value: false };
  }
}

export interface BulkBarProps {
  count: number;
  total: number;
  allMatching: boolean;
  /** True while the ids of all matches are being fetched. */
  selecting: boolean;
  onRun(action: BulkAction): Promise<void>;
  /** Adds the selection to the hand-picked list (a static segment) of this name, creating it if new. */
  onAddToList(name: string): Promise<void>;
  onSelectAll(): void;
  onClear(): void;
}

export function BulkBar({ count, total, allMatching, selecting, onRun, onAddToList, onSelectAll, onClear }: BulkBarProps) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const [kind, setKind] = useState<Kind | null>(null);
  const [value, setValue] = useState('');
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const needsValue = kind === 'addTag' || kind === 'removeTag' || kind === 'addTopic' || kind === 'addToList';
  const [lists, setLists] = useState<string[]>([]);
  useEffect(() => {
    if (kind !== 'addToList') return;
    let live = true;
    call('segments/vocabulary', {}).then(
      (v) => live && setLists(v.segments.filter((s) => s.kind === 'static').map((s) => s.name)),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [kind]);

  const open = (k: Kind): void => {
    setKind(k);
    setValue('');
    setMissing(false);
    setError(undefined);
  };

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (!kind) return;
    const v = value.trim();
    if (needsValue && v === '') {
      setMissing(true);
      return;
    }
    setBusy(true);
    setError(undefined);
    (kind === 'addToList' ? onAddToList(v) : onRun(actionOf(kind, v)))
      .then(() => setKind(null), setError)
      .finally(() => setBusy(false));
  };

  const button = (k: Kind) => (
    <Button key={k} size="xs" variant="light" leftSection={ICONS[k]} onClick={() => open(k)}>
      {t(`contacts.bulk.${k}`)}
    </Button>
  );

  return (
    <Paper withBorder p="xs" bg="teal.0" role="group" aria-label={t('contacts.bulk.label')}>
      <Group gap="xs" wrap="wrap" mb={6}>
        <Text fw={600} size="sm" mx={4}>
          {t('contacts.selected', { n: fmt.number(count) })}
        </Text>
        {selecting ? (
          <Text size="sm" c="dimmed" role="status">
            {t('contacts.bulk.selecting', { n: fmt.number(total) })}
          </Text>
        ) : (
          !allMatching &&
          count < total && (
            <Button size="compact-sm" variant="subtle" onClick={onSelectAll}>
              {t('contacts.bulk.selectAllMatching', { n: fmt.number(total) })}
            </Button>
          )
        )}
        <Button size="compact-sm" variant="subtle" color="gray" leftSection={<IconX size={14} aria-hidden="true" />} onClick={onClear}>
          {t('contacts.clearSelection')}
        </Button>
      </Group>
      <Group gap="xs" wrap="wrap">
        {(['addTag', 'removeTag', 'addTopic', 'markVerified', 'setKeyContact', 'unsetKeyContact', 'addToList'] as const).map(button)}
      </Group>
      <Modal opened={kind !== null} onClose={() => !busy && setKind(null)} title={kind ? t(`contacts.bulk.${kind}`) : ''} centered>
        <form onSubmit={submit} noValidate>
          {kind === 'addToList' && (
            <Autocomplete
              data-autofocus
              label={t('contacts.bulk.list')}
              description={t('contacts.bulk.listHint')}
              data={lists}
              value={value}
              onChange={(v) => {
                setValue(v);
                setMissing(false);
              }}
              error={missing ? t('contacts.bulk.required') : undefined}
              maxLength={120}
              mb="sm"
            />
          )}
          {needsValue && kind !== 'addToList' && (
            <TextInput
              data-autofocus
              label={t(kind === 'addTopic' ? 'contacts.bulk.topic' : 'contacts.bulk.tag')}
              value={value}
              onChange={(e) => {
                setValue(e.currentTarget.value);
                setMissing(false);
              }}
              error={missing ? t('contacts.bulk.required') : undefined}
              maxLength={kind === 'addTopic' ? 200 : 100}
              mb="sm"
            />
          )}
          <Text size="sm" mb="lg">
            {t('contacts.bulk.appliesTo', { count, n: fmt.number(count) })}
          </Text>
          {error !== undefined && <ErrorNotice error={error} />}
          <Group justify="flex-end" mt="md">
            <Button variant="default" onClick={() => setKind(null)} disabled={busy} data-autofocus={needsValue ? undefined : true}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {t('contacts.bulk.apply')}
            </Button>
          </Group>
        </form>
      </Modal>
    </Paper>
  );
}
