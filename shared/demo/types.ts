/**
 * The shape of an embedded sample cluster. Plain data with string keys for cross references, so the
 * generator stays pure (shared/) and the loader on the Node side turns keys into row ids.
 */
import type {
  ConsentPurpose,
  InformationKind,
  Membership,
  OrganisationKind,
  ProjectPhase,
  Salutation,
} from '../domain';

export interface DemoOrganisation {
  key: string;
  name: string;
  kind: OrganisationKind;
  employees: number | null;
  /** ISO 3166-1 alpha-2 */
  country: string;
  region: string | null;
  city: string | null;
  postcode: string | null;
  website: string | null;
  membership: Membership;
  topics: string[];
  /** Names of networks besides the demo cluster itself (which every member belongs to). */
  networks: string[];
}

export interface DemoConsent {
  purpose: ConsentPurpose;
  action: 'given' | 'withdrawn';
  /** ISO timestamp */
  at: string;
  source: string;
  wordingVersion: string | null;
  evidence: string | null;
}

export interface DemoPerson {
  salutation: Salutation;
  title: string | null;
  firstName: string;
  lastName: string;
  email: string;
  phone: string | null;
  function: string | null;
  organisationKey: string;
  keyContact: boolean;
  /** ISO 639-1 */
  language: string;
  status: 'active' | 'unsubscribed' | 'bounced';
  topics: string[];
  informationKinds: InformationKind[];
  /** Names of partner regions the person is interested in. */
  regions: string[];
  tags: string[];
  /** ISO date (YYYY-MM-DD) or null if never verified. */
  lastVerified: string | null;
  source: string;
  consents: DemoConsent[];
}

export interface DemoProject {
  acronym: string;
  title: string;
  topic: string;
  phase: ProjectPhase;
  startsOn: string;
  endsOn: string;
  programme: string;
  description: string;
  /** Names of partner regions. */
  regions: string[];
  participants: { organisationKey: string; role: string; funded: boolean }[];
}

export interface DemoCluster {
  /** The cluster/network itself, e.g. "Leichtbau-Cluster Mittelelbe". */
  network: { name: string };
  topics: string[];
  tags: string[];
  /** Partner regions abroad with ISO country code. */
  regions: { name: string; country: string }[];
  /** Other networks some organisations also belong to. */
  otherNetworks: string[];
  organisations: DemoOrganisation[];
  persons: DemoPerson[];
  projects: DemoProject[];
  /** Saved segments in the search syntax (shared/contacts/query.ts): the circles the papers talk about. */
  segments: DemoSegment[];
}

export interface DemoSegment {
  name: string;
  description: string;
  query: string;
  onePerOrg: boolean;
  purpose: 'newsletter' | 'mailing';
}
