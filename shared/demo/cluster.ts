/**
 * The embedded demo cluster: a fictional lightweight-construction cluster in Saxony-Anhalt and Saxony
 * with partner regions in France, Singapore and Québec. Every person, organisation, address, phone
 * number and website is invented; websites and e-mail domains use the reserved `.example` TLD so a
 * demo mailing can never reach a real inbox.
 *
 * Organisations and people are written out by hand so the data reads like a real member list; only
 * the repetitive per-person details (interests, verification dates, consent records) are derived with
 * a small seeded PRNG, seeded from each person's name so that adding or reordering people does not
 * reshuffle everyone else.
 */
import type { InformationKind, OrganisationKind, Salutation } from '../domain';
import type { DemoCluster, DemoConsent, DemoOrganisation, DemoPerson, DemoProject, DemoSegment } from './types';

const NETWORK_NAME = 'Leichtbau-Cluster Mittelelbe';

const T_FVW = 'Faserverbundwerkstoffe';
const T_AM = 'Additive Fertigung';
const T_REC = 'Recycling von Verbundwerkstoffen';
const T_H2 = 'Wasserstofftanks';
const T_KFZ = 'Leichtbau im Fahrzeugbau';
const T_SIM = 'Simulation und Prüfung';
const T_HOLZ = 'Holz-Hybrid-Bau';
const T_AUTO = 'Automatisierte Fertigung';
const TOPICS = [T_FVW, T_AM, T_REC, T_H2, T_KFZ, T_SIM, T_HOLZ, T_AUTO];

const R_SA = 'Sophia Antipolis';
const R_SG = 'Singapur';
const R_QC = 'Québec';
const REGIONS = [
  { name: R_SA, country: 'FR' },
  { name: R_SG, country: 'SG' },
  { name: R_QC, country: 'CA' },
];

const N_H2 = 'Netzwerk Wasserstoff Mitteldeutschland';
const N_FLO = 'Forschungsallianz Leichtbau Ost';
const N_HOLZ = 'Holzbau-Initiative Elbe-Saale';
const OTHER_NETWORKS = [N_H2, N_FLO, N_HOLZ];

const TAG_JEC = 'Messe JEC 2026';
const TAG_BEIRAT = 'Beirat';
const TAG_PRESSE = 'Presse';
const TAG_VORSTAND = 'Vorstand';
const TAG_AG_REC = 'Arbeitsgruppe Recycling';
const TAG_MULTI = 'Multiplikator';
const TAG_NEU = 'Neumitglied 2026';
const TAGS = [TAG_JEC, TAG_BEIRAT, TAG_PRESSE, TAG_VORSTAND, TAG_AG_REC, TAG_MULTI, TAG_NEU];

const ST = 'Sachsen-Anhalt';
const SN = 'Sachsen';

/** Organisation plus the bits only the person generator needs (phone pattern, e-mail convention). */
interface OrgSpec extends Omit<DemoOrganisation, 'website'> {
  /** Host name without scheme; the website and every e-mail domain derive from it. */
  host: string;
  /** Phone number pattern; `##` becomes a two-digit extension per person. */
  phone: string | null;
  /** Some organisations abbreviate the first name in addresses; real member lists mix both styles. */
  mailStyle?: 'first.last' | 'f.last';
}

function org(
  key: string,
  name: string,
  kind: OrganisationKind,
  employees: number | null,
  place: { country: string; region: string | null; city: string; postcode: string },
  host: string,
  phone: string | null,
  topics: string[],
  extra: { membership?: DemoOrganisation['membership']; networks?: string[]; mailStyle?: 'first.last' | 'f.last' } = {},
): OrgSpec {
  return {
    key,
    name,
    kind,
    employees,
    country: place.country,
    region: place.region,
    city: place.city,
    postcode: place.postcode,
    host,
    phone,
    membership: extra.membership ?? 'member',
    topics,
    networks: extra.networks ?? [],
    ...(extra.mailStyle ? { mailStyle: extra.mailStyle } : {}),
  };
}

const de = (region: string, city: string, postcode: string) => ({ country: 'DE', region, city, postcode });
const ABROAD = { membership: 'partner_abroad' } as const;
const EXTERNAL = { membership: 'external' } as const;

