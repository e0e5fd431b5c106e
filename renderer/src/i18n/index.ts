import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { LanguagePreference } from '../../../shared/api';
import type { UiLanguage } from '../../../shared/domain';
import { de } from './de';
import { en } from './en';

/** The OS language, as the browser or Electron reports it; English for anything we don't ship. */
export function systemLanguage(languages: readonly string[] = navigator.languages): UiLanguage {
  for (const l of languages) {
    const base = l.toLowerCase().slice(0, 2);
    if (base === 'de' || base === 'en') return base;
  }
  return 'en';
}

export function effectiveLanguage(pref: LanguagePreference): UiLanguage {
  return pref === 'system' ? systemLanguage() : pref;
}

export async function initI18n(): Promise<typeof i18next> {
  await i18next.use(initReactI18next).init({
    resources: { de: { translation: de }, en: { translation: en } },
    lng: systemLanguage(),
    fallbackLng: 'en',
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
    showSupportNotice: false,
  });
  return i18next;
}

export async function applyLanguage(pref: LanguagePreference): Promise<void> {
  const lng = effectiveLanguage(pref);
  document.documentElement.lang = lng;
  await i18next.changeLanguage(lng);
}
