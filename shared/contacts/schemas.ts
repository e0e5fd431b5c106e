/** Wire shapes for contacts (persons) and organisations. */
import { z } from 'zod';
import { Membership, OrganisationKind, PersonStatus, Salutation, InformationKind } from '../domain';
import { TopicName } from './lists';

const Id = z.number().int().positive();
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const Text = (max: number) => z.string().max(max);

export const ContactSort = z.enum(['name', 'email', 'organisation', 'lastVerified', 'created']);
export type ContactSort = z.infer<typeof ContactSort>;

export const ListInput = z
  .object({
    query: Text(2000).default(''),
    sort: ContactSort.default('name'),
    desc: z.boolean().default(false),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(1000).default(200),
  })
  .strict();

/**
 * A problem with a search text or rule: a parse problem carries its position in the text; a reference to a
 * missing topic, tag, project or segment, or a cycle between segments, names the term instead.
 */
export const QueryProblemShape = z.object({
  token: z.string(),
  code: z.enum(['unknown_key', 'bad_value', 'bad_comparator', 'unbalanced', 'dangling_operator', 'empty_group', 'unknown_reference', 'unknown_segment', 'segment_cycle']),
  key: z.string(),
  message: z.string(),
  start: z.number().int().min(0).optional(),
  end: z.number().int().min(0).optional(),
});
export type QueryProblemShape = z.infer<typeof QueryProblemShape>;