const ORGS: OrgSpec[] = [
  // The cluster management itself: the node "where all threads come together".
  org('lcm', 'Leichtbau-Cluster Mittelelbe e.V. – Clustermanagement', 'cluster_management', 9,
    de(ST, 'Magdeburg', '39104'), 'www.leichtbau-mittelelbe.example', '+49 391 5558120-##', TOPICS),

  // Large firms
  org('elbe-aero', 'Elbe Aerostructures GmbH', 'large_firm', 1200,
    de(ST, 'Dessau-Roßlau', '06844'), 'www.elbe-aerostructures.example', '+49 340 555310-##',
    [T_FVW, T_AUTO, T_SIM], { networks: [N_FLO], mailStyle: 'f.last' }),
  org('saalewerk', 'Saalewerk Fahrzeugtechnik AG', 'large_firm', 2400,
    de(ST, 'Halle (Saale)', '06112'), 'www.saalewerk-fahrzeugtechnik.example', '+49 345 5557700-##',
    [T_KFZ, T_FVW, T_H2], { networks: [N_H2] }),
  org('muldental', 'Muldental Automotive Systems GmbH', 'large_firm', 850,
    de(SN, 'Chemnitz', '09120'), 'www.muldental-automotive.example', '+49 371 555420-##',
    [T_KFZ, T_AUTO], { mailStyle: 'f.last' }),

  // Medium-sized firms
  org('carbonwerk', 'Carbonwerk Magdeburg GmbH', 'medium_firm', 180,
    de(ST, 'Magdeburg', '39112'), 'www.carbonwerk-magdeburg.example', '+49 391 555640-##',
    [T_FVW, T_REC, T_AUTO], { networks: [N_FLO] }),
  org('boerde', 'Börde Composites GmbH', 'medium_firm', 95,
    de(ST, 'Haldensleben', '39340'), 'www.boerde-composites.example', '+49 3904 55512-##', [T_FVW, T_KFZ]),
  org('harzguss', 'Harzer Leichtmetallguss GmbH', 'medium_firm', 140,
    de(ST, 'Wernigerode', '38855'), 'www.harzer-leichtmetallguss.example', '+49 3943 55580-##', [T_KFZ, T_SIM]),
  org('sft', 'Sächsische Faserverbund Technik GmbH', 'medium_firm', 210,
    de(SN, 'Dresden', '01109'), 'www.saechsische-faserverbund.example', '+49 351 555890-##',
    [T_FVW, T_H2, T_AUTO], { networks: [N_H2] }),
  org('anhaltform', 'Anhalt Formenbau GmbH', 'medium_firm', 75,
    de(ST, 'Köthen (Anhalt)', '06366'), 'www.anhalt-formenbau.example', '+49 3496 55521-##', [T_AUTO, T_AM]),

  // Small firms
  org('pruef-sbk', 'Prüftechnik Schönebeck GmbH', 'small_firm', 32,
    de(ST, 'Schönebeck (Elbe)', '39218'), 'www.pruef-schoenebeck.example', '+49 3928 55534-##', [T_SIM, T_FVW]),
  org('weissenfels', 'Weißenfelser Kunststoffverarbeitung GmbH', 'small_firm', 41,
    de(ST, 'Weißenfels', '06667'), 'www.wkv-weissenfels.example', '+49 3443 55547-##', [T_REC, T_AUTO]),
  org('holzbau-flaeming', 'Holzbau Fläming GmbH', 'small_firm', 28,
    de(ST, 'Zerbst/Anhalt', '39261'), 'www.holzbau-flaeming.example', '+49 3923 55519-##',
    [T_HOLZ], { networks: [N_HOLZ] }),
  org('roboterzelle', 'Roboterzelle Leipzig GmbH', 'small_firm', 22,
    de(SN, 'Leipzig', '04109'), 'www.roboterzelle-leipzig.example', '+49 341 5552260-##', [T_AUTO, T_AM]),
  org('simbuero', 'Simulationsbüro Groß & Partner GmbH', 'small_firm', 14,
    de(SN, 'Dresden', '01069'), 'www.simulation-gross.example', '+49 351 555143-##',
    [T_SIM, T_HOLZ], { mailStyle: 'f.last' }),
  org('tankwerk', 'Tankwerk Bitterfeld GmbH', 'small_firm', 46,
    de(ST, 'Bitterfeld-Wolfen', '06749'), 'www.tankwerk-bitterfeld.example', '+49 3493 55546-##',
    [T_H2, T_FVW], { networks: [N_H2] }),

  // Micro firms
  org('lasersinter', 'Staßfurter Lasersinter-Manufaktur UG (haftungsbeschränkt)', 'micro_firm', 6,
    de(ST, 'Staßfurt', '39418'), 'www.lasersinter-stassfurt.example', '+49 3925 55506-##', [T_AM]),
  org('ib-koehler', 'Ingenieurbüro Köhler Leichtbau', 'micro_firm', 4,
    de(ST, 'Halberstadt', '38820'), 'www.ib-koehler.example', '+49 3941 55504-##',
    [T_SIM, T_HOLZ], { networks: [N_HOLZ] }),
  org('faserdesign', 'Faserdesign Quedlinburg', 'micro_firm', 3,
    de(ST, 'Quedlinburg', '06484'), 'www.faserdesign-quedlinburg.example', null, [T_FVW]),
  org('meissner-harz', 'Meißner Harzsysteme e.K.', 'micro_firm', 8,
    de(SN, 'Meißen', '01662'), 'www.meissner-harzsysteme.example', '+49 3521 55508-##', [T_FVW, T_REC]),

  // Start-ups
  org('recycarb', 'RecyCarb GmbH', 'startup', 12,
    de(ST, 'Magdeburg', '39106'), 'www.recycarb.example', '+49 391 555712-##', [T_REC, T_FVW]),
  org('hyshell', 'HyShell Technologies GmbH', 'startup', 9,
    de(SN, 'Leipzig', '04103'), 'www.hyshell.example', '+49 341 555909-##', [T_H2], { networks: [N_H2] }),
  org('printlight', 'Printlight UG (haftungsbeschränkt)', 'startup', 5,
    de(SN, 'Chemnitz', '09126'), 'www.printlight.example', null, [T_AM]),

  // Research institutes
  org('iflm', 'Institut für Faserverbund- und Leichtbautechnik Mittelelbe (IFLM)', 'research_institute', 260,
    de(ST, 'Magdeburg', '39106'), 'www.iflm-magdeburg.example', '+49 391 5556260-##',
    [T_FVW, T_REC, T_SIM], { networks: [N_FLO] }),
  org('fhs-dd', 'Forschungszentrum Hybride Strukturen Dresden', 'research_institute', 180,
    de(SN, 'Dresden', '01187'), 'www.fhs-dresden.example', '+49 351 5554180-##',
    [T_H2, T_FVW, T_SIM], { networks: [N_H2, N_FLO] }),
  org('ihb-halle', 'Institut für Holzwerkstoffe und Bauwesen Halle', 'research_institute', 65,
    de(ST, 'Halle (Saale)', '06120'), 'www.ihb-halle.example', '+49 345 5553065-##',
    [T_HOLZ, T_SIM], { networks: [N_HOLZ] }),

  // Universities
  org('hs-elbe-boerde', 'Hochschule Elbe-Börde', 'university', 900,
    de(ST, 'Magdeburg', '39114'), 'www.hs-elbe-boerde.example', '+49 391 5559900-##', [T_FVW, T_AUTO, T_AM]),
  org('th-saale-unstrut', 'Technische Hochschule Saale-Unstrut', 'university', 650,
    de(ST, 'Merseburg', '06217'), 'www.th-saale-unstrut.example', '+49 3461 555650-##',
    [T_HOLZ, T_SIM, T_REC], { networks: [N_FLO] }),

  // Association, public body, investor, other
  org('vmk', 'Verband Mitteldeutscher Kunststoffverarbeiter e.V.', 'association', null,
    de(SN, 'Leipzig', '04107'), 'www.vmk-verband.example', '+49 341 555318-##', [T_REC, T_FVW]),
  org('zv-elbaue', 'Zweckverband Technologiepark Elbaue', 'public_body', null,
    de(ST, 'Schönebeck (Elbe)', '39218'), 'www.technologiepark-elbaue.example', '+49 3928 55570-##', [T_AUTO, T_H2]),
  org('mev', 'Mittelelbe Ventures GmbH & Co. KG', 'investor', 7,
    de(SN, 'Leipzig', '04105'), 'www.mittelelbe-ventures.example', '+49 341 555707-##', [T_H2, T_AM, T_REC]),
  org('stiftung', 'Stiftung Leichtbau-Nachwuchs Mitteldeutschland', 'other', 3,
    de(ST, 'Halle (Saale)', '06108'), 'www.leichtbau-nachwuchs.example', '+49 345 555203-##', [T_AM, T_HOLZ]),

  // Partners abroad: Sophia Antipolis
  org('imc-sophia', 'Institut Méditerranéen des Composites', 'research_institute', 120,
    { country: 'FR', region: "Provence-Alpes-Côte d'Azur", city: 'Valbonne', postcode: '06560' },
    'www.imc-composites.example', '+33 4 93 55 01 ##', [T_FVW, T_REC], ABROAD),
  org('azur-structures', 'Azur Structures SAS', 'medium_firm', 85,
    { country: 'FR', region: "Provence-Alpes-Côte d'Azur", city: 'Biot', postcode: '06410' },
    'www.azur-structures.example', '+33 4 92 55 02 ##', [T_FVW, T_AUTO], ABROAD),
  // Partners abroad: Singapore
  org('straits-am', 'Straits Advanced Materials Pte. Ltd.', 'large_firm', 420,
    { country: 'SG', region: null, city: 'Singapore', postcode: '628999' },
    'www.straits-materials.example', '+65 6555 03##', [T_H2, T_AUTO], ABROAD),
  org('marina-crc', 'Marina Composites Research Centre', 'research_institute', 90,
    { country: 'SG', region: null, city: 'Singapore', postcode: '138999' },
    'www.marina-crc.example', '+65 6555 04##', [T_H2, T_FVW, T_SIM], ABROAD),
  // Partners abroad: Québec
  org('u-saint-laurent', 'Université du Saint-Laurent', 'university', 2100,
    { country: 'CA', region: 'Québec', city: 'Québec', postcode: 'G1K 9Z9' },
    'www.u-saint-laurent.example', '+1 418 555-05##', [T_HOLZ, T_SIM], ABROAD),
  org('lumen-bois', 'Lumen Bois Technologies Inc.', 'startup', 18,
    { country: 'CA', region: 'Québec', city: 'Lévis', postcode: 'G6V 9Z9' },
    'www.lumenbois.example', '+1 418 555-06##', [T_HOLZ], ABROAD),

  // External: press and politics
  org('leichtbau-praxis', 'Leichtbau-Praxis – Fachmagazin für Werkstoffe und Konstruktion', 'other', 25,
    de(SN, 'Leipzig', '04229'), 'www.leichtbau-praxis.example', '+49 341 555425-##', [T_FVW, T_AM, T_KFZ], EXTERNAL),
  org('ministerium', 'Landesministerium für Innovation und Strukturwandel', 'public_body', null,
    de(ST, 'Magdeburg', '39114'), 'www.innovation-strukturwandel.example', '+49 391 555567-##', [T_H2, T_KFZ], EXTERNAL),
  org('kurier', 'Elbe-Saale-Kurier', 'other', 140,
    de(ST, 'Halle (Saale)', '06108'), 'www.elbe-saale-kurier.example', '+49 345 555140-##', [T_KFZ, T_H2], EXTERNAL),
];

