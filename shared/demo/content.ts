/**
 * The demo cluster's content library: progress items (Meldungen) as the communications office of the
 * Leichtbau-Cluster Mittelelbe would write them in November 2026 — from the three R&D projects, the
 * partner regions and the markets abroad, across the four kinds of information and every confidentiality
 * level. Most have an English version; a few drafts are German only, as in real life.
 *
 * Plain data with names (project acronyms, topic and region names, list names) that the loader on the
 * Node side turns into ids, like shared/demo/cluster.ts.
 */
import type { Confidentiality, InformationKind } from '../domain';

export interface DemoText {
  title: string;
  /** Markdown. */
  body: string;
}

export interface DemoContentItem {
  de: DemoText;
  en: DemoText | null;
  topic: string | null;
  /** Project acronym. */
  project: string | null;
  region: string | null;
  informationKind: InformationKind;
  confidentiality: Confidentiality;
  /** project_group: a project acronym; confidential: the name of a hand-picked list below. */
  group: string | null;
  link: string | null;
  /** ISO date. */
  embargoUntil: string | null;
  status: 'draft' | 'ready';
  imageAlt: string | null;
}

/** A hand-picked list (static segment): the circle of a confidential item. */
export interface DemoList {
  name: string;
  description: string;
  /** E-mail addresses of demo persons. */
  emails: string[];
}

export const DEMO_LISTS: readonly DemoList[] = [
  {
    name: 'Lenkungskreis Hafenpilot Singapur',
    description: 'Die drei Personen, die die Gespräche über eine Pilotlieferung an den Hafen Singapur führen.',
    emails: ['niklas.voigt@hyshell.example', 'beate.hofmann@fhs-dresden.example', 'andreas.pietsch@saechsische-faserverbund.example'],
  },
];

const SITE = 'https://www.leichtbau-mittelelbe.example';

const item = (i: Partial<DemoContentItem> & Pick<DemoContentItem, 'de' | 'informationKind'>): DemoContentItem => ({
  en: null,
  topic: null,
  project: null,
  region: null,
  confidentiality: 'members',
  group: null,
  link: null,
  embargoUntil: null,
  status: 'ready',
  imageAlt: null,
  ...i,
});

