/**
 * A hand-picked list's members, with removal. All picked persons are listed — also those the audience
 * excludes (no consent, unsubscribed …), since those are exactly the ones someone may want to take off the
 * list; the count panel says who of them would actually receive a mailing. Persons are added in Kontakte,
 * from the table's selection.
 */
import { Alert, Anchor, Badge, Button, Card, Checkbox, Group, Loader, Table, Text, Title } from '@mantine/core';
import { IconInfoCircle, IconUserMinus } from '@tabler/icons-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatFilter } from '../../../../shared/contacts/query';
import { call } from '../../api';
import { ErrorNotice } from '../../ErrorNotice';
import { EMPTY, personName, useFormatters } from '../../format';
import { useApi } from '../../useApi';
import { organisationHash } from '../organisations/orgHash';

/** How many members the table shows at most (the contacts list's page limit). */
const SHOWN = 1000;

export interface StaticMembersProps {
  segmentId: number | null;
  /** The saved name: members are found with `segment:"<name>"`. */
  savedName: string | null;
  /** Called after members were removed, so the count and the saved count refresh. */
  onChanged(): void;
}

export function StaticMembers({ segmentId, savedName, onChanged }: StaticMembersProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const saved = segmentId !== null && savedName !== null;
  return (
    <Card withBorder component="section" aria-labelledby={titleId} padding="md">
      <Alert color="blue" variant="light" icon={<IconInfoCircle />} p="sm" mb="sm">
        <Text size="sm">{saved ? t('segments.members.howToAdd') : t('segments.members.saveFirst')}</Text>
        <Anchor href="#/contacts" size="sm" fw={600}>
          {t('segments.members.toContacts')}
        </Anchor>
      </Alert>
      {saved ? (
        <MemberTable segmentId={segmentId} savedName={savedName} onChanged={onChanged} titleId={titleId} />
      ) : (
        <Title order={3} size="h4" id={titleId}>
          {t('segments.members.title')}
        </Title>
      )}
    </Card>
  );
}

function MemberTable({ segmentId, savedName, onChanged, titleId }: { segmentId: number; savedName: string; onChanged(): void; titleId: string }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const members = useApi('contacts/list', { query: formatFilter({ key: 'segment', op: '=', value: savedName }), limit: SHOWN });
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  const rows = members.data?.rows ?? [];
  const allSelected = rows.length > 0 && rows.every((r) => selected.has(r.id));

  const remove = (): void => {
    if (selected.size === 0) return;
    setBusy(true);
    setError(undefined);
    call('segments/removeMembers', { segmentId, personIds: [...selected] })
      .then(() => {
        setSelected(new Set());
        members.reload();
        onChanged();
      }, setError)
      .finally(() => setBusy(false));
  };

  const toggle = (id: number, on: boolean): void =>
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  return (
    <>
      <Group justify="space-between" mb="xs" wrap="wrap">
        <Title order={3} size="h4" id={titleId}>
          {members.data ? t('segments.members.titleCount', { n: fmt.number(members.data.total) }) : t('segments.members.title')}
        </Title>
        <Button color="red" variant="light" leftSection={<IconUserMinus size={16} aria-hidden="true" />} disabled={selected.size === 0} loading={busy} onClick={remove}>
          {t('segments.members.remove', { n: fmt.number(selected.size) })}
        </Button>
      </Group>
      {error !== undefined && <ErrorNotice error={error} />}
      {members.error !== undefined && <ErrorNotice error={members.error} onRetry={members.reload} />}
      {!members.data && members.loading && <Loader size="sm" aria-label={t('app.loading')} />}
      {members.data && (
        <>
          {rows.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('segments.members.empty')}
            </Text>
          ) : (
            <Table.ScrollContainer minWidth={640} maxHeight={480}>
              <Table stickyHeader fz="sm" verticalSpacing={4} aria-label={t('segments.members.table')}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={40}>
                      <Checkbox
                        aria-label={t('segments.members.selectAll')}
                        checked={allSelected}
                        indeterminate={selected.size > 0 && !allSelected}
                        onChange={(e) => setSelected(e.currentTarget.checked ? new Set(rows.map((r) => r.id)) : new Set())}
                      />
                    </Table.Th>
                    <Table.Th>{t('segments.members.name')}</Table.Th>
                    <Table.Th>{t('segments.members.organisation')}</Table.Th>
                    <Table.Th>{t('segments.members.email')}</Table.Th>
                    <Table.Th w={120}>{t('segments.members.status')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((r) => (
                    <Table.Tr key={r.id}>
                      <Table.Td>
                        <Checkbox aria-label={t('segments.members.select', { name: personName(r) })} checked={selected.has(r.id)} onChange={(e) => toggle(r.id, e.currentTarget.checked)} />
                      </Table.Td>
                      <Table.Td fw={500}>{personName(r)}</Table.Td>
                      <Table.Td>
                        {r.organisationId !== null && r.organisation ? (
                          <Anchor href={organisationHash(r.organisationId)} size="sm">
                            {r.organisation}
                          </Anchor>
                        ) : (
                          EMPTY
                        )}
                      </Table.Td>
                      <Table.Td>{r.email ?? EMPTY}</Table.Td>
                      <Table.Td>
                        <Badge size="sm" variant="light" color={r.status === 'active' ? 'teal' : 'orange'} fw={500}>
                          {t(`statuses.${r.status}`)}
                        </Badge>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          {members.data.total > rows.length && (
            <Text size="xs" c="dimmed" mt="xs">
              {t('segments.members.more', { shown: fmt.number(rows.length), n: fmt.number(members.data.total) })}
            </Text>
          )}
        </>
      )}
    </>
  );
}
