/**
 * Wire shapes for the managed lists: topics (Themen) and tags (Schlagwörter). Both are vocabularies that
 * grow by import and by hand ("Leichtbau", "leichtbau", "Leichtbau "), so they need renaming, merging and
 * deleting with the uses shown, or a filter by topic quietly misses half the people.
 */
import { z } from 'zod';

const Id = z.number().int().positive();

/** Names are compared without regard to case in the database (COLLATE NOCASE), so these limits match BulkAction's. */
export const TopicName = z.string().trim().min(1, 'Give the topic a name.').max(200);
export const TagName = z.string().trim().min(1, 'Give the tag a name.').max(100);

export const TopicRow = z.object({
  id: Id,
  name: z.string(),
  persons: z.number().int().min(0),
  organisations: z.number().int().min(0),
  /** R&D projects with this as their topic; a topic in use there cannot simply be deleted. */
  projects: z.number().int().min(0),
  /** Content items (Meldungen) filed under the topic; like projects, they would lose their topic. */
  contentItems: z.number().int().min(0),
});
export type TopicRow = z.infer<typeof TopicRow>;

export const TagRow = z.object({
  id: Id,
  name: z.string(),
  persons: z.number().int().min(0),
});
export type TagRow = z.infer<typeof TagRow>;

export const TopicList = z.object({ rows: z.array(TopicRow) });
export const TagList = z.object({ rows: z.array(TagRow) });

export const TopicCreate = z.object({ name: TopicName }).strict();
export const TagCreate = z.object({ name: TagName }).strict();
export const TopicRename = z.object({ id: Id, name: TopicName }).strict();
export const TagRename = z.object({ id: Id, name: TagName }).strict();

/** Moves every use of `id` to `intoId`, then removes `id`. */
export const ListMerge = z
  .object({ id: Id, intoId: Id })
  .strict()
  .refine((v) => v.id !== v.intoId, { message: 'Choose another entry to merge into.', path: ['intoId'] });

export const ListDelete = z.object({ id: Id, confirm: z.literal(true) }).strict();

/** What a merge or deletion touched, so the UI can say it. */
export const TopicMerged = z.object({
  into: TopicRow,
  moved: z.object({ persons: z.number().int(), organisations: z.number().int(), projects: z.number().int(), contentItems: z.number().int() }),
});
export const TagMerged = z.object({ into: TagRow, moved: z.object({ persons: z.number().int() }) });
export const TopicDeleted = z.object({ name: z.string(), removedFrom: z.object({ persons: z.number().int(), organisations: z.number().int() }) });
export const TagDeleted = z.object({ name: z.string(), removedFrom: z.object({ persons: z.number().int() }) });
