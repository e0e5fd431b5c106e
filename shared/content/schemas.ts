/**
 * The content library's contract: progress items (Meldungen), the raw material of newsletters and
 * personalised mailings. One item carries its texts per language, what it is about (topic, R&D project,
 * partner region, kind of information) and who may read it (confidentiality with its circle).
 */
import { z } from 'zod';
import { Confidentiality, InformationKind } from '../domain';

const Id = z.number().int().positive();

export const CONTENT_STATUSES = ['draft', 'ready', 'used'] as const;
export const ContentStatus = z.enum(CONTENT_STATUSES);
export type ContentStatus = z.infer<typeof ContentStatus>;

/** Languages an item can be written in; a newsletter variant takes the text in its own language. */
export const CONTENT_LANGUAGES = ['de', 'en'] as const;
export const ContentLanguage = z.enum(CONTENT_LANGUAGES);
export type ContentLanguage = z.infer<typeof ContentLanguage>;

/** Links in items end up in mails: only https and mailto, never javascript: or plain http. */
export const SafeLink = z
  .string()
  .trim()
  .max(2000)
  .refine((v) => /^(https:\/\/[^\s]+|mailto:[^\s]+)$/i.test(v), { message: 'Links must start with https:// or mailto:' });

export const ContentText = z.object({
  title: z.string().trim().min(1).max(200),
  /** Markdown, the safe subset the renderer turns into mail HTML (no raw HTML passes). */
  body: z.string().max(20_000).default(''),
});
export type ContentText = z.infer<typeof ContentText>;

export const ContentTexts = z
  .object({ de: ContentText.optional(), en: ContentText.optional() })
  .refine((t) => t.de !== undefined || t.en !== undefined, { message: 'An item needs a title in German or English.', path: ['de'] });

export const ContentItem = z.object({
  id: Id,
  texts: z.object({ de: ContentText.optional(), en: ContentText.optional() }),
  topic: z.string().nullable(),
  projectId: Id.nullable(),
  /** The project's acronym, for lists and reasons ("from your project LightFrame"). */
  project: z.string().nullable(),
  region: z.string().nullable(),
  informationKind: InformationKind,
  confidentiality: Confidentiality,
  /** project_group: the project whose participants may read it. */
  groupProjectId: Id.nullable(),
  /** confidential: the hand-picked list (static segment) that may read it. */
  groupSegmentId: Id.nullable(),
  /** Name of the circle, for messages: project acronym or list name. */
  group: z.string().nullable(),
  imageAssetId: Id.nullable(),
  imageAlt: z.string().nullable(),
  link: z.string().nullable(),
  /** ISO date; before it the item may not go out. */
  embargoUntil: z.string().nullable(),
  status: ContentStatus,
  /** Newsletters and mailings that carry it. */
  usedIn: z.array(z.object({ id: Id, title: z.string(), kind: z.enum(['newsletter', 'mailing']) })),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ContentItem = z.infer<typeof ContentItem>;

export const ContentListInput = z
  .object({
    /** Words over titles and texts in both languages. */
    search: z.string().max(500).default(''),
    topic: z.string().max(200).optional(),
    projectId: Id.optional(),
    region: z.string().max(200).optional(),
    informationKind: InformationKind.optional(),
    confidentiality: Confidentiality.optional(),
    status: ContentStatus.optional(),
    language: ContentLanguage.optional(),
  })
  .strict();
export type ContentListInput = z.input<typeof ContentListInput>;

export const ContentList = z.object({ rows: z.array(ContentItem) });

export const ContentSave = z
  .object({
    /** Absent: create. */
    id: Id.optional(),
    texts: ContentTexts,
    topic: z.string().trim().min(1).max(200).nullable().default(null),
    projectId: Id.nullable().default(null),
    region: z.string().trim().min(1).max(200).nullable().default(null),
    informationKind: InformationKind,
    confidentiality: Confidentiality.default('members'),
    groupProjectId: Id.nullable().default(null),
    groupSegmentId: Id.nullable().default(null),
    imageAssetId: Id.nullable().default(null),
    imageAlt: z.string().trim().max(300).nullable().default(null),
    link: SafeLink.nullable().default(null),
    embargoUntil: z.iso.date().nullable().default(null),
    status: ContentStatus.default('draft'),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.confidentiality === 'project_group' && v.groupProjectId === null) {
      ctx.addIssue({ code: 'custom', path: ['groupProjectId'], message: 'A project-group item needs the project whose group may read it.' });
    }
    if (v.confidentiality === 'confidential' && v.groupSegmentId === null) {
      ctx.addIssue({ code: 'custom', path: ['groupSegmentId'], message: 'A confidential item needs the hand-picked list of people who may read it.' });
    }
    if (v.imageAssetId !== null && !v.imageAlt) {
      ctx.addIssue({ code: 'custom', path: ['imageAlt'], message: 'Describe the image in a few words (alt text) for readers who do not see it.' });
    }
  });
export type ContentSave = z.input<typeof ContentSave>;

/** Large enough for a photo in a newsletter, small enough that mails stay light. */
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;

/** An uploaded image: the bytes are checked by their magic number, not by the file name. */
export const AssetUpload = z
  .object({
    fileName: z.string().min(1).max(255),
    /** Well above the 5 MB image limit, so an oversized photo gets the handler's clear message, not a schema error. */
    base64: z.string().max(40_000_000),
  })
  .strict();
export const Asset = z.object({ id: Id, name: z.string(), mime: z.string(), bytes: z.number().int(), width: z.number().int().nullable(), height: z.number().int().nullable() });
export type Asset = z.infer<typeof Asset>;

/** An image's bytes for a thumbnail or the preview. */
export const AssetData = z.object({ id: Id, name: z.string(), mime: z.string(), base64: z.string() });
export type AssetData = z.infer<typeof AssetData>;

/** What the editor's pickers offer: managed topics, projects, partner regions and hand-picked lists. */
export const ContentOptions = z.object({
  topics: z.array(z.string()),
  projects: z.array(z.object({ id: Id, acronym: z.string(), title: z.string() })),
  regions: z.array(z.string()),
  /** Static segments: the circles a confidential item can name. */
  lists: z.array(z.object({ id: Id, name: z.string(), members: z.number().int() })),
});
export type ContentOptions = z.infer<typeof ContentOptions>;

export const ContentDelete = z.object({ id: Id, confirm: z.literal(true) }).strict();

/** The save input that writes an item back unchanged: the editor starts from it, and `content/save` is strict. */
export function saveInputOf(item: ContentItem): z.output<typeof ContentSave> {
  return {
    id: item.id,
    texts: item.texts,
    topic: item.topic,
    projectId: item.projectId,
    region: item.region,
    informationKind: item.informationKind,
    confidentiality: item.confidentiality,
    groupProjectId: item.groupProjectId,
    groupSegmentId: item.groupSegmentId,
    imageAssetId: item.imageAssetId,
    imageAlt: item.imageAlt,
    link: item.link,
    embargoUntil: item.embargoUntil,
    status: item.status,
  };
}
