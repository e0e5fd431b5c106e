import { Alert, Stack, Text, Title } from '@mantine/core';
import { IconTools } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Route } from '../routes';

type Upcoming = Exclude<Route, 'dashboard' | 'settings'>;

/** Sections of the product that later versions fill; says honestly what they will do. */
export function SectionIntro({ route }: { route: Upcoming }) {
  const { t } = useTranslation();
  return (
    <Stack maw={720}>
      <Title order={2}>{t(`nav.${route}`)}</Title>
      <Text>{t(`section.${route}`)}</Text>
      <Alert icon={<IconTools />} color="gray" variant="light">
        {t('section.later')}
      </Alert>
    </Stack>
  );
}
