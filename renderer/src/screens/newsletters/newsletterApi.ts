/**
 * The calls the newsletter screens make, typed by the contract's schemas (shared/newsletters/schemas.ts,
 * shared/content/schemas.ts). One place, so the screens do not care whether a method is already listed in
 * shared/api.ts or still travels through callUnlisted.
 */
import { z } from 'zod';
import { FilePayload } from '../../../../shared/contacts/schemas';
import { ContentList, type ContentListInput } from '../../../../shared/content/schemas';
import {
  NewsletterDetail,
  NewsletterSummary,
  Preview,
  PreviewRecipient,
  TemplateSummary,
  type MessageKind,
  type MessageLanguage,
  type NewsletterSave,
  type PreviewInput,
} from '../../../../shared/newsletters/schemas';
import { call, callUnlisted } from '../../api';

export const NewsletterList = z.object({ rows: z.array(NewsletterSummary) });
export const RecipientList = z.object({ rows: z.array(PreviewRecipient), total: z.number().int().optional() });
export type RecipientRow = z.infer<typeof PreviewRecipient>;

export const newsletterApi = {
  list: () => callUnlisted('newsletters/list', {}, NewsletterList),
  get: (id: number) => callUnlisted('newsletters/get', { id }, NewsletterDetail),
  create: (input: { kind: MessageKind; title: string; templateId?: number; languages: MessageLanguage[] }) => callUnlisted('newsletters/create', input, NewsletterDetail),
  save: (input: NewsletterSave) => callUnlisted('newsletters/save', input, NewsletterDetail),
  duplicate: (id: number) => callUnlisted('newsletters/duplicate', { id }, NewsletterDetail),
  remove: (id: number) => callUnlisted('newsletters/delete', { id, confirm: true }, z.object({ deleted: z.boolean() })),
  preview: (input: PreviewInput) => callUnlisted('newsletters/preview', input, Preview),
  recipients: (input: { id: number; search: string; segmentId?: number | null; limit?: number }) => callUnlisted('newsletters/recipients', input, RecipientList),
  export: (input: { id: number; personId?: number; language?: MessageLanguage; format: 'eml' | 'html' | 'mjml' }) => callUnlisted('newsletters/export', input, FilePayload),
  templates: () => callUnlisted('templates/list', {}, z.object({ rows: z.array(TemplateSummary) })),
  content: (input: ContentListInput) => callUnlisted('content/list', input, ContentList),
  segments: () => call('segments/list', {}),
};
