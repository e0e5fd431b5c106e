/**
 * The calls the newsletter screens make, in one place (shared/api.ts: newsletters/*, templates/*, content/*),
 * so the screens read as what they do.
 */
import type { ContentListInput } from '../../../../shared/content/schemas';
import type { MessageKind, MessageLanguage, NewsletterSave, PreviewInput, RecipientList } from '../../../../shared/newsletters/schemas';
import { call } from '../../api';

export type RecipientRow = RecipientList['rows'][number];

export const newsletterApi = {
  list: () => call('newsletters/list', {}),
  get: (id: number) => call('newsletters/get', { id }),
  create: (input: { kind: MessageKind; title: string; templateId?: number; languages: MessageLanguage[] }) => call('newsletters/create', input),
  save: (input: NewsletterSave) => call('newsletters/save', input),
  duplicate: (id: number) => call('newsletters/duplicate', { id }),
  remove: (id: number) => call('newsletters/delete', { id, confirm: true }),
  preview: (input: PreviewInput) => call('newsletters/preview', input),
  recipients: (input: { id: number; search: string; segmentId?: number | null; limit?: number }) => call('newsletters/recipients', input),
  export: (input: { id: number; personId?: number; language?: MessageLanguage; format: 'eml' | 'html' | 'mjml' }) => call('newsletters/export', input),
  templates: () => call('templates/list', {}),
  template: (id: number) => call('templates/get', { id }),
  content: (input: ContentListInput) => call('content/list', input),
  segments: () => call('segments/list', {}),
};
