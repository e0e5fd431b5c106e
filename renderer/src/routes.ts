import {
  IconAddressBook,
  IconBuildingFactory2,
  IconCalendarStats,
  IconChartPie,
  IconFilter,
  IconMailbox,
  IconNews,
  IconSend,
  IconSettings,
} from '@tabler/icons-react';
import type { ComponentType } from 'react';

export const ROUTES = ['dashboard', 'contacts', 'organisations', 'segments', 'content', 'newsletters', 'plans', 'sending', 'settings'] as const;
export type Route = (typeof ROUTES)[number];

export const ROUTE_ICONS: Record<Route, ComponentType<{ size?: number; stroke?: number }>> = {
  dashboard: IconChartPie,
  contacts: IconAddressBook,
  organisations: IconBuildingFactory2,
  segments: IconFilter,
  content: IconNews,
  newsletters: IconMailbox,
  plans: IconCalendarStats,
  sending: IconSend,
  settings: IconSettings,
};

/** Routes live in the hash (`#/settings`) so reloads and the back button work without a server router. */
export function routeFromHash(hash: string): Route {
  const name = hash.replace(/^#\/?/, '').split(/[/?&]/)[0] ?? '';
  return (ROUTES as readonly string[]).includes(name) ? (name as Route) : 'dashboard';
}
