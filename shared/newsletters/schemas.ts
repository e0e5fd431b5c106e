/**
 * The contract of templates, newsletter issues and personalised mailings.
 *
 * How the parts fit:
 * - A template is a whole MJML document with merge tags ({{salutation}}, {{first_name|Mitglied}},
 *   {{#if funded:no}}…{{/if}}) and slots the composer fills: {{items}} (the item list of the issue).
 * - A newsletter (kind "newsletter") or a personalised mailing (kind "mailing") has one variant per
 *   language. A variant holds its own copy of the MJML document (taken from the template when created,
 *   then edited in the block editor or the code view), its subject and preheader. Each person gets the
 *   variant in their language; persons whose language has no variant get the first variant (`fallback`).
 * - The items of a newsletter are shown to everybody in the chosen order. For a mailing they are the pool
 *   the render picks from per recipient: at most `maxItems`, those matching the person's interests, most
 *   relevant first, with the reason; recipients with nothing relevant are listed and not mailed.
 * - MJML is compiled once per variant; per recipient only the merge runs (never an MJML compile).
 */
import { z } from 'zod';
import { ConsentPurpose } from '../domain';

const Id = z.number().int().positive();

export const MESSAGE_KINDS = ['newsletter', 'mailing'] as const;
export const MessageKind = z.enum(MESSAGE_KINDS);
export type MessageKind = z.infer<typeof MessageKind>;

export const MESSAGE_LANGUAGES = ['de', 'en'] as const;
export const MessageLanguage = z.enum(MESSAGE_LANGUAGES);
export type MessageLanguage = z.infer<typeof MessageLanguage>;

export const NEWSLETTER_STATUSES = ['draft', 'scheduled', 'sending', 'sent', 'cancelled'] as const;
export const NewsletterStatus = z.enum(NEWSLETTER_STATUSES);

