/**
 * The item editor's state and its translation into `content/save`. Kept apart from the component so the
 * rules (which language versions are sent, which problem lands under which field) are plain functions.
 */
import { ContentSave, type ContentItem } from '../../../../shared/content/schemas';
import type { Confidentiality, InformationKind } from '../../../../shared/domain';

export type Lang = 'de' | 'en';

export interface ItemForm {
  id?: number;
  texts: Record<Lang, { title: string; body: string }>;
  topic: string;
  projectId: number | null;
  region: string | null;
  informationKind: InformationKind;
  confidentiality: Confidentiality;
  groupProjectId: number | null;
  groupSegmentId: number | null;
  imageAssetId: number | null;
  imageAlt: string;
  link: string;
  embargoUntil: string;
  status: 'draft' | 'ready';
}

export function emptyForm(): ItemForm {
  return {
    texts: { de: { title: '', body: '' }, en: { title: '', body: '' } },
    topic: '',
    projectId: null,
    region: null,
    informationKind: 'technological_knowledge',
    confidentiality: 'members',
    groupProjectId: null,
    groupSegmentId: null,
    imageAssetId: null,
    imageAlt: '',
    link: '',
    embargoUntil: '',
    status: 'draft',
  };
}

export function formOf(item: ContentItem): ItemForm {
  return {
    id: item.id,
    texts: {
      de: { title: item.texts.de?.title ?? '', body: item.texts.de?.body ?? '' },
      en: { title: item.texts.en?.title ?? '', body: item.texts.en?.body ?? '' },
    },
    topic: item.topic ?? '',
    projectId: item.projectId,
    region: item.region,
    informationKind: item.informationKind,
    confidentiality: item.confidentiality,
    groupProjectId: item.groupProjectId,
    groupSegmentId: item.groupSegmentId,
    imageAssetId: item.imageAssetId,
    imageAlt: item.imageAlt ?? '',
    link: item.link ?? '',
    embargoUntil: item.embargoUntil ?? '',
    // "used" is derived on the server; what the user chooses is draft or ready.
    status: item.status === 'draft' ? 'draft' : 'ready',
  };
}

/** A language version is sent when it has a title or a text; an empty one means "no version". */
export function saveInput(form: ItemForm): ContentSave {
  const texts: ContentSave['texts'] = {};
  for (const lang of ['de', 'en'] as const) {
    const t = form.texts[lang];
    if (t.title.trim() !== '' || t.body.trim() !== '') texts[lang] = { title: t.title, body: t.body };
  }
  const orNull = (s: string): string | null => (s.trim() === '' ? null : s.trim());
  return {
    ...(form.id !== undefined ? { id: form.id } : {}),
    texts,
    topic: orNull(form.topic),
    projectId: form.projectId,
    region: form.region,
    informationKind: form.informationKind,
    confidentiality: form.confidentiality,
    groupProjectId: form.confidentiality === 'project_group' ? form.groupProjectId : null,
    groupSegmentId: form.confidentiality === 'confidential' ? form.groupSegmentId : null,
    imageAssetId: form.imageAssetId,
    imageAlt: form.imageAssetId === null ? null : orNull(form.imageAlt),
    link: orNull(form.link),
    embargoUntil: orNull(form.embargoUntil),
    status: form.status,
  };
}

/** Field keys the editor shows messages under. */
export type FieldKey = 'de.title' | 'en.title' | 'groupProjectId' | 'groupSegmentId' | 'imageAlt' | 'link' | 'region' | 'embargoUntil' | 'topic' | 'form';
export type FieldErrors = Partial<Record<FieldKey, string>>;

/** Which field an issue path (zod's on this side, the server's `bad_input` issues) belongs to. */
export function fieldOf(path: string): FieldKey {
  if (path === 'texts' || path === 'texts.de' || path === 'texts.de.title') return 'de.title';
  if (path === 'texts.en' || path === 'texts.en.title') return 'en.title';
  if (path === 'groupProjectId' || path === 'groupSegmentId' || path === 'imageAlt' || path === 'link' || path === 'region' || path === 'embargoUntil' || path === 'topic') return path;
  return 'form';
}

/** Checks on this side, with the same schema the server uses; messages are keys the editor translates. */
export function localProblems(form: ItemForm): { field: FieldKey; path: string; message: string }[] {
  const parsed = ContentSave.safeParse(saveInput(form));
  if (parsed.success) return [];
  return parsed.error.issues.map((i) => {
    const path = i.path.map(String).join('.');
    return { field: fieldOf(path), path, message: i.message };
  });
}
