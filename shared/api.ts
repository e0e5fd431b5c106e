/**
 * The one API contract between the renderer and the Node side. Both transports (Electron IPC and the
 * loopback browser shell) carry exactly these methods; the handler table on the Node side is typed
 * against this object, and the renderer's client is derived from it. Methods are named `noun/verb`.
 */
import { z } from 'zod';
import {
  BulkAction,
  ConsentEntry,
  ContactCreate,
  ContactDetail,
  ContactList,
  ContactPatch,
  DuplicateGroups,
  ExportInput,
  FilePayload,
  ListInput,
  MergeField,
  OrganisationDetail,
  OrganisationCreate,
  OrganisationListInput,
  OrganisationPatch,
  OrganisationRow,
  Upkeep,
} from './contacts/schemas';
import {
  ListDelete,
  ListMerge,
  TagCreate,
  TagDeleted,
  TagList,
  TagMerged,
  TagRename,
  TagRow,
  TopicCreate,
  TopicDeleted,
  TopicList,
  TopicMerged,
  TopicRename,
  TopicRow,
} from './contacts/lists';
import { ImportCheck, ImportHistory, ImportOpenInput, ImportPreview, ImportProgress, ImportRequest } from './contacts/import-schemas';
import { ExportMessage, NewsletterCreate, NewsletterDetail, NewsletterSave, NewsletterSummary, Preview, PreviewInput, RecipientList, RecipientsInput } from './newsletters/schemas';
import { MEMBERSHIPS, ORGANISATION_KINDS, UI_LANGUAGES, SizeThresholds } from './domain';
import {
  AudienceCount,
  AudienceMembers,
  CountInput,
  MembersInput,
  Reach,
  ReachInput,
  SegmentDetail,
  SegmentSave,
  SegmentSummary,
  StaticMembersInput,
  Vocabulary,
} from './segments/schemas';
import { Asset, AssetData, AssetUpload, ContentDelete, ContentItem, ContentList, ContentListInput, ContentOptions, ContentSave } from './content/schemas';
import { RenderProblem, Template, TemplateDuplicate, TemplateImport, TemplateSave, TemplateSummary } from './newsletters/schemas';

const NoInput = z.object({}).strict();

export const LanguagePreference = z.enum(['system', ...UI_LANGUAGES]);
export type LanguagePreference = z.infer<typeof LanguagePreference>;

export const Settings = z.object({
  language: LanguagePreference,
  sizeThresholds: SizeThresholds,
  /** Contact upkeep: persons not verified for this many months count as stale. */
  staleAfterMonths: z.number().int().min(1).max(120),
});
export type Settings = z.infer<typeof Settings>;

export const AppInfo = z.object({
  version: z.string(),
  shell: z.enum(['electron', 'browser', 'cli']),
  dataDir: z.string(),
  databaseFile: z.string(),
  schemaVersion: z.number().int(),
});
export type AppInfo = z.infer<typeof AppInfo>;

const kindCounts = z.object(Object.fromEntries(ORGANISATION_KINDS.map((k) => [k, z.number().int().min(0)])) as {
  [K in (typeof ORGANISATION_KINDS)[number]]: z.ZodNumber;
});
const membershipCounts = z.object(Object.fromEntries(MEMBERSHIPS.map((k) => [k, z.number().int().min(0)])) as {
  [K in (typeof MEMBERSHIPS)[number]]: z.ZodNumber;
});

export const Dashboard = z.object({
  organisations: z.object({
    total: z.number().int(),
    byKind: kindCounts,
    byMembership: membershipCounts,
  }),
  /** Member organisations only: funding is about who in the cluster takes part in R&D projects. */
  members: z.object({
    funded: z.number().int(),
    notFunded: z.number().int(),
    withoutKeyContact: z.number().int(),
  }),
  persons: z.object({
    total: z.number().int(),
    active: z.number().int(),
    keyContacts: z.number().int(),
    newsletterConsent: z.number().int(),
    byLanguage: z.array(z.object({ language: z.string(), count: z.number().int() })),
  }),
  projects: z.array(
    z.object({
      id: z.number().int(),
      acronym: z.string(),
      title: z.string(),
      partnerRegions: z.array(z.string()),
      organisations: z.number().int(),
    }),
  ),
  isEmpty: z.boolean(),
});
export type Dashboard = z.infer<typeof Dashboard>;

export const DemoSummary = z.object({
  organisations: z.number().int(),
  persons: z.number().int(),
  projects: z.number().int(),
});
export type DemoSummary = z.infer<typeof DemoSummary>;