/** The three member organisations the app should flag for having no key contact. */
const WITHOUT_KEY_CONTACT = new Set(['muldental', 'harzguss', 'tankwerk']);

type PersonOpts = {
  lang?: string;
  status?: DemoPerson['status'];
  tags?: string[];
  topics?: string[];
  regions?: string[];
  /** Explicit null means "never verified". */
  verified?: string | null;
  /** No consent on record, e.g. a business card from a trade fair, which is not consent by itself. */
  noConsent?: boolean;
  source?: string;
};

interface PersonSpec {
  salutation: Salutation;
  title: string | null;
  firstName: string;
  lastName: string;
  function: string;
  opts: PersonOpts;
}

const F: Salutation = 'frau';
const H: Salutation = 'herr';
const D: Salutation = 'divers';
const N: Salutation = 'none';
const DR = 'Dr.';
const PROF = 'Prof. Dr.';

function p(
  salutation: Salutation,
  title: string | null,
  firstName: string,
  lastName: string,
  fn: string,
  opts: PersonOpts = {},
): PersonSpec {
  return { salutation, title, firstName, lastName, function: fn, opts };
}

const JEC_CARD = 'Visitenkarte Messe JEC 2026';
const JEC_SOURCE = 'Messe JEC 2026';

/** People per organisation; the first listed is the key contact unless the org is in WITHOUT_KEY_CONTACT. */
const PEOPLE: [string, PersonSpec[]][] = [
  ['lcm', [
    p(F, DR, 'Katrin', 'Weiß', 'Geschäftsführerin'),
    p(H, null, 'Jonas', 'Schäfer', 'Referent Internationalisierung', { regions: [R_SA, R_SG, R_QC] }),
    p(F, null, 'Miriam', 'Hoffmann', 'Projektmanagerin F&E-Kooperationen', { regions: [R_SG] }),
    p(D, null, 'Alex', 'Brandt', 'Kommunikation & Newsletter', { tags: [TAG_PRESSE] }),
    p(F, null, 'Svenja', 'Lorenz', 'Teamassistenz und Veranstaltungen'),
    p(H, DR, 'Thomas', 'Günther', 'Leiter Technologietransfer'),
  ]],
  ['elbe-aero', [
    p(H, DR, 'Jürgen', 'Krause', 'Leiter Forschung & Entwicklung', { tags: [TAG_BEIRAT] }),
    p(F, null, 'Sabine', 'Vogel', 'Leiterin Einkauf'),
    p(H, null, 'Björn', 'Hartmann', 'Teamleiter Composite-Fertigung'),
    p(F, DR, 'Anja', 'Richter', 'Werkstoffingenieurin'),
    p(H, null, 'Daniel', 'Walsh', 'Head of Business Development', { lang: 'en' }),
    p(H, null, 'Matthias', 'Zimmermann', 'Vertriebsleiter Luftfahrt', { source: JEC_SOURCE, tags: [TAG_JEC] }),
    p(F, null, 'Lena', 'Schubert', 'Referentin Unternehmenskommunikation', { tags: [TAG_PRESSE] }),
  ]],
  ['saalewerk', [
    p(F, PROF, 'Claudia', 'Neumann', 'Vorständin Technik', { tags: [TAG_VORSTAND] }),
    p(H, null, 'Stefan', 'Groß', 'Leiter Vorentwicklung Leichtbau'),
    p(H, DR, 'Frank', 'Wolff', 'Leiter Wasserstoffsysteme'),
    p(F, null, 'Julia', 'Krüger', 'Innovationsmanagerin', { tags: [TAG_MULTI] }),
    p(H, null, 'Rajiv', 'Menon', 'Senior Engineer Simulation', { lang: 'en' }),
    p(F, null, 'Petra', 'Schulze', 'Leiterin Personalentwicklung', { status: 'bounced' }),
    p(H, null, 'Tobias', 'Seidel', 'Projektingenieur Karosserieleichtbau'),
  ]],
  ['muldental', [
    p(H, null, 'Uwe', 'Fischer', 'Werkleiter'),
    p(F, DR, 'Ines', 'Bauer', 'Leiterin Entwicklung'),
    p(H, null, 'Kevin', 'Lehmann', 'Vertriebsleiter'),
    p(F, null, 'Nadine', 'Scholz', 'Einkäuferin Rohstoffe', { noConsent: true, source: JEC_CARD, tags: [TAG_JEC] }),
    p(H, null, 'Marco', 'Böhm', 'Fertigungsplaner', { status: 'unsubscribed' }),
    p(H, null, 'Sebastian', 'Kühn', 'Qualitätsmanager'),
  ]],
  ['carbonwerk', [
    p(H, DR, 'Henrik', 'Sommer', 'Geschäftsführer', { tags: [TAG_VORSTAND] }),
    p(F, null, 'Anke', 'Schröder', 'Leiterin Forschung & Entwicklung', { tags: [TAG_AG_REC] }),
    p(H, null, 'Felix', 'Otto', 'Projektleiter COMPOSITE-SA', { regions: [R_SA] }),
    p(F, null, 'Marie', 'Kramer', 'Vertriebsleiterin Export', { source: JEC_SOURCE, tags: [TAG_JEC], regions: [R_SA, R_SG] }),
    p(H, null, 'Paul', 'Winkler', 'Produktionsleiter'),
  ]],
  ['boerde', [
    p(F, null, 'Birgit', 'Meyer', 'Geschäftsführerin'),
    p(H, null, 'Lars', 'Jäger', 'Technischer Leiter'),
    p(H, null, 'Michael', 'Franke', 'Vertriebsleiter', { noConsent: true, source: JEC_CARD, tags: [TAG_JEC] }),
    p(F, null, 'Carina', 'Ludwig', 'Assistenz der Geschäftsführung'),
  ]],
  ['harzguss', [
    p(H, null, 'Klaus-Dieter', 'Pohl', 'Geschäftsführer'),
    p(F, null, 'Simone', 'Arnold', 'Leiterin Qualitätssicherung'),
    p(H, null, 'Patrick', 'Haase', 'Vertriebsingenieur', { noConsent: true, source: JEC_CARD, tags: [TAG_JEC] }),
    p(H, null, 'Ralf', 'Busch', 'Leiter Gießerei', { noConsent: true, verified: null, source: 'Import Altbestand 2023' }),
  ]],
  ['sft', [
    p(H, DR, 'Andreas', 'Pietsch', 'Geschäftsführer'),
    p(F, null, 'Kerstin', 'Schmitt', 'Leiterin Forschung & Entwicklung'),
    p(H, null, 'Florian', 'Beck', 'Projektleiter H2TANK-SG', { regions: [R_SG] }),
    p(F, null, 'Yuki', 'Tanaka', 'Applikationsingenieurin', { lang: 'en' }),
    p(H, null, 'René', 'Walter', 'Vertriebsleiter Asien', { regions: [R_SG] }),
  ]],
  ['anhaltform', [
    p(H, null, 'Dirk', 'Hahn', 'Geschäftsführer'),
    p(F, null, 'Manuela', 'Schwarz', 'Kaufmännische Leiterin'),
    p(H, null, 'Norbert', 'Keller', 'Leiter Werkzeugbau'),
    p(H, null, 'Jan-Philipp', 'Roth', 'Konstrukteur'),
  ]],
  ['pruef-sbk', [
    p(F, DR, 'Heike', 'Wendland', 'Geschäftsführerin'),
    p(H, null, 'Christian', 'Berger', 'Laborleiter'),
    p(F, null, 'Tanja', 'Möller', 'Vertrieb und Kundenbetreuung'),
  ]],
  ['weissenfels', [
    p(H, null, 'Torsten', 'Schulz', 'Geschäftsführer', { tags: [TAG_AG_REC] }),
    p(F, null, 'Sandra', 'Koch', 'Leiterin Vertrieb'),
    p(H, null, 'Mario', 'Heinrich', 'Verfahrensingenieur', { status: 'unsubscribed' }),
  ]],
  ['holzbau-flaeming', [
    p(H, null, 'Gregor', 'Thiel', 'Geschäftsführer', { regions: [R_QC] }),
    p(F, null, 'Franziska', 'Kraus', 'Bauingenieurin Projektentwicklung'),
  ]],
  ['roboterzelle', [
    p(H, null, 'Philipp', 'Reinhardt', 'Geschäftsführer'),
    p(F, null, 'Johanna', 'Friedrich', 'Leiterin Softwareentwicklung'),
    p(H, null, 'Ahmet', 'Yılmaz', 'Vertriebsingenieur'),
  ]],
  ['simbuero', [
    p(H, DR, 'Martin', 'Groß', 'Geschäftsführender Gesellschafter'),
    p(F, DR, 'Elena', 'Popescu', 'Berechnungsingenieurin', { lang: 'en' }),
    p(H, null, 'Benedikt', 'Ziegler', 'Projektingenieur'),
  ]],
  ['tankwerk', [
    p(H, null, 'Holger', 'Peters', 'Geschäftsführer'),
    p(F, null, 'Daniela', 'Frank', 'Leiterin Technik'),
  ]],
  ['lasersinter', [
    p(H, null, 'Steffen', 'Kaiser', 'Geschäftsführer'),
    p(F, null, 'Nicole', 'Fuchs', 'Anwendungstechnik'),
  ]],
  ['ib-koehler', [
    p(H, null, 'Bernd', 'Köhler', 'Inhaber'),
  ]],
  ['faserdesign', [
    p(F, null, 'Luise', 'Engel', 'Inhaberin', { source: JEC_SOURCE, tags: [TAG_JEC], regions: [R_SA] }),
  ]],
  ['meissner-harz', [
    p(H, null, 'Rüdiger', 'Sauer', 'Inhaber'),
    p(F, null, 'Katja', 'Brückner', 'Vertrieb'),
  ]],
  ['recycarb', [
    p(F, DR, 'Sarah', 'Albrecht', 'Gründerin und Geschäftsführerin', { tags: [TAG_AG_REC] }),
    p(H, null, 'Moritz', 'Graf', 'Mitgründer, Technik'),
  ]],
  ['hyshell', [
    p(H, null, 'Niklas', 'Voigt', 'CEO'),
    p(D, null, 'Kim', 'Petersen', 'Head of Business Development', { lang: 'en', regions: [R_SG] }),
  ]],
  ['printlight', [
    p(F, null, 'Hannah', 'Schuster', 'Gründerin', { tags: [TAG_NEU] }),
    p(H, null, 'Luca', 'Rossi', 'Mitgründer, Softwareentwicklung', { lang: 'en', tags: [TAG_NEU] }),
  ]],
  ['iflm', [
    p(H, PROF, 'Reinhard', 'Vogt', 'Institutsleiter', { tags: [TAG_BEIRAT] }),
    p(F, DR, 'Susanne', 'Berg', 'Abteilungsleiterin Recycling', { tags: [TAG_AG_REC] }),
    p(H, DR, 'Karsten', 'Mertens', 'Gruppenleiter Prüftechnik'),
    p(F, DR, 'Aylin', 'Demir', 'Wissenschaftliche Mitarbeiterin'),
    p(H, null, 'Maximilian', 'Horn', 'Doktorand Faserrecycling'),
    p(F, DR, 'Olga', 'Ivanova', 'Postdoc Simulation', { lang: 'en' }),
    p(H, DR, 'Georg', 'Pfeiffer', 'Leiter Technologietransfer', { tags: [TAG_MULTI] }),
    p(F, null, 'Ulrike', 'Naumann', 'Referentin Öffentlichkeitsarbeit', { tags: [TAG_PRESSE] }),
  ]],
  ['fhs-dd', [
    p(F, PROF, 'Beate', 'Hofmann', 'Direktorin'),
    p(H, DR, 'Jörg', 'Baumann', 'Leiter Abteilung Druckbehälter'),
    p(H, DR, 'Wei', 'Chen', 'Gruppenleiter Thermoplaste', { lang: 'en', regions: [R_SG] }),
    p(F, DR, 'Stefanie', 'Kern', 'Projektleiterin H2TANK-SG', { regions: [R_SG] }),
    p(H, null, 'Tim', 'Haupt', 'Wissenschaftlicher Mitarbeiter', { status: 'unsubscribed' }),
    p(F, null, 'Annika', 'Simon', 'Referentin Forschungskooperationen'),
    p(H, PROF, 'Hans-Jürgen', 'Lindner', 'Senior Scientist', { tags: [TAG_BEIRAT] }),
  ]],
  ['ihb-halle', [
    p(H, PROF, 'Wolfgang', 'Ebert', 'Institutsleiter'),
    p(F, DR, 'Marlene', 'Fiedler', 'Abteilungsleiterin Holz-Hybrid-Konstruktionen', { regions: [R_QC] }),
    p(H, DR, 'Konrad', 'Wendt', 'Projektleiter TIMBERLIGHT-QC', { regions: [R_QC] }),
    p(F, null, 'Isabel', 'Martins', 'Wissenschaftliche Mitarbeiterin', { lang: 'en' }),
    p(H, null, 'Lukas', 'Seifert', 'Laboringenieur'),
  ]],
  ['hs-elbe-boerde', [
    p(H, PROF, 'Dietmar', 'Schenk', 'Prorektor Forschung und Transfer', { tags: [TAG_BEIRAT] }),
    p(F, PROF, 'Gabriele', 'Wolf', 'Professur Leichtbaukonstruktion'),
    p(H, PROF, 'Ingo', 'Hesse', 'Professur Fertigungsautomatisierung'),
    p(F, DR, 'Nora', 'Lindemann', 'Leiterin Transferstelle', { tags: [TAG_MULTI] }),
    p(H, DR, 'Samuel', 'Okafor', 'Wissenschaftlicher Mitarbeiter Additive Fertigung', { lang: 'en' }),
    p(F, null, 'Carolin', 'Reuter', 'International Office', { regions: [R_SA, R_SG, R_QC] }),
    p(H, null, 'Erik', 'Vogler', 'Doktorand', { status: 'bounced' }),
  ]],
  ['th-saale-unstrut', [
    p(F, PROF, 'Martina', 'Böttcher', 'Vizepräsidentin Forschung'),
    p(H, PROF, 'Helmut', 'Dietrich', 'Professur Holzbau', { regions: [R_QC] }),
    p(H, DR, 'Jens', 'Kurz', 'Leiter Forschungsservice'),
    p(F, DR, 'Vanessa', 'Scholl', 'Wissenschaftliche Mitarbeiterin Verbundrecycling', { tags: [TAG_AG_REC] }),
    p(H, null, 'Oliver', 'Kunze', 'Referent Internationales', { regions: [R_QC] }),
    p(N, null, 'Robin', 'Stein', 'Koordination Gründungsservice', { verified: null }),
  ]],
  ['vmk', [
    p(F, DR, 'Renate', 'Schilling', 'Hauptgeschäftsführerin', { tags: [TAG_MULTI] }),
    p(H, null, 'Sven', 'Adler', 'Referent Technik und Umwelt', { tags: [TAG_AG_REC] }),
  ]],
  ['zv-elbaue', [
    p(H, null, 'Olaf', 'Reimann', 'Verbandsgeschäftsführer'),
    p(F, null, 'Christiane', 'Münch', 'Ansiedlungsmanagerin'),
  ]],
  ['mev', [
    p(F, DR, 'Friederike', 'Janssen', 'Partnerin'),
    p(H, null, 'Constantin', 'Ehrlich', 'Investment Manager'),
  ]],
  ['stiftung', [
    p(F, null, 'Gisela', 'Hornung', 'Vorstand der Stiftung'),
    p(H, null, 'Yannick', 'Beyer', 'Programmkoordinator Nachwuchsförderung'),
  ]],
  ['imc-sophia', [
    p(F, DR, 'Camille', 'Fontaine', 'Directrice de la recherche', { lang: 'fr' }),
    p(H, DR, 'Étienne', 'Marchand', 'Research Group Leader Recycling'),
    p(F, null, 'Hélène', 'Garnier', 'Chargée de partenariats internationaux', { lang: 'fr' }),
    p(H, null, 'Mathieu', 'Roux', 'Research Engineer'),
    p(F, null, 'Léa', 'Besson', 'PhD Candidate', { noConsent: true, verified: null }),
  ]],
  ['azur-structures', [
    p(H, null, 'Julien', 'Mercier', 'CEO'),
    p(F, null, 'Aurélie', 'Faure', 'Head of Business Development'),
    p(H, null, 'Nicolas', 'Chevalier', 'Chief Engineer'),
    p(F, null, 'Chloé', 'Lefèvre', 'Sales Manager Europe', { noConsent: true, source: JEC_CARD, tags: [TAG_JEC] }),
  ]],
  ['straits-am', [
    p(H, null, 'Jun Hao', 'Lim', 'Managing Director'),
    p(F, null, 'Wei Ling', 'Tan', 'Head of Business Development'),
    p(H, null, 'Rajesh', 'Kumar', 'Senior Engineer Pressure Vessels'),
    p(F, null, 'Priya', 'Raman', 'Project Manager H2TANK-SG'),
    p(H, null, 'Muhammad Hafiz', 'Rahman', 'Production Manager', { noConsent: true }),
  ]],
  ['marina-crc', [
    p(F, DR, 'Siew Mei', 'Ng', 'Director'),
    p(H, DR, 'Kai Xiang', 'Goh', 'Principal Scientist'),
    p(F, DR, 'Nur Aisyah', 'Ismail', 'Research Fellow'),
    p(H, null, 'Daniel', 'Koh', 'Industry Liaison Manager', { noConsent: true }),
  ]],
  ['u-saint-laurent', [
    p(H, PROF, 'Jean-François', 'Côté', 'Professeur titulaire, génie du bois', { lang: 'fr' }),
    p(F, DR, 'Geneviève', 'Tremblay', 'Research Associate'),
    p(H, null, 'Olivier', 'Lavoie', 'Coordonnateur des partenariats', { lang: 'fr' }),
    p(F, null, 'Émilie', 'Bouchard', 'PhD Candidate'),
  ]],
  ['lumen-bois', [
    p(H, null, 'Marc-André', 'Gagnon', 'CEO'),
    p(F, null, 'Isabelle', 'Pelletier', 'CTO'),
    p(H, null, 'Maxime', 'Gauthier', 'Business Development Manager', { noConsent: true }),
  ]],
  ['leichtbau-praxis', [
    p(F, null, 'Jana', 'Hübner', 'Chefredakteurin', { tags: [TAG_PRESSE], noConsent: true }),
    p(H, null, 'Timo', 'Brauer', 'Redakteur Faserverbund', { tags: [TAG_PRESSE], noConsent: true }),
    p(F, null, 'Melanie', 'Ott', 'Anzeigenleitung', { status: 'unsubscribed', source: 'Double-Opt-in Website' }),
  ]],
  ['ministerium', [
    p(H, DR, 'Christoph', 'Hentschel', 'Referatsleiter Cluster- und Innovationspolitik', { tags: [TAG_BEIRAT], noConsent: true }),
    p(F, null, 'Maren', 'Gerlach', 'Referentin Internationalisierung', { regions: [R_SA, R_SG, R_QC], noConsent: true }),
  ]],
  ['kurier', [
    p(H, null, 'Dennis', 'Wittig', 'Ressortleiter Wirtschaft', { tags: [TAG_PRESSE], noConsent: true }),
    p(F, null, 'Laura', 'Kessler', 'Wirtschaftsredakteurin', { tags: [TAG_PRESSE], noConsent: true }),
    p(H, null, 'Heiko', 'Sturm', 'Lokalredaktion Dessau', { tags: [TAG_PRESSE], status: 'bounced', noConsent: true, verified: null }),
  ]],
];

