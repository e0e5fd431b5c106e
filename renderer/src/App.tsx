import { Alert, AppShell, Burger, Group, Loader, NavLink, SegmentedControl, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LanguagePreference } from '../../shared/api';
import { call, hasTransport } from './api';
import { ErrorNotice } from './ErrorNotice';
import { applyLanguage, effectiveLanguage } from './i18n';
import { ROUTE_ICONS, ROUTES, routeFromHash, type Route } from './routes';
import { Dashboard } from './screens/Dashboard';
import { SectionIntro } from './screens/SectionIntro';
import { SettingsScreen } from './screens/Settings';

// The contact and organisation screens (tables, wizard) are loaded when first opened, so the dashboard —
// the first screen — starts without their code.
const ContactsSection = lazy(() => import('./screens/contacts/ContactsSection').then((m) => ({ default: m.ContactsSection })));
const OrganisationsScreen = lazy(() => import('./screens/organisations/OrganisationsScreen').then((m) => ({ default: m.OrganisationsScreen })));
const NewslettersScreen = lazy(() => import('./screens/newsletters/NewslettersScreen').then((m) => ({ default: m.NewslettersScreen })));
const SegmentsScreen = lazy(() => import('./screens/segments/SegmentsScreen').then((m) => ({ default: m.SegmentsScreen })));
const ContentScreen = lazy(() => import('./screens/content/ContentScreen').then((m) => ({ default: m.ContentScreen })));

function useHashRoute(): [Route, (r: Route) => void] {
  const [route, setRoute] = useState<Route>(() => routeFromHash(window.location.hash));
  useEffect(() => {
    const onHash = (): void => setRoute(routeFromHash(window.location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const go = useCallback((r: Route) => {
    window.location.hash = `#/${r}`;
  }, []);
  return [route, go];
}

export function App() {
  const { t, i18n } = useTranslation();
  const [route, go] = useHashRoute();
  const [opened, { toggle, close }] = useDisclosure();
  const [language, setLanguage] = useState<LanguagePreference>('system');
  const [startError, setStartError] = useState<unknown>();

  useEffect(() => {
    if (!hasTransport()) return;
    call('settings/get', {}).then(
      (s) => {
        setLanguage(s.language);
        void applyLanguage(s.language);
      },
      setStartError,
    );
  }, []);

  const changeLanguage = useCallback(async (pref: LanguagePreference) => {
    setLanguage(pref);
    await applyLanguage(pref);
    try {
      await call('settings/update', { language: pref });
    } catch (err) {
      setStartError(err);
    }
  }, []);

  useEffect(() => {
    document.title = `${t(`nav.${route}`)} · Spillover`;
  }, [route, t, i18n.language]);

  if (!hasTransport()) {
    return (
      <Alert m="xl" color="yellow" title={t('app.noToken.title')} role="alert">
        {t('app.noToken.body')}
      </Alert>
    );
  }

  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="lg">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.label')} />
            <Title order={3} c="teal.8">
              Spillover
            </Title>
            <Text size="sm" c="dimmed" visibleFrom="md">
              {t('app.tagline')}
            </Text>
          </Group>
          <SegmentedControl
            aria-label={t('app.language')}
            size="xs"
            value={effectiveLanguage(language)}
            onChange={(v) => void changeLanguage(v === 'de' ? 'de' : 'en')}
            data={[
              { value: 'de', label: 'DE' },
              { value: 'en', label: 'EN' },
            ]}
          />
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label={t('nav.label')}>
        {ROUTES.map((r) => {
          const Icon = ROUTE_ICONS[r];
          return (
            <NavLink
              key={r}
              href={`#/${r}`}
              label={t(`nav.${r}`)}
              leftSection={<Icon size={18} stroke={1.6} />}
              active={route === r}
              aria-current={route === r ? 'page' : undefined}
              onClick={(e) => {
                e.preventDefault();
                go(r);
                close();
              }}
            />
          );
        })}
      </AppShell.Navbar>
      <AppShell.Main>
        {startError !== undefined && <ErrorNotice error={startError} />}
        {route === 'dashboard' && <Dashboard onOpenSettings={() => go('settings')} />}
        {route === 'settings' && <SettingsScreen language={language} onLanguage={(l) => void changeLanguage(l)} />}
        <Suspense fallback={<Loader aria-label={t('app.loading')} />}>
          {route === 'contacts' && <ContactsSection />}
          {route === 'organisations' && <OrganisationsScreen />}
          {route === 'segments' && <SegmentsScreen />}
          {route === 'newsletters' && <NewslettersScreen />}
          {route === 'content' && <ContentScreen />}
        </Suspense>
        {route !== 'dashboard' && route !== 'settings' && route !== 'contacts' && route !== 'organisations' && route !== 'segments' && route !== 'content' && route !== 'newsletters' && <SectionIntro route={route} />}
      </AppShell.Main>
    </AppShell>
  );
}
