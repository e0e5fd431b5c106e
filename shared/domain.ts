/**
 * The domain's closed vocabularies. Every list here is stored verbatim in SQLite CHECK constraints and
 * translated in the renderer, so the codes are stable English identifiers; labels live in the UI's
 * translation files, never here.
 */
import { z } from 'zod';

/** Organisation kinds as the cluster research distinguishes them (DOMAIN.md "Who receives what"). */
export const ORGANISATION_KINDS = [
  'micro_firm',
  'small_firm',
  'medium_firm',
  'large_firm',
  'startup',
  'research_institute',
  'university',
  'cluster_management',
  'association',
  'public_body',
  'investor',
  'other',
] as const;
export const OrganisationKind = z.enum(ORGANISATION_KINDS);
export type OrganisationKind = z.infer<typeof OrganisationKind>;

/** Inside vs outside the cluster: knowledge flows mostly inside, where trust is. */
export const MEMBERSHIPS = ['member', 'partner_abroad', 'external'] as const;
export const Membership = z.enum(MEMBERSHIPS);
export type Membership = z.infer<typeof Membership>;

export const SALUTATIONS = ['frau', 'herr', 'divers', 'none'] as const;
export const Salutation = z.enum(SALUTATIONS);
export type Salutation = z.infer<typeof Salutation>;

export const PERSON_STATUSES = ['active', 'unsubscribed', 'bounced', 'erased'] as const;
export const PersonStatus = z.enum(PERSON_STATUSES);
export type PersonStatus = z.infer<typeof PersonStatus>;

/** The four kinds of information — exactly these (DOMAIN.md, 001:150-163). */
export const INFORMATION_KINDS = ['technological_knowledge', 'foreign_markets', 'foreign_contacts', 'other'] as const;
export const InformationKind = z.enum(INFORMATION_KINDS);
export type InformationKind = z.infer<typeof InformationKind>;

/** Purposes a person can consent to; kept per purpose because UWG §7 consent is purpose-bound. */
export const CONSENT_PURPOSES = ['newsletter', 'mailing'] as const;
export const ConsentPurpose = z.enum(CONSENT_PURPOSES);
export type ConsentPurpose = z.infer<typeof ConsentPurpose>;

export const CONFIDENTIALITY_LEVELS = ['public', 'members', 'project_group', 'confidential'] as const;
export const Confidentiality = z.enum(CONFIDENTIALITY_LEVELS);
export type Confidentiality = z.infer<typeof Confidentiality>;

export const CHANNELS = ['newsletter', 'mailing', 'event', 'trade_fair', 'press', 'social', 'working_group', 'meeting'] as const;
export const Channel = z.enum(CHANNELS);
export type Channel = z.infer<typeof Channel>;

export const PROJECT_PHASES = ['planned', 'running', 'completed'] as const;
export const ProjectPhase = z.enum(PROJECT_PHASES);
export type ProjectPhase = z.infer<typeof ProjectPhase>;

/** UI languages shipped; a person's language may be any ISO 639-1 code, mailings fall back to English. */
export const UI_LANGUAGES = ['de', 'en'] as const;
export const UiLanguage = z.enum(UI_LANGUAGES);
export type UiLanguage = z.infer<typeof UiLanguage>;

export const LanguageCode = z.string().regex(/^[a-z]{2}$/, 'ISO 639-1 code, e.g. "de"');
export const CountryCode = z.string().regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2 code, e.g. "DE"');

/** Firms are sized by employees; definitions differ (EU 10–249, others 10–499), so thresholds are settings. */
export const SizeThresholds = z.object({
  microBelow: z.number().int().positive(),
  smallBelow: z.number().int().positive(),
  mediumBelow: z.number().int().positive(),
});
export type SizeThresholds = z.infer<typeof SizeThresholds>;
export const EU_SIZE_THRESHOLDS: SizeThresholds = { microBelow: 10, smallBelow: 50, mediumBelow: 250 };

export type SizeClass = 'micro' | 'small' | 'medium' | 'large';

export function sizeClass(employees: number, t: SizeThresholds = EU_SIZE_THRESHOLDS): SizeClass {
  if (employees < t.microBelow) return 'micro';
  if (employees < t.smallBelow) return 'small';
  if (employees < t.mediumBelow) return 'medium';
  return 'large';
}