const PROJECTS: DemoProject[] = [
  {
    acronym: 'COMPOSITE-SA',
    title: 'Kreislauffähige Faserverbundstrukturen für Luftfahrt und Fahrzeugbau',
    topic: T_REC,
    phase: 'running',
    startsOn: '2025-04-01',
    endsOn: '2028-03-31',
    programme: 'InterSpiN',
    description:
      'Rückgewonnene Carbonfasern werden gemeinsam mit Partnern aus Sophia Antipolis zu zertifizierbaren Halbzeugen für Sekundärstrukturen weiterverarbeitet.',
    regions: [R_SA],
    participants: [
      { organisationKey: 'carbonwerk', role: 'Koordinator', funded: true },
      { organisationKey: 'iflm', role: 'Partner', funded: true },
      { organisationKey: 'recycarb', role: 'Partner', funded: true },
      { organisationKey: 'pruef-sbk', role: 'Assoziierter Partner', funded: false },
      { organisationKey: 'elbe-aero', role: 'Assoziierter Partner', funded: false },
      { organisationKey: 'vmk', role: 'Assoziierter Partner', funded: false },
      // The programme funds only the German side; partners abroad bring their own national funding.
      { organisationKey: 'imc-sophia', role: 'Partner (Partnerregion)', funded: false },
      { organisationKey: 'azur-structures', role: 'Partner (Partnerregion)', funded: false },
    ],
  },
  {
    acronym: 'H2TANK-SG',
    title: 'Leichte Wasserstoffdrucktanks aus thermoplastischen Faserverbunden',
    topic: T_H2,
    phase: 'running',
    startsOn: '2025-07-01',
    endsOn: '2028-06-30',
    programme: 'InterSpiN',
    description:
      'Typ-IV-Drucktanks mit thermoplastischem Liner werden mit Partnern in Singapur für automatisierte Serienfertigung und tropische Einsatzbedingungen qualifiziert.',
    regions: [R_SG],
    participants: [
      { organisationKey: 'fhs-dd', role: 'Koordinator', funded: true },
      { organisationKey: 'hyshell', role: 'Partner', funded: true },
      { organisationKey: 'tankwerk', role: 'Partner', funded: true },
      { organisationKey: 'sft', role: 'Partner', funded: true },
      { organisationKey: 'roboterzelle', role: 'Partner', funded: true },
      { organisationKey: 'saalewerk', role: 'Assoziierter Partner', funded: false },
      { organisationKey: 'straits-am', role: 'Partner (Partnerregion)', funded: false },
      { organisationKey: 'marina-crc', role: 'Partner (Partnerregion)', funded: false },
    ],
  },
  {
    acronym: 'TIMBERLIGHT-QC',
    title: 'Holz-Hybrid-Leichtbau für mehrgeschossige Gebäude',
    topic: T_HOLZ,
    phase: 'planned',
    startsOn: '2027-01-01',
    endsOn: '2028-12-31',
    programme: 'InterSpiN',
    description:
      'Deckenelemente aus Brettsperrholz mit Faserverbund-Verstärkung sollen mit Partnern in Québec ausgelegt, geprüft und in einem Demonstratorgebäude erprobt werden.',
    regions: [R_QC],
    participants: [
      { organisationKey: 'ihb-halle', role: 'Koordinator', funded: true },
      { organisationKey: 'holzbau-flaeming', role: 'Partner', funded: true },
      { organisationKey: 'th-saale-unstrut', role: 'Partner', funded: true },
      { organisationKey: 'simbuero', role: 'Partner', funded: true },
      { organisationKey: 'ib-koehler', role: 'Assoziierter Partner', funded: false },
      { organisationKey: 'u-saint-laurent', role: 'Partner (Partnerregion)', funded: false },
      { organisationKey: 'lumen-bois', role: 'Partner (Partnerregion)', funded: false },
    ],
  },
];

