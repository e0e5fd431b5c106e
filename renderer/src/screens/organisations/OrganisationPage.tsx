/** One organisation: what it is, who works there (and who passes information on), its R&D projects, its history. */
import { Alert, Anchor, Badge, Button, Card, Group, Loader, SimpleGrid, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { IconAlertTriangle, IconArrowLeft, IconCircleCheck, IconExternalLink, IconMailCheck, IconMailOff, IconPencil } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrganisationDetail } from '../../../../shared/contacts/schemas';
import { ErrorNotice } from '../../ErrorNotice';
import { FormModal } from '../../FormModal';
import { EMPTY, personName, useFormatters } from '../../format';
import { useApi } from '../../useApi';
import { ChangeLog } from '../ChangeLog';
import { ContactDrawer } from '../contacts/ContactDrawer';
import { OrganisationForm } from './OrganisationForm';
import { backToListHash } from './OrganisationList';
import { BadgeList } from '../../BadgeList';

/** Only https addresses become links: anything else could run script or open a local file. */
export function safeWebsite(url: string | null): URL | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' ? u : undefined;
  } catch {
    return undefined;
  }
}

function Section({ title, children, action }: { title: string; children: ReactNode; action?: ReactNode }) {
  return (
    <Card withBorder component="section" aria-label={title}>
      <Group justify="space-between" mb="sm">
        <Title order={4}>{title}</Title>
        {action}
      </Group>
      {children}
    </Card>
  );
}


