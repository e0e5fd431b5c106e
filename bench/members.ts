/**
 * A deterministic member list of any size, shaped like a German Excel export (";", umlauts, postcodes
 * with leading zeros, organisations shared by several persons, a few duplicate addresses).
 */
const FIRST = ['Jana', 'Jürgen', 'Björn', 'Özlem', 'Hélène', 'Łukasz', 'Anna', 'Thomas', 'Sabine', 'Mehmet', 'Claire', 'Wei', 'Søren', 'Fatma', 'Jörg', 'Ines'];
const LAST = ['Müller', 'Weiß', 'Schäfer', 'Groß', 'Köhler', 'Nguyen', 'Côté', 'Dąbrowski', 'Yılmaz', 'Fischer', 'Becker', 'Hoffmann', 'Schulz', 'Öztürk', 'Lehmann', 'Krüger'];
const CITIES: [string, string][] = [['01067', 'Dresden'], ['06108', 'Halle (Saale)'], ['39104', 'Magdeburg'], ['04109', 'Leipzig'], ['09111', 'Chemnitz'], ['06844', 'Dessau-Roßlau']];
const FORMS = ['GmbH', 'AG', 'GmbH & Co. KG', 'e.V.', 'UG (haftungsbeschränkt)', ''];

/** Park–Miller: the same list on every run, without Math.random. */
function prng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 48271) % 2147483647;
    return s / 2147483647;
  };
}

function cell(v: string): string {
  return /[;"\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
}

export function memberCsv(rows: number, seed = 42): string {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const lines = ['Anrede;Titel;Vorname;Nachname;E-Mail;Firma;Funktion;PLZ;Ort;Land;Telefon;Themen'];
  const orgs = Math.max(1, Math.floor(rows / 8));
  let previousEmail = '';
  for (let i = 0; i < rows; i++) {
    const first = pick(FIRST);
    const last = pick(LAST);
    const org = Math.floor(rnd() * orgs);
    const [plz, city] = pick(CITIES);
    // Every 200th row repeats the previous address in capitals: duplicates the import must find.
    const own = `${first}.${last}.${i}@firma${org}.example`.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z0-9.@]/g, '').toLowerCase();
    const email = i > 0 && i % 200 === 0 ? previousEmail.toUpperCase() : own;
    previousEmail = own;
    lines.push(
      [
        rnd() < 0.5 ? 'Frau' : 'Herr',
        rnd() < 0.1 ? 'Dr.' : '',
        first,
        last,
        email,
        `Firma ${org} ${pick(FORMS)}`.trim(),
        pick(['Geschäftsführung', 'Vertrieb', 'F&E', 'Einkauf', 'Internationalisierung']),
        plz,
        city,
        'Deutschland',
        `+49 ${100 + (i % 900)} ${1000000 + i}`,
        pick(['Leichtbau', 'Additive Fertigung', 'Wasserstoff; Recycling', '']),
      ]
        .map(cell)
        .join(';'),
    );
  }
  return lines.join('\r\n') + '\r\n';
}
