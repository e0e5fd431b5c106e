/** Addresses inside "Newsletter & Mailings": `#/newsletters` is the list, `#/newsletters/42` one issue's composer. */
export type NewslettersLocation = { page: 'list' } | { page: 'compose'; id: number };

export function parseNewslettersHash(hash: string): NewslettersLocation {
  const [path = ''] = hash.replace(/^#\/?/, '').split('?');
  const id = /^newsletters\/(\d+)\/?$/.exec(path)?.[1];
  if (id !== undefined && Number(id) > 0 && Number.isSafeInteger(Number(id))) return { page: 'compose', id: Number(id) };
  return { page: 'list' };
}

export const NEWSLETTERS_HASH = '#/newsletters';
export const composerHash = (id: number): string => `#/newsletters/${id}`;
