/**
 * Kontakte with its tabs: the list, the import wizard, contact upkeep, duplicates, and the managed lists
 * of topics and tags. The tab is
 * part of the address (contactsHash.ts), so each has its own history entry and can be linked to.
 */
import { Stack, Tabs, Title } from '@mantine/core';
import { IconCopy, IconFileImport, IconHeartHandshake, IconList, IconTags } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useHash } from '../../useHash';
import { ContactsScreen, lastContactsListHash } from './ContactsScreen';
import { CONTACT_TABS, contactsTabFromHash, tabHash, type ContactsTab } from './contactsHash';
import { DuplicatesScreen } from './DuplicatesScreen';
import { ImportWizard } from '../import/ImportWizard';
import { ListsScreen } from './ListsScreen';
import { UpkeepScreen } from './UpkeepScreen';

const ICONS: Record<ContactsTab, ReactNode> = {
  list: <IconList size={16} aria-hidden="true" />,
  import: <IconFileImport size={16} aria-hidden="true" />,
  upkeep: <IconHeartHandshake size={16} aria-hidden="true" />,
  duplicates: <IconCopy size={16} aria-hidden="true" />,
  lists: <IconTags size={16} aria-hidden="true" />,
};

export function ContactsSection() {
  const { t } = useTranslation();
  const hash = useHash();
  const tab = contactsTabFromHash(hash);

  const go = (next: string | null): void => {
    const target = CONTACT_TABS.find((x) => x === next);
    if (!target || target === tab) return;
    // Back to the list returns to the search the user left it with.
    window.location.hash = target === 'list' ? lastContactsListHash() : tabHash(target);
  };

  return (
    <Stack gap="sm">
      <Title order={2}>{t('nav.contacts')}</Title>
      <Tabs value={tab} onChange={go} keepMounted={false}>
        <Tabs.List aria-label={t('contactTabs.label')} mb="md">
          {CONTACT_TABS.map((x) => (
            <Tabs.Tab key={x} value={x} leftSection={ICONS[x]}>
              {t(`contactTabs.${x}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="list">
          <ContactsScreen />
        </Tabs.Panel>
        <Tabs.Panel value="import">
          <ImportWizard />
        </Tabs.Panel>
        <Tabs.Panel value="upkeep">
          <UpkeepScreen />
        </Tabs.Panel>
        <Tabs.Panel value="duplicates">
          <DuplicatesScreen />
        </Tabs.Panel>
        <Tabs.Panel value="lists">
          <ListsScreen />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