// ---------------------------------------------------------------------------------------------------
// Derived per-person details

/** FNV-1a, so each person gets a stable seed from their name rather than from list position. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: tiny, good enough for demo variety, and identical on every platform. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(rnd: () => number, items: readonly T[]): T {
  const item = items[Math.floor(rnd() * items.length)];
  if (item === undefined) throw new Error('pick from empty list');
  return item;
}

/** E-mail local parts must be ASCII; NFD strips French accents, the German letters need spelling out. */
function asciiLocal(name: string): string {
  return name
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .replace(/ı/g, 'i')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9-]/g, '');
}

const DAY_MS = 86_400_000;
/** The demo's "today"; everything recorded must lie before it. */
const REFERENCE_DAY = Date.UTC(2026, 10, 21);
const EARLIEST_DAY = Date.UTC(2024, 0, 8);
/** Verification older than this is what the contact-upkeep view should flag. */
const STALE_BEFORE = REFERENCE_DAY - 365 * DAY_MS;

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function dayBetween(rnd: () => number, fromMs: number, toMs: number): number {
  const days = Math.floor((toMs - fromMs) / DAY_MS);
  return fromMs + Math.floor(rnd() * days) * DAY_MS;
}

/** A weekday office-hours timestamp (UTC), as a DOI click or a signed form would carry. */
function officeTime(rnd: () => number, dayMs: number): number {
  const minutes = 7 * 60 + Math.floor(rnd() * 10 * 60);
  return dayMs + minutes * 60_000;
}

