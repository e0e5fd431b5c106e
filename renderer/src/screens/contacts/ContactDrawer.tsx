/**
 * One person in a drawer: who they are, where they work, how to reach them, the consent history that
 * proves we may write to them, and the change log. Editing happens in place; closing with unsaved
 * changes (Escape, the close button, a click beside the drawer, a link) asks first.
 */
import { Alert, Anchor, Badge, Button, Drawer, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { IconCircleCheck, IconFileExport, IconMailCheck, IconMailOff, IconPencil, IconStarFilled, IconTrash } from '@tabler/icons-react';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactDetail } from '../../../../shared/contacts/schemas';
import { call } from '../../api';
import { ConfirmModal } from '../../ConfirmModal';
import { ErrorNotice } from '../../ErrorNotice';
import { downloadPayload } from '../../files';
import { EMPTY, personName, useFormatters } from '../../format';
import { useApi } from '../../useApi';
import { ChangeLog } from '../ChangeLog';
import { ConsentForm, type ConsentAction } from './ConsentForm';
import { ContactForm } from './ContactForm';
import { EraseDialog } from './EraseDialog';
import { BadgeList } from '../../BadgeList';

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap="xs" component="section" aria-label={title}>
      <Title order={4}>{title}</Title>
      {children}
    </Stack>
  );
}

