import { useEffect, useState } from 'react';

/**
 * The location hash, following navigation (links, Back, typing an address). Screens that mirror their
 * own filters into the hash use history.replaceState, which deliberately does not show up here.
 */
export function useHash(): string {
  const [hash, setHash] = useState(() => window.location.hash);
  useEffect(() => {
    const on = (): void => setHash(window.location.hash);
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return hash;
}