function stamp(ms: number): { iso: string; day: string; hm: string } {
  const iso = new Date(ms).toISOString();
  return { iso, day: iso.slice(0, 10), hm: iso.slice(11, 16) };
}

/**
 * Interests follow the survey findings: SMEs and start-ups want foreign markets and contacts, large
 * firms least need market information, institutes trade in technological knowledge.
 */
function informationKinds(kind: OrganisationKind, membership: DemoOrganisation['membership'], rnd: () => number): InformationKind[] {
  const want = (p: number): boolean => rnd() < p;
  let tech: boolean;
  let markets: boolean;
  let contacts: boolean;
  let other: boolean;
  if (membership === 'partner_abroad') {
    [tech, markets, contacts, other] = [want(0.8), want(0.3), true, want(0.1)];
  } else {
    switch (kind) {
      case 'cluster_management':
        [tech, markets, contacts, other] = [true, true, true, true];
        break;
      case 'large_firm':
        [tech, markets, contacts, other] = [want(0.9), want(0.1), want(0.4), want(0.3)];
        break;
      case 'medium_firm':
      case 'small_firm':
      case 'micro_firm':
      case 'startup':
        [tech, markets, contacts, other] = [want(0.6), want(0.75), want(0.7), want(0.2)];
        break;
      case 'research_institute':
      case 'university':
        [tech, markets, contacts, other] = [true, want(0.1), want(0.5), want(0.3)];
        break;
      case 'investor':
        [tech, markets, contacts, other] = [want(0.5), true, want(0.5), want(0.3)];
        break;
      case 'association':
      case 'public_body':
      case 'other':
        [tech, markets, contacts, other] = [want(0.4), want(0.5), want(0.3), true];
        break;
    }
  }
  const kinds: InformationKind[] = [];
  if (tech) kinds.push('technological_knowledge');
  if (markets) kinds.push('foreign_markets');
  if (contacts) kinds.push('foreign_contacts');
  if (other) kinds.push('other');
  if (kinds.length === 0) kinds.push(kind === 'large_firm' ? 'technological_knowledge' : 'other');
  return kinds;
}