function People({ org, onOpen }: { org: OrganisationDetail; onOpen: (id: number) => void }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  if (org.people.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('organisations.noPeople')}
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table highlightOnHover fz="sm" verticalSpacing={6} aria-label={t('organisations.people')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('contacts.columns.name')}</Table.Th>
            <Table.Th>{t('contacts.fields.function')}</Table.Th>
            <Table.Th>{t('contacts.columns.email')}</Table.Th>
            <Table.Th w={150}>{t('contacts.columns.keyContact')}</Table.Th>
            <Table.Th w={110}>{t('contacts.columns.status')}</Table.Th>
            <Table.Th w={124}>{t('contacts.columns.lastVerified')}</Table.Th>
            <Table.Th w={110}>{t('contacts.columns.consent')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {org.people.map((p) => (
            <Table.Tr key={p.id} style={{ cursor: 'pointer' }} onClick={() => onOpen(p.id)}>
              <Table.Td>
                <Anchor
                  component="button"
                  type="button"
                  fw={600}
                  size="sm"
                  ta="left"
                  onClick={(e) => {
                    e.stopPropagation();
                    onOpen(p.id);
                  }}
                >
                  {personName(p)}
                </Anchor>
              </Table.Td>
              <Table.Td>{p.function ?? EMPTY}</Table.Td>
              <Table.Td style={{ overflowWrap: 'anywhere' }}>{p.email ?? EMPTY}</Table.Td>
              <Table.Td>
                {p.keyContact ? (
                  <Badge size="sm" variant="light" color="teal">
                    {t('common.yes')}
                  </Badge>
                ) : (
                  <VisuallyHidden>{t('common.no')}</VisuallyHidden>
                )}
              </Table.Td>
              <Table.Td>
                {p.status === 'active' ? (
                  <Text span size="sm" c="dimmed">
                    {t('statuses.active')}
                  </Text>
                ) : (
                  <Badge size="sm" variant="light" color={p.status === 'bounced' ? 'red' : 'gray'}>
                    {t(`statuses.${p.status}`)}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{p.lastVerified ? fmt.date(p.lastVerified) : t('common.never')}</Table.Td>
              <Table.Td>
                {p.newsletterConsent ? (
                  <IconMailCheck size={18} color="var(--mantine-color-teal-7)" role="img" aria-label={t('contacts.consentYes')} />
                ) : (
                  <IconMailOff size={18} color="var(--mantine-color-gray-5)" role="img" aria-label={t('contacts.consentNo')} />
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function OrganisationPage({ id }: { id: number }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const api = useApi('organisations/get', { id });
  const [personId, setPersonId] = useState<number | null>(null);
  const [editing, setEditing] = useState(false);
  const [message, setMessage] = useState<string>();

  const back = (
    <Anchor href={backToListHash()} size="sm">
      <Group gap={4} component="span">
        <IconArrowLeft size={14} aria-hidden="true" />
        {t('organisations.back')}
      </Group>
    </Anchor>
  );

  if (api.error !== undefined) {
    return (
      <Stack>
        {back}
        <ErrorNotice error={api.error} onRetry={api.reload} />
      </Stack>
    );
  }
  const o = api.data;
  if (!o) return <Loader aria-label={t('app.loading')} />;

  const website = safeWebsite(o.website);
  const noKeyContact = o.membership === 'member' && o.keyContacts === 0;
  const address = [o.street, [o.postcode, o.city].filter(Boolean).join(' '), o.region, o.country ? fmt.country(o.country) : null].filter((s) => !!s);
  const contactsHref = `#/contacts?q=${encodeURIComponent(`org:"${o.name.replaceAll('"', '')}"`)}`;
  const facts: [string, ReactNode][] = [
    [t('organisations.kind'), t(`kinds.${o.kind}`)],
    [
      t('organisations.employees'),
      o.employees === null ? EMPTY : o.sizeClass ? t('organisations.employeesValue', { n: fmt.number(o.employees), size: t(`sizes.${o.sizeClass}`) }) : fmt.number(o.employees),
    ],
    [
      t('organisations.address'),
      address.length === 0
        ? EMPTY
        : address.map((line) => (
            <Text key={line} size="sm">
              {line}
            </Text>
          )),
    ],
    [
      t('organisations.website'),
      website ? (
        <Anchor href={website.href} target="_blank" rel="noopener noreferrer" size="sm">
          <Group gap={4} component="span" wrap="nowrap">
            {website.host + (website.pathname === '/' ? '' : website.pathname)}
            <IconExternalLink size={14} aria-hidden="true" />
          </Group>
        </Anchor>
      ) : (
        (o.website ?? EMPTY)
      ),
    ],
    [t('organisations.membershipLabel'), t(`membershipOne.${o.membership}`)],
    [t('organisations.funding'), t(o.funded ? 'organisations.fundedYes' : 'organisations.fundedNo')],
  ];

  return (
    <Stack gap="md">
      {back}
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <div>
          <Title order={2}>{o.name}</Title>
          <Group gap="xs" mt={6}>
            <Badge variant="light">{t(`kinds.${o.kind}`)}</Badge>
            <Badge variant="light" color={o.membership === 'member' ? 'teal' : 'gray'}>
              {t(`membershipOne.${o.membership}`)}
            </Badge>
            {o.funded && (
              <Badge variant="light" color="teal">
                {t('organisations.columns.funded')}
              </Badge>
            )}
          </Group>
        </div>
        <Button
          variant="light"
          leftSection={<IconPencil size={16} aria-hidden="true" />}
          onClick={() => {
            setMessage(undefined);
            setEditing(true);
          }}
        >
          {t('organisations.edit.button')}
        </Button>
      </Group>

      {message && (
        <Alert color="teal" icon={<IconCircleCheck />} role="status" py="xs" withCloseButton onClose={() => setMessage(undefined)} closeButtonLabel={t('common.close')}>
          {message}
        </Alert>
      )}

      <FormModal opened={editing} title={t('organisations.edit.title')} onClose={() => setEditing(false)}>
        {(onDirtyChange) => (
          <OrganisationForm
            detail={o}
            onDirtyChange={onDirtyChange}
            onCancel={() => setEditing(false)}
            onUnchanged={() => {
              setEditing(false);
              setMessage(t('organisations.edit.nothingChanged'));
            }}
            onSaved={() => {
              setEditing(false);
              setMessage(t('organisations.edit.saved'));
              api.reload();
            }}
          />
        )}
      </FormModal>

      {noKeyContact && (
        <Alert color="orange" variant="light" icon={<IconAlertTriangle />} title={t('organisations.noKeyContactTitle')} role="alert">
          {t('organisations.noKeyContact')}
        </Alert>
      )}

      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Section title={t('organisations.details')}>
          <Table variant="vertical" withTableBorder={false} layout="fixed" verticalSpacing={4} fz="sm">
            <Table.Tbody>
              {facts.map(([label, value]) => (
                <Table.Tr key={label}>
                  <Table.Th w={150} fw={500} c="dimmed" bg="transparent">
                    {label}
                  </Table.Th>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>{value}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {o.notes && (
            <Text size="sm" mt="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {o.notes}
            </Text>
          )}
        </Section>
        <Stack gap="md">
          <Section title={t('organisations.topics')}>
            <BadgeList values={o.topics} empty={t('organisations.none')} />
          </Section>
          <Section title={t('organisations.networks')}>
            <BadgeList values={o.networks} empty={t('organisations.none')} />
          </Section>
        </Stack>
      </SimpleGrid>

      <Section title={t('organisations.projects')}>
        {o.projects.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('organisations.noProjects')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={640}>
            <Table fz="sm" verticalSpacing={6} aria-label={t('organisations.projects')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('organisations.project')}</Table.Th>
                  <Table.Th w={160}>{t('organisations.role')}</Table.Th>
                  <Table.Th w={130}>{t('organisations.columns.funded')}</Table.Th>
                  <Table.Th w={240}>{t('organisations.partnerRegions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {o.projects.map((p) => (
                  <Table.Tr key={p.id}>
                    <Table.Td>
                      <Text fw={600} size="sm">
                        {p.acronym}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {p.title}
                      </Text>
                    </Table.Td>
                    <Table.Td>{p.role ?? EMPTY}</Table.Td>
                    <Table.Td>
                      {p.funded ? (
                        <Badge size="sm" variant="light" color="teal">
                          {t('organisations.columns.funded')}
                        </Badge>
                      ) : (
                        <Text span size="sm" c="dimmed">
                          {t('organisations.fundedNo')}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{p.regions.join(', ') || EMPTY}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Section>

      <Section
        title={t('organisations.people')}
        action={
          o.people.length > 0 && (
            <Anchor href={contactsHref} size="sm">
              {t('organisations.showInContacts')}
            </Anchor>
          )
        }
      >
        <People org={o} onOpen={setPersonId} />
      </Section>

      <Section title={t('organisations.history')}>
        <ChangeLog entries={o.history} label={t('organisations.history')} />
      </Section>

      <ContactDrawer personId={personId} onClose={() => setPersonId(null)} onSaved={api.reload} onErased={api.reload} />
    </Stack>
  );
}
