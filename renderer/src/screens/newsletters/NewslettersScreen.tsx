/** Newsletter & Mailings: the list of issues and mailings, or one issue's composer, depending on the address. */
import { useHash } from '../../useHash';
import { Composer } from './Composer';
import { NewsletterList } from './NewsletterList';
import { parseNewslettersHash } from './newslettersHash';

export function NewslettersScreen() {
  const location = parseNewslettersHash(useHash());
  // Keyed by the id: opening another issue starts from its saved state and its own history.
  if (location.page === 'compose') return <Composer key={location.id} id={location.id} />;
  return <NewsletterList />;
}
