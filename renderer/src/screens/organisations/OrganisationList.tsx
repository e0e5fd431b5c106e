/**
 * The organisation list: search, membership, and the one question contact upkeep keeps asking —
 * which member organisations have nobody who passes our information on?
 */
import { Anchor, Badge, Button, Group, Loader, SegmentedControl, Stack, Switch, Table, Text, TextInput, Title, Tooltip, VisuallyHidden } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconAlertTriangle, IconBuildingPlus, IconSearch } from '@tabler/icons-react';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrganisationRow } from '../../../../shared/contacts/schemas';
import { MEMBERSHIPS, type Membership } from '../../../../shared/domain';
import { ErrorNotice } from '../../ErrorNotice';
import { FormModal } from '../../FormModal';
import { EMPTY, useFormatters } from '../../format';
import { useApi } from '../../useApi';
import { OrganisationForm } from './OrganisationForm';
import { listHash, organisationHash, type ListParams } from './orgHash';

/** Where "back to the list" leads: the list as the user last filtered it in this session. */
let lastListHash = '#/organisations';
export const backToListHash = (): string => lastListHash;

function KeyContacts({ row }: { row: OrganisationRow }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  if (row.membership !== 'member' || row.keyContacts > 0) return <>{fmt.number(row.keyContacts)}</>;
  return (
    <Group gap={6} wrap="nowrap" justify="flex-end">
      <Tooltip label={t('organisations.noKeyContactTip')} multiline w={260} withArrow>
        <span tabIndex={0} role="img" aria-label={t('organisations.noKeyContactTip')} style={{ display: 'inline-flex' }}>
          <IconAlertTriangle size={18} color="var(--mantine-color-orange-6)" aria-hidden="true" />
        </span>
      </Tooltip>
      <Text span c="orange.8" fw={700} size="sm">
        {fmt.number(0)}
      </Text>
    </Group>
  );
}

