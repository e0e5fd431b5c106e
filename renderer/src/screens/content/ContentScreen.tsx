/** Inhalte: the content library (Meldungen) and the MJML templates, as two tabs with their own addresses. */
import { Stack, Tabs, Text, Title } from '@mantine/core';
import { IconNews, IconTemplate } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useHash } from '../../useHash';
import { itemsHash, parseContentHash, templatesHash } from './contentHash';
import { ItemLibrary } from './ItemLibrary';
import { TemplateEditorPage } from './TemplateEditor';
import { TemplateLibrary } from './TemplateLibrary';

export function ContentScreen() {
  const { t } = useTranslation();
  const location = parseContentHash(useHash());
  return (
    <Stack gap="sm">
      <div>
        <Title order={2}>{t('nav.content')}</Title>
        <Text size="sm" c="dimmed" maw={760}>
          {t('content.intro')}
        </Text>
      </div>
      <Tabs
        value={location.tab}
        onChange={(v) => {
          window.location.hash = v === 'templates' ? templatesHash() : itemsHash();
        }}
        keepMounted={false}
      >
        <Tabs.List>
          <Tabs.Tab value="items" leftSection={<IconNews size={16} aria-hidden="true" />}>
            {t('content.tabs.items')}
          </Tabs.Tab>
          <Tabs.Tab value="templates" leftSection={<IconTemplate size={16} aria-hidden="true" />}>
            {t('content.tabs.templates')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="items" pt="md">
          <ItemLibrary />
        </Tabs.Panel>
        <Tabs.Panel value="templates" pt="md">
          {location.tab === 'templates' && location.templateId !== null ? (
            <TemplateEditorPage key={location.templateId} id={location.templateId} />
          ) : (
            <TemplateLibrary />
          )}
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