function Facts({ items }: { items: [string, ReactNode][] }) {
  return (
    <Table variant="vertical" withTableBorder={false} layout="fixed" verticalSpacing={4}>
      <Table.Tbody>
        {items.map(([label, value]) => (
          <Table.Tr key={label}>
            <Table.Th w={170} fw={500} c="dimmed" bg="transparent">
              {label}
            </Table.Th>
            <Table.Td style={{ overflowWrap: 'anywhere' }}>{value ?? EMPTY}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}


/** "Frau Dr. Katrin Weiß": the salutation only where there is one to say. */
function displayName(d: ContactDetail, salutation: string): string {
  const name = personName(d);
  return d.salutation === 'frau' || d.salutation === 'herr' ? `${salutation} ${name}` : name;
}

interface PaneProps {
  id: number;
  onSaved?(detail: ContactDetail): void;
  onDirtyChange(dirty: boolean): void;
  onNavigate(href: string): void;
  onErase(detail: ContactDetail): void;
  /** A question of the pane's own (withdrawing consent) is open: Escape is for it, not for the drawer. */
  onAskingChange(asking: boolean): void;
}

/** Data-subject rights: a copy of everything stored about the person, and erasure. */
function Privacy({ detail, onErase }: { detail: ContactDetail; onErase(): void }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState<string>();
  const exportJson = (): void => {
    setBusy(true);
    setError(undefined);
    setDone(undefined);
    call('contacts/exportPersonal', { id: detail.id })
      .then((file) => {
        downloadPayload(file);
        setDone(t('contacts.export.done', { file: file.fileName }));
      }, setError)
      .finally(() => setBusy(false));
  };
  return (
    <Section title={t('contacts.privacy.title')}>
      <Text size="sm" c="dimmed">
        {t('contacts.privacy.text')}
      </Text>
      <Group gap="xs">
        <Button size="xs" variant="default" loading={busy} leftSection={<IconFileExport size={14} aria-hidden="true" />} onClick={exportJson}>
          {t('contacts.privacy.exportJson')}
        </Button>
        <Button size="xs" variant="light" color="red" leftSection={<IconTrash size={14} aria-hidden="true" />} onClick={onErase}>
          {t('contacts.privacy.erase')}
        </Button>
      </Group>
      {done && (
        <Text size="sm" c="teal.8" role="status">
          {done}
        </Text>
      )}
      {error !== undefined && <ErrorNotice error={error} />}
    </Section>
  );
}

function ContactPane({ id, onSaved, onDirtyChange, onNavigate, onErase, onAskingChange }: PaneProps) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const api = useApi('contacts/get', { id });
  const [saved, setSaved] = useState<ContactDetail>();
  const [editing, setEditing] = useState(false);
  const [message, setMessage] = useState<string>();
  const [consentAction, setConsentAction] = useState<ConsentAction | null>(null);
  const [consentMessage, setConsentMessage] = useState<string>();
  const detail = saved ?? api.data;

  const header = (title: string) => (
    <Drawer.Header>
      <Drawer.Title fz="xl" fw={700}>
        {title}
      </Drawer.Title>
      <Drawer.CloseButton aria-label={t('common.close')} />
    </Drawer.Header>
  );

  if (!detail) {
    return (
      <>
        {header(t('app.loading'))}
        <Drawer.Body>{api.error !== undefined ? <ErrorNotice error={api.error} onRetry={api.reload} /> : <Loader aria-label={t('app.loading')} />}</Drawer.Body>
      </>
    );
  }

  const d = detail;
  const consentState = (given: boolean) => (
    <Badge variant="light" color={given ? 'teal' : 'gray'}>
      {t(given ? 'contacts.detail.consentGiven' : 'contacts.detail.consentMissing')}
    </Badge>
  );

  return (
    <>
      {header(displayName(d, t(`salutations.${d.salutation}`)))}
      <Drawer.Body>
        <Stack gap="lg">
          <Group justify="space-between" align="flex-start">
            <Group gap="xs">
              {d.function && <Text size="sm">{d.function}</Text>}
              {d.keyContact && (
                <Badge color="teal" leftSection={<IconStarFilled size={10} aria-hidden="true" />} title={t('contacts.detail.keyContactExplain')}>
                  {t('contacts.detail.keyContactYes')}
                </Badge>
              )}
              <Badge variant="light" color={d.status === 'active' ? 'teal' : d.status === 'bounced' ? 'red' : 'gray'}>
                {t(`statuses.${d.status}`)}
              </Badge>
            </Group>
            {!editing && consentAction === null && (
              <Button
                size="xs"
                variant="light"
                leftSection={<IconPencil size={14} aria-hidden="true" />}
                onClick={() => {
                  setMessage(undefined);
                  setEditing(true);
                }}
              >
                {t('common.edit')}
              </Button>
            )}
          </Group>

          {message && (
            <Alert color="teal" icon={<IconCircleCheck />} role="status" py="xs">
              {message}
            </Alert>
          )}

          {editing ? (
            <ContactForm
              detail={d}
              onDirtyChange={onDirtyChange}
              onCancel={() => {
                onDirtyChange(false);
                setEditing(false);
              }}
              onUnchanged={() => {
                setEditing(false);
                setMessage(t('contacts.form.nothingChanged'));
              }}
              onSaved={(next) => {
                setSaved(next);
                setEditing(false);
                setMessage(t('contacts.form.saved'));
                onSaved?.(next);
              }}
            />
          ) : (
            <>
              <Section title={t('contacts.detail.organisations')}>
                {d.organisations.length === 0 ? (
                  <Text size="sm" c="dimmed">
                    {t('contacts.detail.noneYet')}
                  </Text>
                ) : (
                  <Stack gap={6}>
                    {d.organisations.map((o) => (
                      <div key={o.id}>
                        <Anchor
                          href={`#/organisations/${o.id}`}
                          fw={600}
                          size="sm"
                          onClick={(e) => {
                            e.preventDefault();
                            onNavigate(`#/organisations/${o.id}`);
                          }}
                        >
                          {o.name}
                        </Anchor>
                        {o.isPrimary && d.organisations.length > 1 && (
                          <Badge ml="xs" size="xs" variant="outline">
                            {t('contacts.detail.primary')}
                          </Badge>
                        )}
                        {(o.role || o.department) && (
                          <Text size="sm" c="dimmed">
                            {[o.role, o.department].filter(Boolean).join(' · ')}
                          </Text>
                        )}
                      </div>
                    ))}
                  </Stack>
                )}
              </Section>

              <Section title={t('contacts.detail.contact')}>
                <Facts
                  items={[
                    [t('contacts.fields.email'), d.email ? <Anchor href={`mailto:${d.email}`} size="sm">{d.email}</Anchor> : EMPTY],
                    [t('contacts.fields.phone'), d.phone ?? EMPTY],
                    [t('contacts.fields.mobile'), d.mobile ?? EMPTY],
                    [t('contacts.fields.language'), `${fmt.languageName(d.language)} (${d.language})`],
                  ]}
                />
              </Section>

              <Section title={t('contacts.detail.upkeep')}>
                <Facts
                  items={[
                    [t('contacts.fields.keyContact'), d.keyContact ? t('common.yes') : t('common.no')],
                    [t('contacts.fields.status'), t(`statuses.${d.status}`)],
                    [t('contacts.fields.lastVerified'), d.lastVerified ? fmt.date(d.lastVerified) : t('common.never')],
                    [t('contacts.fields.recontactOn'), fmt.date(d.recontactOn)],
                    [t('contacts.detail.source'), d.source ?? EMPTY],
                    [t('contacts.detail.created'), fmt.dateTime(d.createdAt)],
                    [t('contacts.detail.updated'), fmt.dateTime(d.updatedAt)],
                  ]}
                />
              </Section>

              <Section title={t('contacts.detail.topics')}>
                <BadgeList values={d.topics} empty={t('contacts.detail.noneYet')} />
              </Section>
              <Section title={t('contacts.detail.interests')}>
                <BadgeList values={d.interests.map((k) => t(`interests.${k}`))} empty={t('contacts.detail.noneYet')} />
              </Section>
              <Section title={t('contacts.detail.tags')}>
                <BadgeList values={d.tags} empty={t('contacts.detail.noneYet')} />
              </Section>
              <Section title={t('contacts.detail.regions')}>
                <BadgeList values={d.regions} empty={t('contacts.detail.noneYet')} />
              </Section>
              {d.notes && (
                <Section title={t('contacts.detail.notes')}>
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                    {d.notes}
                  </Text>
                </Section>
              )}
            </>
          )}

          <Section title={t('contacts.detail.consents')}>
            <Group gap="md">
              <Group gap={6}>
                <Text size="sm">{t('contacts.detail.consentNewsletter')}:</Text>
                {consentState(d.newsletterConsent)}
              </Group>
              <Group gap={6}>
                <Text size="sm">{t('contacts.detail.consentMailing')}:</Text>
                {consentState(d.mailingConsent)}
              </Group>
            </Group>
            {consentMessage && (
              <Alert color="teal" icon={<IconCircleCheck />} role="status" py="xs">
                {consentMessage}
              </Alert>
            )}
            {!editing && consentAction === null && (
              <Stack gap={4}>
                <Group gap="xs">
                  {(['given', 'withdrawn'] as const).map((a) => (
                    <Button
                      key={a}
                      size="xs"
                      variant={a === 'given' ? 'light' : 'default'}
                      color={a === 'given' ? 'teal' : undefined}
                      disabled={!d.email}
                      leftSection={a === 'given' ? <IconMailCheck size={14} aria-hidden="true" /> : <IconMailOff size={14} aria-hidden="true" />}
                      onClick={() => {
                        setConsentMessage(undefined);
                        setConsentAction(a);
                      }}
                    >
                      {t(a === 'given' ? 'contacts.consent.give' : 'contacts.consent.withdraw')}
                    </Button>
                  ))}
                </Group>
                {!d.email && (
                  <Text size="xs" c="dimmed">
                    {t('contacts.consent.noEmail')}
                  </Text>
                )}
              </Stack>
            )}
            {consentAction !== null && (
              <ConsentForm
                detail={d}
                action={consentAction}
                onDirtyChange={onDirtyChange}
                onAskingChange={onAskingChange}
                onCancel={() => {
                  onDirtyChange(false);
                  setConsentAction(null);
                }}
                onSaved={(next, action) => {
                  setSaved(next);
                  setConsentAction(null);
                  setConsentMessage(t(action === 'given' ? 'contacts.consent.savedGiven' : 'contacts.consent.savedWithdrawn'));
                  onSaved?.(next);
                }}
              />
            )}
            {d.consents.length === 0 ? (
              // While the form is open, its own note says the same.
              consentAction === null && (
                <Text size="sm" c="dimmed">
                  {t('contacts.detail.noConsents')}
                </Text>
              )
            ) : (
              <Table.ScrollContainer minWidth={640}>
                <Table fz="xs" verticalSpacing={6} striped aria-label={t('contacts.detail.consents')}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('contacts.detail.consentPurpose')}</Table.Th>
                      <Table.Th>{t('contacts.detail.consentAction')}</Table.Th>
                      <Table.Th>{t('contacts.detail.consentAt')}</Table.Th>
                      <Table.Th>{t('contacts.detail.consentSource')}</Table.Th>
                      <Table.Th>{t('contacts.detail.consentWording')}</Table.Th>
                      <Table.Th>{t('contacts.detail.consentEvidence')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {d.consents.map((c) => (
                      <Table.Tr key={c.id}>
                        <Table.Td>{t(`consentPurposes.${c.purpose}`)}</Table.Td>
                        <Table.Td>
                          <Badge size="xs" variant="light" color={c.action === 'given' ? 'teal' : 'orange'}>
                            {t(`consentActions.${c.action}`)}
                          </Badge>
                        </Table.Td>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>{fmt.dateTime(c.at)}</Table.Td>
                        <Table.Td>
                          {c.source}
                          {c.email !== d.email && (
                            <Text fz="xs" c="dimmed">
                              {t('contacts.detail.consentForAddress', { email: c.email })}
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td>{c.wordingVersion ?? EMPTY}</Table.Td>
                        <Table.Td>{c.evidence ?? EMPTY}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
          </Section>

          <Section title={t('contacts.detail.history')}>
            <ChangeLog entries={d.history} label={t('contacts.detail.history')} />
          </Section>

          {!editing && <Privacy detail={d} onErase={() => onErase(d)} />}
        </Stack>
      </Drawer.Body>
    </>
  );
}

export interface ContactDrawerProps {
  /** The person to show; null closes the drawer. */
  personId: number | null;
  onClose(): void;
  onSaved?(detail: ContactDetail): void;
  /** After an erasure; the drawer has closed itself by then. */
  onErased?(id: number, name: string): void;
}

export function ContactDrawer({ personId, onClose, onSaved, onErased }: ContactDrawerProps) {
  const { t } = useTranslation();
  // Keep showing the last person while the drawer slides out.
  const [lastId, setLastId] = useState<number | null>(null);
  useEffect(() => {
    if (personId !== null) setLastId(personId);
  }, [personId]);
  const shownId = personId ?? lastId;
  const dirty = useRef(false);
  const [pending, setPending] = useState<(() => void) | null>(null);
  const [erasing, setErasing] = useState<ContactDetail | null>(null);
  const [asking, setAsking] = useState(false);

  const onDirtyChange = useCallback((d: boolean) => {
    dirty.current = d;
  }, []);

  const leave = useCallback(
    (then?: () => void) => {
      const go = (): void => {
        dirty.current = false;
        onClose();
        then?.();
      };
      if (dirty.current) setPending(() => go);
      else go();
    },
    [onClose],
  );

  return (
    <>
      {/* Mantine closes every open overlay on Escape (a window listener); while the erase dialog is open, Escape is the dialog's alone. */}
      <Drawer.Root
        opened={personId !== null}
        onClose={() => leave()}
        closeOnEscape={erasing === null && !asking}
        position="right"
        size="xl"
        onExitTransitionEnd={() => setLastId(null)}
      >
        <Drawer.Overlay />
        <Drawer.Content>
          {shownId !== null && (
            <ContactPane
              key={shownId}
              id={shownId}
              onSaved={onSaved}
              onDirtyChange={onDirtyChange}
              onErase={setErasing}
              onAskingChange={setAsking}
              onNavigate={(href) =>
                leave(() => {
                  window.location.hash = href;
                })
              }
            />
          )}
        </Drawer.Content>
      </Drawer.Root>
      <EraseDialog
        person={erasing}
        onCancel={() => setErasing(null)}
        onErased={(person) => {
          setErasing(null);
          dirty.current = false;
          onClose();
          onErased?.(person.id, personName(person));
        }}
      />
      <ConfirmModal
        opened={pending !== null}
        title={t('contacts.unsaved.title')}
        cancelLabel={t('contacts.unsaved.keep')}
        confirmLabel={t('contacts.unsaved.discard')}
        confirmColor="red"
        onCancel={() => setPending(null)}
        onConfirm={() => {
          const go = pending;
          setPending(null);
          go?.();
        }}
      >
        {t('contacts.unsaved.body')}
      </ConfirmModal>
    </>
  );
}
