/** Organisationen: the list, or one organisation, depending on the address (see orgHash.ts). */
import { OrganisationList } from './OrganisationList';
import { OrganisationPage } from './OrganisationPage';
import { useHash } from '../../useHash';
import { parseOrgHash } from './orgHash';

export function OrganisationsScreen() {
  const hash = useHash();
  const location = parseOrgHash(hash);
  if (location.page === 'detail') return <OrganisationPage key={location.id} id={location.id} />;
  // Keyed by the address navigated to: following a link (or the navigation entry) starts from its filters.
  return <OrganisationList key={hash} initial={location.params} />;
}
