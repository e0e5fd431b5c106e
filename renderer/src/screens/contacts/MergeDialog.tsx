/**
 * Merging two persons: which one stays, and for every field where they differ, whose value counts. The
 * server moves consents, history, organisations, topics and tags of the other person over; the address
 * not kept as the main one stays as a further address.
 */
import { Alert, Button, Group, Loader, Modal, Radio, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { ContactDetail, ContactRow, MergeField } from '../../../../shared/contacts/schemas';
import { call } from '../../api';
import { ErrorNotice } from '../../ErrorNotice';
import { personName, useFormatters, type Formatters } from '../../format';
import { defaultChoices, FIELDS, mergeValue, type Choice } from './mergeModel';


function shown(d: ContactDetail, f: MergeField, t: TFunction, fmt: Formatters): string {
  const v = mergeValue(d, f);
  if (v === null) return t('duplicates.empty');
  if (f === 'salutation') return t(`salutations.${d.salutation}`);
  if (f === 'language') return `${fmt.languageName(v)} (${v})`;
  return v.length > 140 ? `${v.slice(0, 140)}…` : v;
}

export interface MergeDialogProps {
  /** The persons of one duplicate group; null closes the dialog. */
  persons: ContactRow[] | null;
  onClose(): void;
  onMerged(kept: ContactDetail, otherName: string): void;
}

export function MergeDialog({ persons, onClose, onMerged }: MergeDialogProps) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const [details, setDetails] = useState<ContactDetail[]>();
  const [loadError, setLoadError] = useState<unknown>();
  const [keepId, setKeepId] = useState<number>();
  const [otherId, setOtherId] = useState<number>();
  const [choices, setChoices] = useState<Partial<Record<MergeField, Choice>>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  // Full records: the list rows lack phone, mobile and notes, which the choice needs.
  useEffect(() => {
    setDetails(undefined);
    setLoadError(undefined);
    setError(undefined);
    if (!persons) return;
    let live = true;
    Promise.all(persons.map((p) => call('contacts/get', { id: p.id }))).then(
      (all) => {
        if (!live) return;
        setDetails(all);
        // The older record stays by default: it is the one other lists and links already know.
        const [first, second] = [...all].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id - b.id);
        setKeepId(first?.id);
        setOtherId(second?.id);
      },
      (err: unknown) => live && setLoadError(err),
    );
    return () => {
      live = false;
    };
  }, [persons]);

  const keep = details?.find((d) => d.id === keepId);
  const other = details?.find((d) => d.id === otherId && d.id !== keepId);
  useEffect(() => {
    if (keep && other) setChoices(defaultChoices(keep, other));
  }, [keep, other]);

  const differing = useMemo(() => FIELDS.filter((f) => choices[f] !== undefined), [choices]);

  const chooseKeep = (v: string): void => {
    const id = Number(v);
    setKeepId(id);
    // The other one must stay a different person.
    if (id === otherId) setOtherId(details?.find((d) => d.id !== id)?.id);
  };

  const submit = (): void => {
    if (!keep || !other) return;
    setBusy(true);
    setError(undefined);
    const take = FIELDS.filter((f) => choices[f] === 'other');
    call('contacts/merge', { keepId: keep.id, otherId: other.id, take })
      .then((kept) => onMerged(kept, personName(other)), setError)
      .finally(() => setBusy(false));
  };

  // Both often have the same name: the address tells them apart, so it is part of the radio's name.
  const label = (d: ContactDetail): string => (d.email ? `${personName(d)} (${d.email})` : personName(d));
  const describe = (d: ContactDetail): string => [d.organisations[0]?.name, t('duplicates.created', { date: fmt.dateTime(d.createdAt) })].filter(Boolean).join(' · ');

  return (
    <Modal opened={persons !== null} onClose={() => !busy && onClose()} title={t('duplicates.mergeTitle')} size="xl" centered>
      {loadError !== undefined && <ErrorNotice error={loadError} />}
      {!details && loadError === undefined && <Loader aria-label={t('app.loading')} />}
      {details && keep && other && (
        <Stack gap="md">
          <Radio.Group label={t('duplicates.keep')} value={String(keep.id)} onChange={chooseKeep}>
            <Stack gap={6} mt={6}>
              {details.map((d) => (
                <Radio key={d.id} value={String(d.id)} label={label(d)} description={describe(d)} />
              ))}
            </Stack>
          </Radio.Group>
          {details.length > 2 && (
            <Select
              label={t('duplicates.with')}
              data={details.filter((d) => d.id !== keep.id).map((d) => ({ value: String(d.id), label: label(d) }))}
              value={String(other.id)}
              onChange={(v) => v && setOtherId(Number(v))}
              allowDeselect={false}
            />
          )}

          <div>
            <Text fw={600} size="sm" mb={4}>
              {t('duplicates.fields')}
            </Text>
            {differing.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('duplicates.noDifferences')}
              </Text>
            ) : (
              <Stack gap="sm">
                <SimpleGrid cols={2} spacing="md" aria-hidden="true">
                  <Text size="xs" c="dimmed" fw={600}>
                    {t('duplicates.fromKept', { name: label(keep) })}
                  </Text>
                  <Text size="xs" c="dimmed" fw={600}>
                    {t('duplicates.fromOther', { name: label(other) })}
                  </Text>
                </SimpleGrid>
                {differing.map((f) => (
                  <Radio.Group
                    key={f}
                    label={t(`contacts.fields.${f}`)}
                    value={choices[f] ?? 'keep'}
                    onChange={(v) => setChoices((c) => ({ ...c, [f]: v === 'other' ? 'other' : 'keep' }))}
                  >
                    <SimpleGrid cols={2} spacing="md" mt={4}>
                      <Radio value="keep" label={shown(keep, f, t, fmt)} styles={{ label: { overflowWrap: 'anywhere' } }} />
                      <Radio value="other" label={shown(other, f, t, fmt)} styles={{ label: { overflowWrap: 'anywhere' } }} />
                    </SimpleGrid>
                  </Radio.Group>
                ))}
              </Stack>
            )}
          </div>

          <Alert color="blue" variant="light" icon={<IconInfoCircle />}>
            {t('duplicates.explain')}
          </Alert>
          {error !== undefined && <ErrorNotice error={error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={busy}>
              {t('common.cancel')}
            </Button>
            <Button onClick={submit} loading={busy}>
              {t('duplicates.confirm', { name: personName(other) })}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
