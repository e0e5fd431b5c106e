/** Where in the content screen the address points: the items tab, the templates tab, or one template. */
export type ContentLocation = { tab: 'items' } | { tab: 'templates'; templateId: number | null };

export function parseContentHash(hash: string): ContentLocation {
  const parts = hash.replace(/^#\/?/, '').split(/[?&]/)[0]?.split('/') ?? [];
  if (parts[0] !== 'content' || parts[1] !== 'templates') return { tab: 'items' };
  const id = Number(parts[2]);
  return { tab: 'templates', templateId: Number.isInteger(id) && id > 0 ? id : null };
}

export const itemsHash = (): string => '#/content';
export const templatesHash = (): string => '#/content/templates';
export const templateHash = (id: number): string => `#/content/templates/${id}`;
