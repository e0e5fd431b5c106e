/**
 * Segments (Zielgruppen): saved circles of recipients. A dynamic segment is a rule over persons and their
 * organisations (shared/contacts/query.ts); a static one is a hand-picked list. Used as an audience for a
 * purpose, a segment always loses the persons who must not be mailed — and says how many and why.
 */
import { z } from 'zod';
import { ConsentPurpose, OrganisationKind } from '../domain';
import { ContactRow, QueryProblemShape } from '../contacts/schemas';
import { Rule } from '../contacts/query';

const Id = z.number().int().positive();

/** Why a person the rule matches is not in the audience, checked in this order (the first reason counts). */
export const EXCLUSION_REASONS = ['no_email', 'unsubscribed', 'bounced', 'suppressed', 'no_consent'] as const;
export const ExclusionReason = z.enum(EXCLUSION_REASONS);
export type ExclusionReason = z.infer<typeof ExclusionReason>;

export const SegmentKind = z.enum(['dynamic', 'static']);
export type SegmentKind = z.infer<typeof SegmentKind>;

/** The rule as a tree or as search text; the Node side accepts either and answers with both. */
export const RuleInput = z.union([z.object({ rule: Rule }).strict(), z.object({ query: z.string().max(5000) }).strict(), z.object({ segmentId: Id }).strict()]);
export type RuleInput = z.infer<typeof RuleInput>;

export const AudienceOptions = z.object({
  purpose: ConsentPurpose,
  /** Keep one person per organisation: the key contact, else the most recently verified, else by name. */
  onePerOrg: z.boolean(),
});
export type AudienceOptions = z.infer<typeof AudienceOptions>;

export const CountInput = z.object({
  target: RuleInput,
  options: AudienceOptions,
  /** How many audience members to return for the preview list. */
  previewLimit: z.number().int().min(0).max(500).default(25),
});
export type CountInput = z.input<typeof CountInput>;

const n = z.number().int().min(0);

export const AudienceCount = z.object({
  /** The rule as text and as a tree, normalised: the builder and the search box show these. */
  query: z.string(),
  rule: Rule,
  problems: z.array(QueryProblemShape),
  /** Persons the rule matches (erased persons never match). */
  matched: n,
  excluded: z.object({ total: n, byReason: z.record(ExclusionReason, n) }),
  /** Matched and reachable, before "one per organisation". */
  reachable: n,
  /** Who would receive it: reachable, thinned to one per organisation when asked. */
  audience: n,
  organisations: z.object({
    /** Organisations with at least one person in the audience. */
    reached: n,
    /** Organisations with matched persons of whom nobody is reachable. */
    nobodyReachable: n,
  }),
  breakdown: z.object({
    byKind: z.array(z.object({ kind: OrganisationKind.nullable(), count: n })),
    funded: z.object({ funded: n, notFunded: n }),
    byLanguage: z.array(z.object({ language: z.string(), count: n })),
  }),
  preview: z.array(ContactRow),
  tookMs: z.number(),
});
export type AudienceCount = z.infer<typeof AudienceCount>;

export const SegmentSummary = z.object({
  id: Id,
  name: z.string(),
  description: z.string().nullable(),
  kind: SegmentKind,
  /** The rule as search text; for a static list, empty. */
  query: z.string(),
  onePerOrg: z.boolean(),
  purpose: ConsentPurpose,
  countedAt: z.string().nullable(),
  lastCount: z.number().int().nullable(),
  /** Static lists: how many persons were picked. */
  members: z.number().int().nullable(),
  /** Problems the saved rule has now (e.g. a topic deleted since): flagged in the list. */
  problems: z.array(QueryProblemShape),
  updatedAt: z.string(),
});
export type SegmentSummary = z.infer<typeof SegmentSummary>;

export const SegmentDetail = SegmentSummary.extend({
  rule: Rule.nullable(),
  /** Segments that refer to this one with `segment:` — deleting it would leave them flagged. */
  usedBy: z.array(z.object({ id: Id, name: z.string() })),
  /** Newsletters and mailings that use it as their audience. */
  usedByNewsletters: z.array(z.object({ id: Id, title: z.string() })),
});
export type SegmentDetail = z.infer<typeof SegmentDetail>;

const Name = z.string().trim().min(1).max(120);

export const SegmentSave = z.object({
  /** Absent: create. */
  id: Id.optional(),
  name: Name,
  description: z.string().trim().max(2000).nullable().default(null),
  kind: SegmentKind,
  /** Dynamic segments: the rule (as tree or text). Static lists: ignored. */
  rule: Rule.optional(),
  query: z.string().max(5000).optional(),
  onePerOrg: z.boolean().default(false),
  purpose: ConsentPurpose.default('newsletter'),
  /** Static lists: the persons picked, when creating from a selection. */
  personIds: z.array(Id).max(200_000).optional(),
});
export type SegmentSave = z.input<typeof SegmentSave>;

export const StaticMembersInput = z.object({
  segmentId: Id,
  personIds: z.array(Id).min(1).max(200_000),
});

export const ReachInput = z.object({ target: RuleInput, options: AudienceOptions });
export type ReachInput = z.input<typeof ReachInput>;

export const MissingOrganisation = z.object({
  id: Id,
  name: z.string(),
  kind: OrganisationKind,
  /** Why nobody there is reached: no person matches the rule, or all matched persons are excluded. */
  why: z.enum(['not_matched', 'all_excluded', 'no_persons']),
  /** For all_excluded: the reasons found among that organisation's matched persons. */
  reasons: z.array(ExclusionReason),
});

export const Reach = z.object({
  members: n,
  reached: n,
  missing: z.array(MissingOrganisation),
});
export type Reach = z.infer<typeof Reach>;

export const MembersInput = z.object({
  target: RuleInput,
  options: AudienceOptions,
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(100_000).default(200),
});
export type MembersInput = z.input<typeof MembersInput>;

export const AudienceMembers = z.object({ total: n, rows: z.array(ContactRow) });
export type AudienceMembers = z.infer<typeof AudienceMembers>;

export const Vocabulary = z.object({
  topics: z.array(z.string()),
  tags: z.array(z.string()),
  regions: z.array(z.string()),
  networks: z.array(z.string()),
  projects: z.array(z.object({ acronym: z.string(), title: z.string() })),
  segments: z.array(z.object({ id: Id, name: z.string(), kind: SegmentKind })),
  languages: z.array(z.string()),
});
export type Vocabulary = z.infer<typeof Vocabulary>;