function personTopics(orgTopics: readonly string[], rnd: () => number): string[] {
  const pool = [...orgTopics];
  const count = Math.min(pool.length, 1 + Math.floor(rnd() * 3));
  const chosen: string[] = [];
  for (let i = 0; i < count; i++) {
    const index = Math.floor(rnd() * pool.length);
    const [topic] = pool.splice(index, 1);
    if (topic !== undefined) chosen.push(topic);
  }
  // Keep the canonical topic order so the UI lists look tidy.
  return TOPICS.filter((t) => chosen.includes(t));
}

const MEMBER_SOURCES = ['Mitgliedsantrag', 'Website-Anmeldung', 'Clustertag 2025', 'Mitgliedsantrag', 'Empfehlung aus dem Netzwerk'];

function wording(prefix: string, dayIso: string): string {
  return `${prefix}-${dayIso.slice(0, 4)}-01`;
}

/** The newsletter consent record a given person source would realistically produce. */
function newsletterConsent(personSource: string, rnd: () => number): DemoConsent {
  if (personSource === 'Mitgliedsantrag') {
    const s = stamp(officeTime(rnd, dayBetween(rnd, EARLIEST_DAY, Date.UTC(2026, 9, 1))));
    return {
      purpose: 'newsletter',
      action: 'given',
      at: s.iso,
      source: 'Mitgliedsantrag',
      wordingVersion: wording('NL', s.day),
      evidence: `Unterschriebener Mitgliedsantrag vom ${s.day}, Feld „Newsletter“ angekreuzt`,
    };
  }
  if (personSource === JEC_SOURCE) {
    // Signed up on the stand tablet during the fair week; the DOI click usually follows within hours.
    const s = stamp(officeTime(rnd, dayBetween(rnd, Date.UTC(2026, 2, 10), Date.UTC(2026, 2, 13))) + 3 * 3_600_000);
    return {
      purpose: 'newsletter',
      action: 'given',
      at: s.iso,
      source: JEC_SOURCE,
      wordingVersion: wording('NL', s.day),
      evidence: `Tablet-Formular am Messestand, DOI-Bestätigung ${s.day} ${s.hm}`,
    };
  }
  if (personSource === 'Clustertag 2025') {
    const s = stamp(officeTime(rnd, dayBetween(rnd, Date.UTC(2025, 5, 2), Date.UTC(2025, 5, 20))));
    return {
      purpose: 'newsletter',
      action: 'given',
      at: s.iso,
      source: 'Anmeldung Clustertag 2025',
      wordingVersion: wording('NL', s.day),
      evidence: `Anmeldeformular Clustertag, DOI-Bestätigung ${s.day} ${s.hm}`,
    };
  }
  const s = stamp(officeTime(rnd, dayBetween(rnd, EARLIEST_DAY, Date.UTC(2026, 10, 1))));
  return {
    purpose: 'newsletter',
    action: 'given',
    at: s.iso,
    source: 'Double-Opt-in Website',
    wordingVersion: wording('NL', s.day),
    evidence: `DOI-Bestätigung ${s.day} ${s.hm}`,
  };
}

function consentsFor(status: DemoPerson['status'], personSource: string, rnd: () => number): DemoConsent[] {
  const newsletter = newsletterConsent(personSource, rnd);
  const records: DemoConsent[] = [newsletter];
  const givenMs = Date.parse(newsletter.at);
  if (status === 'unsubscribed') {
    // Withdrawal always follows the consent and lies safely before the reference day.
    const latest = REFERENCE_DAY - 2 * DAY_MS;
    const from = Math.min(givenMs + 20 * DAY_MS, latest - DAY_MS);
    const s = stamp(officeTime(rnd, dayBetween(rnd, Math.floor(from / DAY_MS) * DAY_MS, latest)));
    records.push({
      purpose: 'newsletter',
      action: 'withdrawn',
      at: s.iso,
      source: 'Abmeldelink im Newsletter',
      wordingVersion: null,
      evidence: `Abmeldung über Link in der Newsletter-Ausgabe ${s.day.slice(0, 7)}`,
    });
  } else if (rnd() < 0.3) {
    const s = stamp(givenMs + (2 + Math.floor(rnd() * 60)) * 60_000);
    records.push({
      purpose: 'mailing',
      action: 'given',
      at: s.iso,
      source: 'Interessenprofil Website',
      wordingVersion: wording('MA', s.day),
      evidence: `DOI-Bestätigung ${s.day} ${s.hm}`,
    });
  }
  return records;
}