const ITEMS: DemoContentItem[] = [
  item({
    de: {
      title: 'Recycelte Carbonfasern bestehen Zulassungstest für Kabinenbauteile',
      body: 'Im Projekt COMPOSITE-SA haben Halbzeuge aus **rückgewonnenen Carbonfasern** die Brandschutz- und Festigkeitsprüfung für Sekundärstrukturen in Flugzeugkabinen bestanden. Die Proben stammen aus der Pilotlinie der RecyCarb GmbH und wurden gemeinsam mit dem Institut Méditerranéen des Composites in Sophia Antipolis geprüft.\n\nAls Nächstes folgt ein Demonstrator für eine Gepäckfachklappe.',
    },
    en: {
      title: 'Recycled carbon fibres pass qualification test for cabin parts',
      body: 'In the COMPOSITE-SA project, semi-finished products made from **recovered carbon fibres** passed the fire-safety and strength tests for secondary structures in aircraft cabins. The samples come from RecyCarb GmbH\'s pilot line and were tested together with the Institut Méditerranéen des Composites in Sophia Antipolis.\n\nA demonstrator for an overhead-bin door comes next.',
    },
    topic: 'Recycling von Verbundwerkstoffen',
    project: 'COMPOSITE-SA',
    region: 'Sophia Antipolis',
    informationKind: 'technological_knowledge',
    link: `${SITE}/projekte/composite-sa`,
  }),
  item({
    de: {
      title: 'Azur Structures sucht Lieferanten für Halbzeuge aus Rezyklat',
      body: 'Unser Projektpartner Azur Structures aus Sophia Antipolis baut eine Fertigung für Innenraumteile auf und sucht **zwei bis drei Lieferanten** für Prepregs und Vliese aus recycelten Fasern. Interessierte Mitglieder stellt die Geschäftsstelle gern vor.',
    },
    en: {
      title: 'Azur Structures is looking for suppliers of recycled semi-finished products',
      body: 'Our project partner Azur Structures in Sophia Antipolis is setting up production of interior parts and is looking for **two or three suppliers** of prepregs and non-wovens made from recycled fibres. The cluster office is happy to introduce interested members.',
    },
    topic: 'Recycling von Verbundwerkstoffen',
    project: 'COMPOSITE-SA',
    region: 'Sophia Antipolis',
    informationKind: 'foreign_contacts',
  }),
  item({
    de: {
      title: 'Faserlängenanalyse: Zwischenergebnisse der Rückgewinnung',
      body: 'Die Messreihen des IFLM zeigen, dass die mittlere Faserlänge nach der Solvolyse um 18 % höher liegt als nach der Pyrolyse. Die vollständigen Daten liegen im Projektlaufwerk; bitte **nicht außerhalb des Projekts** weitergeben, bevor die Veröffentlichung abgestimmt ist.',
    },
    en: {
      title: 'Fibre length analysis: interim results of the recovery trials',
      body: 'IFLM\'s measurement series show an average fibre length 18 % higher after solvolysis than after pyrolysis. The full data are on the project drive; please **do not share them outside the project** before the publication is agreed.',
    },
    topic: 'Recycling von Verbundwerkstoffen',
    project: 'COMPOSITE-SA',
    informationKind: 'technological_knowledge',
    confidentiality: 'project_group',
    group: 'COMPOSITE-SA',
    status: 'draft',
  }),
  item({
    de: {
      title: 'Singapur schreibt Tanksysteme für die Wasserstoff-Bunkerung im Hafen aus',
      body: 'Die Hafenbehörde von Singapur hat eine Ausschreibung für **mobile Wasserstoff-Tanksysteme** veröffentlicht; Angebote sind bis Ende Februar 2027 möglich. Gefragt sind leichte Drucktanks für den Betrieb bei hoher Luftfeuchte — genau das Thema von H2TANK-SG.',
    },
    en: {
      title: 'Singapore tenders tank systems for hydrogen bunkering in its port',
      body: 'Singapore\'s port authority has published a tender for **mobile hydrogen tank systems**; bids are open until the end of February 2027. It asks for lightweight pressure tanks that work in high humidity — exactly what H2TANK-SG is about.',
    },
    topic: 'Wasserstofftanks',
    project: 'H2TANK-SG',
    region: 'Singapur',
    informationKind: 'foreign_markets',
    confidentiality: 'public',
    link: 'https://www.mpa-singapore.example/tenders/h2-bunkering',
  }),
  item({
    de: {
      title: 'Erster Typ-IV-Tank mit thermoplastischem Liner besteht die Berstprüfung',
      body: 'Der erste vollständig in Sachsen gewickelte Drucktank des Projekts H2TANK-SG hat bei der Sächsischen Faserverbund Technik GmbH die Berstprüfung mit dem 2,4-fachen Betriebsdruck bestanden. Die Pressemitteilung erscheint am 10. Dezember; bis dahin bitte nicht veröffentlichen.',
    },
    en: {
      title: 'First type IV tank with a thermoplastic liner passes the burst test',
      body: 'The first pressure tank of the H2TANK-SG project wound entirely in Saxony passed the burst test at 2.4 times its working pressure at Sächsische Faserverbund Technik GmbH. The press release comes out on 10 December; please do not publish before then.',
    },
    topic: 'Wasserstofftanks',
    project: 'H2TANK-SG',
    region: 'Singapur',
    informationKind: 'technological_knowledge',
    embargoUntil: '2026-12-10',
    imageAlt: null,
  }),
  item({
    de: {
      title: 'Klimakammer in Singapur: Liner-Permeation bei 35 °C',
      body: 'Erste Messungen im Marina Composites Research Centre: Die Permeation des PA6-Liners bleibt bei 35 °C und 90 % Luftfeuchte unter dem Grenzwert, steigt aber nach 500 Zyklen deutlich. Besprechung im Projekttreffen am 3. Dezember.',
    },
    en: {
      title: 'Climate chamber in Singapore: liner permeation at 35 °C',
      body: 'First measurements at Marina Composites Research Centre: permeation of the PA6 liner stays below the limit at 35 °C and 90 % humidity, but rises clearly after 500 cycles. To be discussed at the project meeting on 3 December.',
    },
    topic: 'Wasserstofftanks',
    project: 'H2TANK-SG',
    region: 'Singapur',
    informationKind: 'technological_knowledge',
    confidentiality: 'project_group',
    group: 'H2TANK-SG',
    status: 'draft',
  }),
  item({
    de: {
      title: 'Gespräche über eine Pilotlieferung an den Hafen Singapur',
      body: 'Ein Hafenbetreiber in Singapur hat Interesse an **zehn Tanksystemen** für einen Pilotbetrieb ab Herbst 2027 signalisiert. Preise und Lieferumfang werden gerade verhandelt; die Information ist **vertraulich** und nur für den Lenkungskreis bestimmt.',
    },
    en: null,
    topic: 'Wasserstofftanks',
    project: 'H2TANK-SG',
    region: 'Singapur',
    informationKind: 'foreign_contacts',
    confidentiality: 'confidential',
    group: 'Lenkungskreis Hafenpilot Singapur',
    status: 'draft',
  }),
  item({
    de: {
      title: 'Québec erlaubt Holz-Hybrid-Gebäude bis zwölf Geschosse',
      body: 'Die Provinz Québec hat ihre Bauordnung geändert: Gebäude in **Holz-Hybrid-Bauweise** sind künftig bis zu zwölf Geschosse hoch zulässig. Für Hersteller von Deckenelementen und Verbindungstechnik öffnet sich damit ein wachsender Markt.',
    },
    en: {
      title: 'Québec allows timber-hybrid buildings of up to twelve storeys',
      body: 'The province of Québec has changed its building code: **timber-hybrid** buildings of up to twelve storeys are now permitted. This opens a growing market for makers of floor elements and connection technology.',
    },
    topic: 'Holz-Hybrid-Bau',
    project: 'TIMBERLIGHT-QC',
    region: 'Québec',
    informationKind: 'foreign_markets',
    confidentiality: 'public',
    link: 'https://www.rbq-quebec.example/bois-hybride',
  }),
  item({
    de: {
      title: 'TIMBERLIGHT-QC startet: Partner aus Québec besuchen Halle',
      body: 'Zum Projektstart im Januar kommen die Université du Saint-Laurent und Lumen Bois nach Halle (Saale). Mitglieder, die die Gäste bei einem **Betriebsbesuch** kennenlernen möchten, melden sich bis 15. Dezember in der Geschäftsstelle.',
    },
    en: {
      title: 'TIMBERLIGHT-QC starts: partners from Québec visit Halle',
      body: 'For the project start in January, Université du Saint-Laurent and Lumen Bois come to Halle (Saale). Members who would like to meet the guests during a **company visit** please contact the cluster office by 15 December.',
    },
    topic: 'Holz-Hybrid-Bau',
    project: 'TIMBERLIGHT-QC',
    region: 'Québec',
    informationKind: 'other',
    embargoUntil: '2026-12-01',
  }),
  item({
    de: {
      title: 'Entwurf des Prüfprogramms für die Deckenelemente',
      body: 'Das Ingenieurbüro Köhler hat einen ersten Entwurf des Prüfprogramms vorgelegt: Vier-Punkt-Biegeversuche, Schwingungsmessung und Brandversuch nach kanadischer Norm. Anmerkungen bitte bis Jahresende.',
    },
    en: null,
    topic: 'Holz-Hybrid-Bau',
    project: 'TIMBERLIGHT-QC',
    informationKind: 'technological_knowledge',
    confidentiality: 'project_group',
    group: 'TIMBERLIGHT-QC',
    status: 'draft',
  }),
  item({
    de: {
      title: 'JEC World 2027: Gemeinschaftsstand – Anmeldung bis 15. Januar',
      body: 'Der Cluster organisiert vom 3. bis 5. März 2027 wieder einen **Gemeinschaftsstand** auf der JEC World in Paris. Mitglieder können sich bis 15. Januar für eine Standfläche oder einen Vortrag auf der Standbühne anmelden.',
    },
    en: {
      title: 'JEC World 2027: joint stand – register by 15 January',
      body: 'From 3 to 5 March 2027 the cluster again runs a **joint stand** at JEC World in Paris. Members can register for stand space or a talk on the stand stage until 15 January.',
    },
    topic: 'Faserverbundwerkstoffe',
    informationKind: 'other',
    confidentiality: 'public',
    link: `${SITE}/jec-2027`,
  }),
  item({
    de: {
      title: 'Marktstudie: Leichtbau im französischen Schienenfahrzeugbau',
      body: 'Eine neue Studie der Wirtschaftsförderung Sophia Antipolis beziffert den Bedarf an Faserverbund-Bauteilen im französischen Schienenfahrzeugbau bis 2030 auf jährlich 12 %. Die Zusammenfassung steht Mitgliedern im Mitgliederbereich zur Verfügung.',
    },
    en: {
      title: 'Market study: lightweight construction in French rail vehicles',
      body: 'A new study by the Sophia Antipolis development agency puts demand growth for composite parts in French rail vehicle manufacturing at 12 % a year until 2030. Members can find the summary in the members\' area.',
    },
    topic: 'Leichtbau im Fahrzeugbau',
    region: 'Sophia Antipolis',
    informationKind: 'foreign_markets',
    link: `${SITE}/mitglieder/studien/schiene-frankreich`,
  }),
  item({
    de: {
      title: 'Neue Kontakte aus der Delegationsreise nach Singapur',
      body: 'Auf der Delegationsreise im Oktober haben wir elf Unternehmen und zwei Forschungseinrichtungen getroffen, die Partner für **automatisierte Faserverbundfertigung** suchen. Die Kontaktliste gibt die Geschäftsstelle auf Anfrage an Mitglieder weiter.',
    },
    en: {
      title: 'New contacts from the delegation trip to Singapore',
      body: 'On the delegation trip in October we met eleven companies and two research institutes looking for partners in **automated composite manufacturing**. The cluster office shares the contact list with members on request.',
    },
    topic: 'Faserverbundwerkstoffe',
    region: 'Singapur',
    informationKind: 'foreign_contacts',
    status: 'draft',
  }),
  item({
    de: {
      title: 'Prüfnorm für additiv gefertigte Strukturbauteile in Arbeit',
      body: 'Ein Normenausschuss erarbeitet erstmals Prüfverfahren für **gedruckte tragende Bauteile** aus faserverstärkten Kunststoffen. Mitglieder können über den Cluster Kommentare zum Entwurf einbringen.',
    },
    en: {
      title: 'Test standard for additively manufactured structural parts under way',
      body: 'A standards committee is drafting the first test methods for **printed load-bearing parts** made of fibre-reinforced plastics. Members can comment on the draft through the cluster.',
    },
    topic: 'Additive Fertigung',
    informationKind: 'technological_knowledge',
    confidentiality: 'public',
  }),
  item({
    de: {
      title: 'Förderaufruf InterSpiN 2027: Projektskizzen bis 31. März',
      body: 'Der neue Förderaufruf richtet sich ausdrücklich an **kleine und mittlere Unternehmen**, die bisher nicht gefördert wurden. Die Geschäftsstelle berät bei der Suche nach Partnern in Sophia Antipolis, Singapur und Québec.',
    },
    en: {
      title: 'InterSpiN 2027 funding call: outlines due 31 March',
      body: 'The new funding call is aimed explicitly at **small and medium-sized companies** that have not been funded so far. The cluster office helps find partners in Sophia Antipolis, Singapore and Québec.',
    },
    informationKind: 'other',
    link: `${SITE}/foerderung/interspin-2027`,
    embargoUntil: '2026-12-15',
  }),
  item({
    de: {
      title: 'Gemeinsame Materialdatenbank mit Québec geplant',
      body: 'Das Simulationsbüro Groß & Partner und die Université du Saint-Laurent wollen Kennwerte für Holz-Faserverbund-Verbindungen in einer gemeinsamen Datenbank sammeln. Gesucht werden Mitglieder, die Prüfdaten beisteuern.',
    },
    en: null,
    topic: 'Simulation und Prüfung',
    region: 'Québec',
    informationKind: 'technological_knowledge',
    status: 'draft',
  }),
];

/** Builds a fresh copy on every call. */
export function demoContent(): { items: DemoContentItem[]; lists: DemoList[] } {
  return {
    items: ITEMS.map((i) => ({ ...i, de: { ...i.de }, en: i.en ? { ...i.en } : null })),
    lists: DEMO_LISTS.map((l) => ({ ...l, emails: [...l.emails] })),
  };
}
