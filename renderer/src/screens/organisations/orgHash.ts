/**
 * Addresses inside the Organisationen section: `#/organisations?q=…&m=member&nokey=1` is the list with
 * its filters, `#/organisations/42` one organisation. Kept in the hash so Back, reload and links (the
 * dashboard's warning) land on the same view.
 */
import { MEMBERSHIPS, type Membership } from '../../../../shared/domain';

export interface ListParams {
  query: string;
  membership: Membership | undefined;
  withoutKeyContact: boolean;
}

export type OrgLocation = { page: 'list'; params: ListParams } | { page: 'detail'; id: number };

export function parseOrgHash(hash: string): OrgLocation {
  const [path = '', search = ''] = hash.replace(/^#\/?/, '').split('?');
  const id = /^organisations\/(\d+)$/.exec(path)?.[1];
  if (id !== undefined && Number(id) > 0) return { page: 'detail', id: Number(id) };
  const p = new URLSearchParams(search);
  const m = p.get('m');
  return {
    page: 'list',
    params: {
      query: p.get('q') ?? '',
      membership: MEMBERSHIPS.find((x) => x === m),
      withoutKeyContact: p.get('nokey') === '1',
    },
  };
}

export function listHash(params: ListParams): string {
  const p = new URLSearchParams();
  if (params.query) p.set('q', params.query);
  if (params.membership) p.set('m', params.membership);
  if (params.withoutKeyContact) p.set('nokey', '1');
  const s = p.toString();
  return s ? `#/organisations?${s}` : '#/organisations';
}

export const organisationHash = (id: number): string => `#/organisations/${id}`;