export const ContactRow = z.object({
  id: Id,
  salutation: Salutation,
  title: z.string().nullable(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  email: z.string().nullable(),
  function: z.string().nullable(),
  organisationId: z.number().int().nullable(),
  organisation: z.string().nullable(),
  kind: OrganisationKind.nullable(),
  country: z.string().nullable(),
  language: z.string(),
  keyContact: z.boolean(),
  status: PersonStatus,
  lastVerified: z.string().nullable(),
  newsletterConsent: z.boolean(),
});
export type ContactRow = z.infer<typeof ContactRow>;

export const ContactList = z.object({
  total: z.number().int(),
  rows: z.array(ContactRow),
  problems: z.array(QueryProblemShape),
});
export type ContactList = z.infer<typeof ContactList>;

export const ChangeEntry = z.object({
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  details: z.record(z.string(), z.unknown()),
});
export type ChangeEntry = z.infer<typeof ChangeEntry>;

export const ConsentRecord = z.object({
  id: Id,
  email: z.string(),
  purpose: z.enum(['newsletter', 'mailing']),
  action: z.enum(['given', 'withdrawn']),
  at: z.string(),
  source: z.string(),
  wordingVersion: z.string().nullable(),
  evidence: z.string().nullable(),
});

export const ContactDetail = ContactRow.extend({
  phone: z.string().nullable(),
  mobile: z.string().nullable(),
  source: z.string().nullable(),
  notes: z.string().nullable(),
  recontactOn: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  mailingConsent: z.boolean(),
  organisations: z.array(z.object({ id: Id, name: z.string(), role: z.string().nullable(), department: z.string().nullable(), isPrimary: z.boolean() })),
  topics: z.array(z.string()),
  tags: z.array(z.string()),
  interests: z.array(InformationKind),
  regions: z.array(z.string()),
  consents: z.array(ConsentRecord),
  history: z.array(ChangeEntry),
});
export type ContactDetail = z.infer<typeof ContactDetail>;

const Nullable = (max: number) => z.string().trim().max(max).nullable();

export const ContactPatch = z
  .object({
    salutation: Salutation,
    title: Nullable(60),
    firstName: Nullable(200),
    lastName: Nullable(200),
    email: z.string().trim().max(320).email('Not a valid e-mail address').nullable(),
    phone: Nullable(80),
    mobile: Nullable(80),
    function: Nullable(200),
    keyContact: z.boolean(),
    language: z.string().regex(/^[a-z]{2}$/, 'ISO 639-1 code such as "de"'),
    status: z.enum(['active', 'unsubscribed', 'bounced']),
    lastVerified: IsoDate.nullable(),
    recontactOn: IsoDate.nullable(),
    notes: Nullable(20000),
  })
  .partial()
  .strict();
export type ContactPatch = z.infer<typeof ContactPatch>;

export const BulkAction = z.discriminatedUnion('type', [
  z.object({ type: z.literal('addTag'), tag: z.string().trim().min(1).max(100) }),
  z.object({ type: z.literal('removeTag'), tag: z.string().trim().min(1).max(100) }),
  z.object({ type: z.literal('addTopic'), topic: z.string().trim().min(1).max(200) }),
  z.object({ type: z.literal('markVerified') }),
  z.object({ type: z.literal('setKeyContact'), value: z.boolean() }),
]);
export type BulkAction = z.infer<typeof BulkAction>;

export const OrganisationRow = z.object({
  id: Id,
  name: z.string(),
  kind: OrganisationKind,
  employees: z.number().int().nullable(),
  sizeClass: z.enum(['micro', 'small', 'medium', 'large']).nullable(),
  country: z.string().nullable(),
  city: z.string().nullable(),
  membership: Membership,
  funded: z.boolean(),
  persons: z.number().int(),
  keyContacts: z.number().int(),
});
export type OrganisationRow = z.infer<typeof OrganisationRow>;

export const OrganisationDetail = OrganisationRow.extend({
  region: z.string().nullable(),
  postcode: z.string().nullable(),
  street: z.string().nullable(),
  website: z.string().nullable(),
  notes: z.string().nullable(),
  topics: z.array(z.string()),
  networks: z.array(z.string()),
  people: z.array(ContactRow),
  projects: z.array(z.object({ id: Id, acronym: z.string(), title: z.string(), role: z.string().nullable(), funded: z.boolean(), regions: z.array(z.string()) })),
  history: z.array(ChangeEntry),
});
export type OrganisationDetail = z.infer<typeof OrganisationDetail>;

export const OrganisationListInput = z
  .object({
    query: Text(500).default(''),
    membership: Membership.optional(),
    withoutKeyContact: z.boolean().default(false),
  })
  .strict();

export const ExportFormat = z.enum(['csv', 'csv-semicolon', 'xlsx', 'vcf']);
export type ExportFormat = z.infer<typeof ExportFormat>;

/** Files travel as base64 inside JSON over both transports. */
export const FilePayload = z.object({ fileName: z.string(), mime: z.string(), base64: z.string() });
export type FilePayload = z.infer<typeof FilePayload>;

export const ExportInput = z
  .object({
    format: ExportFormat,
    /** A filter in the search syntax, or … */
    query: z.string().max(2000).optional(),
    /** … a selection of persons. */
    ids: z.array(Id).max(200_000).optional(),
  })
  .strict()
  .refine((v) => v.query !== undefined || v.ids !== undefined, 'Give a query or a selection of ids.');

export const Upkeep = z.object({
  staleAfterMonths: z.number().int(),
  lists: z.array(z.object({ key: z.enum(['stale', 'bounced', 'noConsent', 'recontactDue']), query: z.string(), count: z.number().int() })),
  organisationsWithoutKeyContact: z.array(OrganisationRow),
});
export type Upkeep = z.infer<typeof Upkeep>;

export const DuplicateGroups = z.object({
  groups: z.array(z.object({ reason: z.enum(['name', 'email']), persons: z.array(ContactRow) })),
});

export const MergeField = z.enum(['salutation', 'title', 'firstName', 'lastName', 'email', 'phone', 'mobile', 'function', 'language', 'notes']);
export type MergeField = z.infer<typeof MergeField>;

/** A consent record entered by hand: given (with wording and evidence) or withdrawn (an unsubscribe by phone). */
export const ConsentEntry = z
  .object({
    id: Id,
    purpose: z.enum(['newsletter', 'mailing']),
    action: z.enum(['given', 'withdrawn']),
    source: z.string().trim().min(1, 'Say how it was given or withdrawn, e.g. "Telefon 2026-11-21".').max(200),
    wordingVersion: z.string().trim().max(200).optional(),
    evidence: z.string().trim().max(2000).optional(),
  })
  .strict()
  .refine((v) => v.action === 'withdrawn' || (v.wordingVersion ?? '') !== '', {
    message: 'Consent that is given needs the version of the wording the person agreed to.',
    path: ['wordingVersion'],
  });

export const ContactCreate = z
  .object({
    salutation: Salutation.default('none'),
    title: Nullable(60).default(null),
    firstName: Nullable(200).default(null),
    lastName: Nullable(200).default(null),
    email: z.string().trim().max(320).email('Not a valid e-mail address').nullable().default(null),
    phone: Nullable(80).default(null),
    mobile: Nullable(80).default(null),
    function: Nullable(200).default(null),
    organisationId: z.number().int().positive().nullable().default(null),
    keyContact: z.boolean().default(false),
    language: z.string().regex(/^[a-z]{2}$/, 'ISO 639-1 code such as "de"').default('de'),
    source: z.string().trim().min(1, 'Say where the contact comes from, e.g. "Messe JEC 2026".').max(200),
    notes: Nullable(20000).default(null),
  })
  .strict()
  .refine((v) => (v.lastName ?? '') !== '' || (v.firstName ?? '') !== '' || (v.email ?? '') !== '', {
    message: 'Give at least a name or an e-mail address.',
    path: ['lastName'],
  });
export type ContactCreate = z.infer<typeof ContactCreate>;

const OrgFields = {
  name: z.string().trim().min(1, 'The organisation needs a name.').max(300),
  kind: OrganisationKind,
  employees: z.number().int().min(0).max(10_000_000).nullable(),
  country: z.string().regex(/^[A-Z]{2}$/, 'ISO 3166 code such as "DE"').nullable(),
  region: Nullable(200),
  city: Nullable(200),
  postcode: Nullable(20),
  street: Nullable(300),
  // http(s) only: zod's url() alone would also accept javascript: and file: addresses.
  website: z
    .string()
    .trim()
    .max(500)
    .regex(/^https?:\/\/[^\s/?#]+\.[^\s]+$/i, 'A web address such as https://www.example.org')
    .nullable(),
  membership: Membership,
  notes: Nullable(20000),
  /** The organisation's topics by name, the whole set; names not on the list yet are added to it. */
  topics: z.array(TopicName).max(200),
};

export const OrganisationCreate = z.object(OrgFields).partial().required({ name: true, kind: true, membership: true }).strict();
export const OrganisationPatch = z.object(OrgFields).partial().strict();
export type OrganisationPatch = z.infer<typeof OrganisationPatch>;