export const ClearResult = z.object({
  /** The copy written before clearing, so clearing can be undone by restoring it. */
  backupFile: z.string(),
});

type MethodName = `${string}/${string}`;
interface MethodSpec {
  input: z.ZodType;
  output: z.ZodType;
}

function method<I extends z.ZodType, O extends z.ZodType>(input: I, output: O): { input: I; output: O } {
  return { input, output };
}

export const contract = {
  'app/info': method(NoInput, AppInfo),
  'dashboard/get': method(NoInput, Dashboard),
  'settings/get': method(NoInput, Settings),
  'settings/update': method(Settings.partial().strict(), Settings),
  'demo/load': method(NoInput, DemoSummary),
  'data/clear': method(z.object({ confirm: z.literal(true) }).strict(), ClearResult),
  'contacts/list': method(ListInput, ContactList),
  'contacts/get': method(z.object({ id: z.number().int().positive() }).strict(), ContactDetail),
  'contacts/update': method(z.object({ id: z.number().int().positive(), patch: ContactPatch }).strict(), ContactDetail),
  'contacts/bulk': method(
    z.object({ ids: z.array(z.number().int().positive()).min(1).max(200_000), action: BulkAction }).strict(),
    z.object({ changed: z.number().int() }),
  ),
  'contacts/consent': method(ConsentEntry, ContactDetail),
  'contacts/create': method(ContactCreate, ContactDetail),
  'organisations/create': method(OrganisationCreate, OrganisationDetail),
  'organisations/update': method(z.object({ id: z.number().int().positive(), patch: OrganisationPatch }).strict(), OrganisationDetail),
  /** Every id matching a query, in list order: "select all N matches" in one call. */
  'contacts/ids': method(z.object({ query: z.string().max(2000) }).strict(), z.object({ ids: z.array(z.number().int()) })),
  'organisations/list': method(OrganisationListInput, z.object({ rows: z.array(OrganisationRow) })),
  'organisations/get': method(z.object({ id: z.number().int().positive() }).strict(), OrganisationDetail),
  /** Topics and tags as managed lists: uses counted; rename, merge and delete across persons, organisations and projects. */
  'topics/list': method(NoInput, TopicList),
  'topics/create': method(TopicCreate, TopicRow),
  'topics/rename': method(TopicRename, TopicRow),
  'topics/merge': method(ListMerge, TopicMerged),
  'topics/delete': method(ListDelete, TopicDeleted),
  'tags/list': method(NoInput, TagList),
  'tags/create': method(TagCreate, TagRow),
  'tags/rename': method(TagRename, TagRow),
  'tags/merge': method(ListMerge, TagMerged),
  'tags/delete': method(ListDelete, TagDeleted),
  'contacts/export': method(ExportInput, FilePayload),
  'contacts/exportPersonal': method(z.object({ id: z.number().int().positive() }).strict(), FilePayload),
  'contacts/erase': method(z.object({ id: z.number().int().positive(), confirm: z.literal(true) }).strict(), z.object({ suppressed: z.number().int() })),
  'contacts/merge': method(
    z.object({ keepId: z.number().int().positive(), otherId: z.number().int().positive(), take: z.array(MergeField) }).strict(),
    ContactDetail,
  ),
  'duplicates/list': method(NoInput, DuplicateGroups),
  'upkeep/get': method(NoInput, Upkeep),
  'imports/open': method(ImportOpenInput, ImportPreview),
  'imports/check': method(ImportRequest, ImportCheck),
  'imports/start': method(ImportRequest, z.object({ jobId: z.string() })),
  'imports/progress': method(z.object({ jobId: z.string().max(100) }).strict(), ImportProgress),
  'imports/list': method(NoInput, ImportHistory),
  'imports/undo': method(z.object({ id: z.number().int().positive(), confirm: z.literal(true) }).strict(), z.object({ deleted: z.number().int(), restored: z.number().int() })),
  /** Live count while a rule is edited: matched, excluded with reasons, audience, breakdown, preview. */
  'segments/count': method(CountInput, AudienceCount),
  'segments/members': method(MembersInput, AudienceMembers),
  /** Which member organisations an audience reaches and which it misses. */
  'segments/reach': method(ReachInput, Reach),
  'segments/list': method(NoInput, z.object({ rows: z.array(SegmentSummary) })),
  'segments/get': method(z.object({ id: z.number().int().positive() }).strict(), SegmentDetail),
  'segments/save': method(SegmentSave, SegmentDetail),
  'segments/delete': method(z.object({ id: z.number().int().positive(), confirm: z.literal(true) }).strict(), z.object({ deleted: z.boolean() })),
  'segments/addMembers': method(StaticMembersInput, SegmentDetail),
  'segments/removeMembers': method(StaticMembersInput, SegmentDetail),
  /** The names a rule can refer to, for the builder's pickers. */
  'segments/vocabulary': method(NoInput, Vocabulary),
  /** Newsletter issues and personalised mailings (shared/newsletters/schemas.ts). */
  'newsletters/list': method(NoInput, z.object({ rows: z.array(NewsletterSummary) })),
  'newsletters/get': method(z.object({ id: z.number().int().positive() }).strict(), NewsletterDetail),
  'newsletters/create': method(NewsletterCreate, NewsletterDetail),
  /** Autosave; 'conflict' when `updatedAt` is older than the stored one. */
  'newsletters/save': method(NewsletterSave, NewsletterDetail),
  'newsletters/duplicate': method(z.object({ id: z.number().int().positive() }).strict(), NewsletterDetail),
  'newsletters/delete': method(z.object({ id: z.number().int().positive(), confirm: z.literal(true) }).strict(), z.object({ deleted: z.boolean() })),
  /** The saved state or the composer's draft, rendered for one person of the audience (or sample data). */
  'newsletters/preview': method(PreviewInput, Preview),
  /** Audience persons for the "preview as" picker. */
  'newsletters/recipients': method(RecipientsInput, RecipientList),
  /** One recipient's message as .eml, .html or .mjml; 'forbidden' when the guard or a check blocks it. */
  'newsletters/export': method(ExportMessage, FilePayload),
  /* Content library (issue 5): progress items (Meldungen), their images, and the MJML templates. */
  'content/list': method(ContentListInput, ContentList),
  'content/get': method(z.object({ id: z.number().int().positive() }).strict(), ContentItem),
  'content/save': method(ContentSave, ContentItem),
  /** Refused while a newsletter or mailing carries the item (they are named). */
  'content/delete': method(ContentDelete, z.object({ deleted: z.boolean() })),
  'content/options': method(NoInput, ContentOptions),
  'assets/upload': method(AssetUpload, Asset),
  'assets/get': method(z.object({ id: z.number().int().positive() }).strict(), AssetData),
  'templates/list': method(NoInput, z.object({ rows: z.array(TemplateSummary) })),
  'templates/get': method(z.object({ id: z.number().int().positive() }).strict(), Template),
  /** Stored even with MJML errors (the text is never lost); the problems come back with it. */
  'templates/save': method(TemplateSave, Template),
  /** The problems of an unsaved text, for the editor's markers while typing (nothing is stored). */
  'templates/check': method(z.object({ mjml: z.string().max(1_000_000) }).strict(), z.object({ problems: z.array(RenderProblem) })),
  'templates/duplicate': method(TemplateDuplicate, Template),
  'templates/import': method(TemplateImport, Template),
  /** Newsletters keep their own copy of the MJML, so deleting a template never changes one. Starters are refused. */
  'templates/delete': method(z.object({ id: z.number().int().positive(), confirm: z.literal(true) }).strict(), z.object({ deleted: z.boolean() })),
} satisfies Record<MethodName, MethodSpec>;

export type Contract = typeof contract;
export type Method = keyof Contract;
export type Input<M extends Method> = z.input<Contract[M]['input']>;
export type ParsedInput<M extends Method> = z.output<Contract[M]['input']>;
export type Output<M extends Method> = z.output<Contract[M]['output']>;

export const METHODS = Object.keys(contract) as Method[];

export function isMethod(name: string): name is Method {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

/** Error codes travel over both transports unchanged; the renderer maps them to translated messages. */
export const ERROR_CODES = ['bad_input', 'unknown_method', 'not_found', 'conflict', 'forbidden', 'internal'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const ApiErrorShape = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type ApiErrorShape = z.infer<typeof ApiErrorShape>;

/** The envelope both transports return, so a failure is data, never an exception lost in IPC. */
export const Envelope = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: ApiErrorShape }),
]);
export type Envelope = z.infer<typeof Envelope>;

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: { path: string; message: string }[],
  ) {
    super(message);
    this.name = 'ApiError';
  }
  toShape(): ApiErrorShape {
    return { code: this.code, message: this.message, ...(this.issues ? { issues: this.issues } : {}) };
  }
}