export function OrganisationList({ initial }: { initial: ListParams }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const [text, setText] = useState(initial.query);
  const [membership, setMembership] = useState<Membership | undefined>(initial.membership);
  const [withoutKeyContact, setWithoutKeyContact] = useState(initial.withoutKeyContact);
  const [debounced] = useDebouncedValue(text, 150);
  const query = debounced.trim();
  const switchId = useId();
  const [creating, setCreating] = useState(false);

  const list = useApi('organisations/list', { query, withoutKeyContact, ...(membership ? { membership } : {}) });
  const missing = useApi('organisations/list', { query, withoutKeyContact: true });

  useEffect(() => {
    const hash = listHash({ query, membership, withoutKeyContact });
    lastListHash = hash;
    if (window.location.hash !== hash) history.replaceState(history.state, '', hash);
  }, [query, membership, withoutKeyContact]);

  const rows = list.data?.rows;
  const missingCount = missing.data?.rows.length;

  const changeMembership = (v: string): void => {
    const m = MEMBERSHIPS.find((x) => x === v);
    setMembership(m);
    // Only members can lack a key contact in this sense; another choice ends that filter.
    if (m !== 'member') setWithoutKeyContact(false);
  };

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="center">
        <Title order={2}>{t('nav.organisations')}</Title>
        <Button leftSection={<IconBuildingPlus size={16} aria-hidden="true" />} onClick={() => setCreating(true)}>
          {t('organisations.create.button')}
        </Button>
      </Group>
      <FormModal opened={creating} title={t('organisations.create.title')} onClose={() => setCreating(false)}>
        {(onDirtyChange) => (
          <OrganisationForm
            onDirtyChange={onDirtyChange}
            onCancel={() => setCreating(false)}
            onSaved={(org) => {
              setCreating(false);
              window.location.hash = organisationHash(org.id);
            }}
          />
        )}
      </FormModal>
      <Group align="flex-end" gap="md" wrap="wrap">
        <TextInput
          flex="1 1 260px"
          label={t('organisations.search')}
          placeholder={t('organisations.searchPlaceholder')}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          leftSection={<IconSearch size={16} aria-hidden="true" />}
          autoComplete="off"
        />
        <div>
          <Text size="sm" fw={500} mb={4} id={`${switchId}-m`}>
            {t('organisations.membership')}
          </Text>
          <SegmentedControl
            aria-labelledby={`${switchId}-m`}
            value={membership ?? 'all'}
            onChange={changeMembership}
            data={[{ value: 'all', label: t('common.all') }, ...MEMBERSHIPS.map((m) => ({ value: m, label: t(`membership.${m}`) }))]}
          />
        </div>
      </Group>
      <Group justify="space-between" gap="sm">
        <Group gap="xs">
          <Switch
            id={switchId}
            label={t('organisations.withoutKeyContact')}
            checked={withoutKeyContact}
            onChange={(e) => {
              const on = e.currentTarget.checked;
              setWithoutKeyContact(on);
              if (on) setMembership('member');
            }}
            color="orange"
          />
          {missingCount !== undefined && (
            <Badge color={missingCount > 0 ? 'orange' : 'teal'} variant="light" aria-hidden="true">
              {fmt.number(missingCount)}
            </Badge>
          )}
        </Group>
        <Text size="sm" fw={600} aria-live="polite">
          {rows ? t('organisations.count', { count: rows.length, n: fmt.number(rows.length) }) : t('app.loading')}
        </Text>
      </Group>

      {list.error !== undefined && <ErrorNotice error={list.error} onRetry={list.reload} />}
      {!rows && list.loading && <Loader aria-label={t('app.loading')} />}
      {rows && (
        <Table.ScrollContainer minWidth={1100} maxHeight="max(320px, calc(100dvh - 290px))">
          <Table stickyHeader highlightOnHover layout="fixed" aria-label={t('organisations.table')} fz="sm" verticalSpacing={6} horizontalSpacing={8}>
            <Table.Thead>
              <Table.Tr style={{ whiteSpace: 'nowrap' }}>
                <Table.Th>{t('organisations.columns.name')}</Table.Th>
                <Table.Th w={168}>{t('organisations.columns.kind')}</Table.Th>
                <Table.Th w={64}>{t('organisations.columns.size')}</Table.Th>
                <Table.Th w={100}>{t('organisations.columns.country')}</Table.Th>
                <Table.Th w={120}>{t('organisations.columns.city')}</Table.Th>
                <Table.Th w={124}>{t('organisations.columns.membership')}</Table.Th>
                <Table.Th w={100}>{t('organisations.columns.funded')}</Table.Th>
                <Table.Th w={84} ta="right">
                  {t('organisations.columns.persons')}
                </Table.Th>
                <Table.Th w={196} ta="right">
                  {t('organisations.columns.keyContacts')}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={9}>
                    <Text c="dimmed" py="lg" ta="center">
                      {query === '' && !membership && !withoutKeyContact ? t('organisations.emptyDatabase') : t('organisations.empty')}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              )}
              {rows.map((o) => (
                <Table.Tr
                  key={o.id}
                  style={{ cursor: 'pointer' }}
                  onClick={(e) => {
                    // The name is a real link (keyboard, middle click); the rest of the row is a bigger target for the mouse.
                    if (e.target instanceof HTMLElement && e.target.closest('a')) return;
                    window.location.hash = organisationHash(o.id);
                  }}
                >
                  <Table.Td>
                    <Anchor href={organisationHash(o.id)} fw={600} size="sm">
                      {o.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{t(`kinds.${o.kind}`)}</Table.Td>
                  <Table.Td>
                    {o.sizeClass ? (
                      <span title={o.employees !== null ? `${fmt.number(o.employees)} ${t('organisations.employees')}` : undefined}>{t(`sizes.${o.sizeClass}`)}</span>
                    ) : (
                      EMPTY
                    )}
                  </Table.Td>
                  <Table.Td>{fmt.country(o.country)}</Table.Td>
                  <Table.Td>{o.city ?? EMPTY}</Table.Td>
                  <Table.Td>{t(`membershipOne.${o.membership}`)}</Table.Td>
                  <Table.Td>
                    {o.funded ? (
                      <Badge size="sm" variant="light" color="teal">
                        {t('organisations.columns.funded')}
                      </Badge>
                    ) : (
                      <VisuallyHidden>{t('common.no')}</VisuallyHidden>
                    )}
                  </Table.Td>
                  <Table.Td ta="right">{fmt.number(o.persons)}</Table.Td>
                  <Table.Td ta="right">
                    <KeyContacts row={o} />
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