function defaultSource(o: OrgSpec, rnd: () => number): string {
  if (o.membership === 'partner_abroad') return 'Projektkonsortium InterSpiN';
  if (o.membership === 'external') return o.kind === 'public_body' ? 'Verwaltungskontakt' : 'Presseverteiler';
  return pick(rnd, MEMBER_SOURCES);
}

function buildPersons(orgs: readonly OrgSpec[]): DemoPerson[] {
  const byKey = new Map(orgs.map((o) => [o.key, o]));
  const projectRegions = new Map<string, string[]>();
  for (const project of PROJECTS) {
    for (const part of project.participants) {
      projectRegions.set(part.organisationKey, [...(projectRegions.get(part.organisationKey) ?? []), ...project.regions]);
    }
  }

  const persons: DemoPerson[] = [];
  let running = 0;
  for (const [orgKey, specs] of PEOPLE) {
    const o = byKey.get(orgKey);
    if (!o) throw new Error(`demo person refers to unknown organisation ${orgKey}`);
    const domain = o.host.replace(/^www\./, '');
    specs.forEach((spec, index) => {
      const rnd = prng(hash(`${spec.firstName} ${spec.lastName} ${orgKey}`));
      const opts = spec.opts;
      const first = asciiLocal(spec.firstName);
      const last = asciiLocal(spec.lastName);
      const local = o.mailStyle === 'f.last' ? `${first.slice(0, 1)}.${last}` : `${first}.${last}`;
      const status = opts.status ?? 'active';

      let lastVerified: string | null;
      if (opts.verified !== undefined) {
        lastVerified = opts.verified;
      } else if (status === 'bounced' || running % 7 === 2 || (WITHOUT_KEY_CONTACT.has(orgKey) && index === 0)) {
        // Roughly one in seven is overdue for upkeep, plus the cases where the app should nudge.
        lastVerified = isoDay(dayBetween(rnd, EARLIEST_DAY, STALE_BEFORE - DAY_MS));
      } else {
        lastVerified = isoDay(dayBetween(rnd, STALE_BEFORE + DAY_MS, REFERENCE_DAY - DAY_MS));
      }

      let regions: string[];
      if (opts.regions) {
        regions = [...opts.regions];
      } else if (o.membership === 'partner_abroad') {
        regions = [];
      } else {
        const own = projectRegions.get(orgKey) ?? [];
        const roll = rnd();
        if (own.length > 0 && roll < 0.35) regions = [...new Set(own)];
        else if (roll > 0.88) regions = [pick(rnd, REGIONS).name];
        else regions = [];
      }

      const source = opts.source ?? defaultSource(o, rnd);
      const phone = o.phone !== null && running % 6 !== 5
        ? o.phone.replace('##', String(10 + index * 3 + (hash(spec.lastName) % 3)).padStart(2, '0'))
        : null;

      persons.push({
        salutation: spec.salutation,
        title: spec.title,
        firstName: spec.firstName,
        lastName: spec.lastName,
        email: `${local}@${domain}`,
        phone,
        function: spec.function,
        organisationKey: orgKey,
        keyContact: index === 0 && !WITHOUT_KEY_CONTACT.has(orgKey),
        language: opts.lang ?? (o.country === 'DE' ? 'de' : 'en'),
        status,
        topics: opts.topics ? [...opts.topics] : personTopics(o.topics, rnd),
        informationKinds: informationKinds(o.kind, o.membership, rnd),
        regions,
        tags: opts.tags ? [...opts.tags] : [],
        lastVerified,
        source,
        consents: opts.noConsent ? [] : consentsFor(status, source, rnd),
      });
      running++;
    });
  }
  return persons;
}

function toOrganisation(o: OrgSpec): DemoOrganisation {
  return {
    key: o.key,
    name: o.name,
    kind: o.kind,
    employees: o.employees,
    country: o.country,
    region: o.region,
    city: o.city,
    postcode: o.postcode,
    website: `https://${o.host}`,
    membership: o.membership,
    topics: [...o.topics],
    networks: [...o.networks],
  };
}

/**
 * The circles DOMAIN.md names: key contacts who pass information on, the not-funded SMEs (the members the
 * papers worry about most), partners abroad in their language, each project group, and every member once.
 */
const SEGMENTS: DemoSegment[] = [
  {
    name: 'Schlüsselkontakte der Mitglieder',
    description: 'Die Ansprechpartner, die Informationen in ihre Organisation weitertragen.',
    query: 'key:yes member:yes',
    onePerOrg: false,
    purpose: 'newsletter',
  },
  {
    name: 'Nicht geförderte KMU mit Interesse an Auslandsmärkten',
    description: 'Mitglieder ohne Projektförderung, die von den Erfahrungen der geförderten lernen sollen.',
    query: 'member:yes funded:no (size:micro OR size:small OR size:medium OR kind:startup) interest:foreign_markets',
    onePerOrg: false,
    purpose: 'mailing',
  },
  {
    name: 'Englischsprachige Partner im Ausland',
    description: 'Partner in den Partnerregionen, auf Englisch angesprochen.',
    query: 'membership:partner_abroad lang:en',
    onePerOrg: false,
    purpose: 'newsletter',
  },
  {
    name: 'Alle Mitglieder, je Organisation eine Person',
    description: 'Jede Mitgliedsorganisation einmal: der Schlüsselkontakt, sonst die zuletzt geprüfte Person.',
    query: 'member:yes',
    onePerOrg: true,
    purpose: 'newsletter',
  },
];

/** Builds a fresh copy on every call, so callers may mutate the result without affecting later calls. */
export function demoCluster(): DemoCluster {
  return {
    network: { name: NETWORK_NAME },
    topics: [...TOPICS],
    tags: [...TAGS],
    regions: REGIONS.map((r) => ({ ...r })),
    otherNetworks: [...OTHER_NETWORKS],
    organisations: ORGS.map(toOrganisation),
    persons: buildPersons(ORGS),
    projects: PROJECTS.map((project) => ({
      ...project,
      regions: [...project.regions],
      participants: project.participants.map((part) => ({ ...part })),
    })),
    segments: [
      ...SEGMENTS.map((seg) => ({ ...seg })),
      ...PROJECTS.map((project) => ({
        name: `Projektgruppe ${project.acronym}`,
        description: `Alle Personen aus Organisationen im Projekt „${project.title}“.`,
        query: `project:${project.acronym}`,
        onePerOrg: false,
        purpose: 'mailing' as const,
      })),
    ],
  };
}
