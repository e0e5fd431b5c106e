/**
 * Addresses inside the Zielgruppen section: `#/segments` is the list, `#/segments/new` a new segment (with
 * `?q=…` to start from a search, e.g. one made in Kontakte), `#/segments/42` one saved segment. Kept in the
 * hash so Back, reload and links from elsewhere land on the same view.
 */
export type SegmentsLocation = { page: 'list' } | { page: 'new'; query: string } | { page: 'edit'; id: number };

export function parseSegmentsHash(hash: string): SegmentsLocation {
  const [path = '', search = ''] = hash.replace(/^#\/?/, '').split('?');
  const clean = path.replace(/\/+$/, '');
  if (clean === 'segments/new') return { page: 'new', query: new URLSearchParams(search).get('q') ?? '' };
  const id = /^segments\/(\d+)$/.exec(clean)?.[1];
  if (id !== undefined && Number(id) > 0 && Number.isSafeInteger(Number(id))) return { page: 'edit', id: Number(id) };
  return { page: 'list' };
}

export const SEGMENTS_LIST_HASH = '#/segments';

export function newSegmentHash(query = ''): string {
  return query ? `#/segments/new?q=${encodeURIComponent(query)}` : '#/segments/new';
}

export const segmentHash = (id: number): string => `#/segments/${id}`;