/** A problem in a template or variant, at its place in the text the user wrote. */
export const RenderProblem = z.object({
  code: z.string(),
  severity: z.enum(['error', 'warning']),
  /** English for CLI and logs; the UI translates by code where it knows it. */
  message: z.string(),
  /** Which text: the subject, the preheader or the MJML body. */
  part: z.enum(['subject', 'preheader', 'body']),
  origin: z.enum(['merge', 'mjml']),
  /** 1-based, in that part's text. */
  line: z.number().int(),
  column: z.number().int(),
  /** The message's variable parts (element names, lines), so the UI can say it in its own language by `code`. */
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type RenderProblem = z.infer<typeof RenderProblem>;

/* ---------------------------------------------------------------- templates */

export const TemplateSummary = z.object({
  id: Id,
  name: z.string(),
  kind: MessageKind,
  language: MessageLanguage,
  /** Part of the starter set (can be edited and duplicated like any other). */
  starter: z.boolean(),
  updatedAt: z.string(),
});
export type TemplateSummary = z.infer<typeof TemplateSummary>;

export const Template = TemplateSummary.extend({
  mjml: z.string(),
  /** Problems found when it was last saved (MJML errors and warnings, merge-tag errors). */
  problems: z.array(RenderProblem),
});
export type Template = z.infer<typeof Template>;

export const TemplateSave = z
  .object({
    id: Id.optional(),
    name: z.string().trim().min(1).max(200),
    kind: MessageKind,
    language: MessageLanguage,
    mjml: z.string().min(1).max(1_000_000),
  })
  .strict();
export type TemplateSave = z.input<typeof TemplateSave>;

/** A .mjml file picked by the user; the text is read in the renderer (UTF-8). */
export const TemplateImport = z
  .object({
    fileName: z.string().min(1).max(255),
    mjml: z.string().min(1).max(1_000_000),
    kind: MessageKind.default('newsletter'),
    language: MessageLanguage.default('de'),
  })
  .strict();

/* -------------------------------------------------------------- newsletters */

export const Variant = z.object({
  language: MessageLanguage,
  subject: z.string().max(500),
  preheader: z.string().max(500).nullable(),
  mjml: z.string().max(1_000_000),
});
export type Variant = z.infer<typeof Variant>;

export const NewsletterSummary = z.object({
  id: Id,
  kind: MessageKind,
  title: z.string(),
  status: NewsletterStatus,
  segmentId: Id.nullable(),
  segment: z.string().nullable(),
  templateId: Id.nullable(),
  languages: z.array(MessageLanguage),
  items: z.number().int(),
  updatedAt: z.string(),
});
export type NewsletterSummary = z.infer<typeof NewsletterSummary>;

export const NewsletterDetail = NewsletterSummary.extend({
  purpose: ConsentPurpose,
  /** Mailings: at most this many items per message. */
  maxItems: z.number().int().positive().nullable(),
  /** In the order chosen by drag and drop. */
  itemIds: z.array(Id),
  variants: z.array(Variant),
});
export type NewsletterDetail = z.infer<typeof NewsletterDetail>;

export const NewsletterCreate = z
  .object({
    kind: MessageKind,
    title: z.string().trim().min(1).max(200),
    /** Variants are made from the starter template of this kind in each language when absent. */
    templateId: Id.optional(),
    languages: z.array(MessageLanguage).min(1).default(['de', 'en']),
  })
  .strict();

/** Autosave sends the whole editable state; `updatedAt` guards against overwriting a newer save. */
export const NewsletterSave = z
  .object({
    id: Id,
    title: z.string().trim().min(1).max(200),
    segmentId: Id.nullable(),
    templateId: Id.nullable(),
    maxItems: z.number().int().positive().max(50).nullable(),
    itemIds: z.array(Id).max(500),
    variants: z.array(Variant).min(1).max(2),
    updatedAt: z.string().optional(),
  })
  .strict();
export type NewsletterSave = z.input<typeof NewsletterSave>;

/** The unsaved state of the composer, so the preview follows every keystroke without a save. */
export const NewsletterDraft = NewsletterSave.omit({ id: true, updatedAt: true, title: true });

export const PreviewInput = z
  .object({
    id: Id,
    draft: NewsletterDraft.optional(),
    language: MessageLanguage,
    /** "Preview as": a person of the audience; absent = the first recipient, or sample data without audience. */
    personId: Id.optional(),
  })
  .strict();
export type PreviewInput = z.input<typeof PreviewInput>;

/** A check before sending: missing unsubscribe link or Impressum, images without alt, unsafe links, long subject … */
export const SendCheck = z.object({
  code: z.string(),
  severity: z.enum(['error', 'warning']),
  message: z.string(),
});
export type SendCheck = z.infer<typeof SendCheck>;

/** An item whose confidentiality the audience does not fit: composing is blocked with this reason. */
export const GuardViolation = z.object({
  itemId: Id,
  title: z.string(),
  level: z.enum(['members', 'project_group', 'confidential']),
  /** The circle: "members", a project acronym or a list name. */
  group: z.string(),
  /** Recipients of the audience outside that circle. */
  outside: z.number().int(),
  message: z.string(),
});
export type GuardViolation = z.infer<typeof GuardViolation>;

export const PreviewRecipient = z.object({
  personId: Id,
  name: z.string(),
  email: z.string(),
  language: z.string(),
  organisation: z.string().nullable(),
});

export const Preview = z.object({
  language: MessageLanguage,
  /** null: no audience chosen; sample data was merged. */
  recipient: PreviewRecipient.nullable(),
  /** Position of the recipient in the audience (0-based) and its size, for stepping. */
  index: z.number().int(),
  total: z.number().int(),
  subject: z.string(),
  preheader: z.string().nullable(),
  html: z.string(),
  text: z.string(),
  problems: z.array(RenderProblem),
  checks: z.array(SendCheck),
  guard: z.array(GuardViolation),
  /** Mailings: the items chosen for this recipient, most relevant first, with the reason. */
  chosen: z.array(z.object({ itemId: Id, title: z.string(), reason: z.string() })),
  /** Mailings: recipients who get nothing because nothing is relevant to them (not mailed). */
  nothingRelevant: z.number().int(),
  /** Time spent compiling/merging, for the preview bench and the status line. */
  ms: z.number(),
});
export type Preview = z.infer<typeof Preview>;

/** The "preview as" picker's rows: audience persons matching the search, and how many match in all. */
export const RecipientList = z.object({ rows: z.array(PreviewRecipient), total: z.number().int() });
export type RecipientList = z.infer<typeof RecipientList>;

export const RecipientsInput = z
  .object({ id: Id, search: z.string().max(200).default(''), segmentId: Id.nullable().optional(), limit: z.number().int().positive().max(500).default(50) })
  .strict();

export const ExportMessage = z
  .object({ id: Id, personId: Id.optional(), language: MessageLanguage.optional(), format: z.enum(['eml', 'html', 'mjml']) })
  .strict();

/** A copy of a template under a new name ("… (Kopie)" when absent); never a starter. */
export const TemplateDuplicate = z.object({ id: Id, name: z.string().trim().min(1).max(200).optional() }).strict();
