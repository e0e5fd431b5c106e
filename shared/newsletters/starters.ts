/**
 * The starter templates: a newsletter and a letter-style personalised mailing, in German and English.
 * Migration 5 writes them into a new database once (see electron/db/migrations/005-content.ts); after
 * that they belong to the user, who may edit them like any template. Changing this file therefore only
 * changes what new databases start with.
 *
 * What they carry and why:
 * - merge tags ({{salutation}}, {{email}}, {{unsubscribe_url}}) as plain text and quoted attribute
 *   values, the only places the merge step accepts them;
 * - the slot {{items}} on a line of its own between sections: the composer replaces it with the
 *   mj-section elements of the chosen items;
 * - the sender address, an Impressum link and the unsubscribe link the checks before sending ask for;
 * - no images at all, so nothing in them needs the network (the logo band is text).
 */
import type { MessageKind, MessageLanguage } from './schemas';

export interface StarterTemplate {
  name: string;
  kind: MessageKind;
  language: MessageLanguage;
  mjml: string;
}

const CLUSTER = 'Leichtbau-Cluster Mittelelbe';
const SITE = 'https://www.leichtbau-mittelelbe.example';
const BLUE = '#0b4f6c';

const head = (title: string, lang: MessageLanguage): string => `<mjml lang="${lang}">
  <mj-head>
    <mj-title>${title}</mj-title>
    <mj-attributes>
      <mj-all font-family="Helvetica, Arial, sans-serif" />
      <mj-text font-size="15px" line-height="1.55" color="#1f2933" />
      <mj-section background-color="#ffffff" />
    </mj-attributes>
    <mj-style>
      a { color: ${BLUE}; }
    </mj-style>
  </mj-head>`;

const footer = (lang: MessageLanguage): string =>
  lang === 'de'
    ? `    <mj-section background-color="#eef1f4" padding="16px 24px 28px">
      <mj-column>
        <mj-text font-size="12px" line-height="1.5" color="#52606d" align="center">
          ${CLUSTER} e. V. · Breiter Weg 114 · 39104 Magdeburg<br />
          Telefon +49 391 5558120-0 · <a href="mailto:info@leichtbau-mittelelbe.example">info@leichtbau-mittelelbe.example</a>
        </mj-text>
        <mj-text font-size="12px" line-height="1.5" color="#52606d" align="center">
          Diese E-Mail ging an {{email}}.
          <a href="${SITE}/impressum">Impressum</a> · <a href="${SITE}/datenschutz">Datenschutz</a> · <a href="{{unsubscribe_url}}">Abmelden</a>
        </mj-text>
      </mj-column>
    </mj-section>`
    : `    <mj-section background-color="#eef1f4" padding="16px 24px 28px">
      <mj-column>
        <mj-text font-size="12px" line-height="1.5" color="#52606d" align="center">
          ${CLUSTER} e. V. · Breiter Weg 114 · 39104 Magdeburg · Germany<br />
          Phone +49 391 5558120-0 · <a href="mailto:info@leichtbau-mittelelbe.example">info@leichtbau-mittelelbe.example</a>
        </mj-text>
        <mj-text font-size="12px" line-height="1.5" color="#52606d" align="center">
          This e-mail was sent to {{email}}.
          <a href="${SITE}/en/legal-notice">Legal notice</a> · <a href="${SITE}/en/privacy">Privacy</a> · <a href="{{unsubscribe_url}}">Unsubscribe</a>
        </mj-text>
      </mj-column>
    </mj-section>`;

const band = (subtitle: string): string => `    <mj-section background-color="${BLUE}" padding="22px 24px">
      <mj-column>
        <mj-text font-size="22px" font-weight="700" color="#ffffff" padding="0">${CLUSTER}</mj-text>
        <mj-text font-size="14px" color="#cfe3ec" padding="4px 0 0">${subtitle}</mj-text>
      </mj-column>
    </mj-section>`;

const newsletterDe = `${head(`Newsletter ${CLUSTER}`, 'de')}
  <mj-body background-color="#eef1f4" width="600px">
${band('Newsletter · Neues aus Projekten, Partnerregionen und Märkten')}
    <mj-section padding="24px 24px 8px">
      <mj-column>
        <mj-text>{{salutation}},</mj-text>
        <mj-text>
          in dieser Ausgabe berichten wir aus unseren Projekten mit den Partnerregionen Sophia Antipolis,
          Singapur und Québec, von neuen Kontakten im Ausland und von Märkten, die sich für unsere Mitglieder öffnen.
        </mj-text>
      </mj-column>
    </mj-section>
    {{items}}
    <mj-section padding="8px 24px 24px">
      <mj-column>
        <mj-divider border-color="#d9e2ec" border-width="1px" padding="0 0 16px" />
        <mj-text font-size="18px" font-weight="700" color="${BLUE}">Termine</mj-text>
        <mj-text>
          <strong>12. Januar 2027</strong> – Arbeitsgruppe Recycling, Magdeburg<br />
          <strong>3. bis 5. März 2027</strong> – JEC World, Paris: Gemeinschaftsstand des Clusters<br />
          <strong>22. April 2027</strong> – Partnerregionen-Tag, Halle (Saale)
        </mj-text>
      </mj-column>
    </mj-section>
${footer('de')}
  </mj-body>
</mjml>
`;

const newsletterEn = `${head(`Newsletter ${CLUSTER}`, 'en')}
  <mj-body background-color="#eef1f4" width="600px">
${band('Newsletter · News from projects, partner regions and markets')}
    <mj-section padding="24px 24px 8px">
      <mj-column>
        <mj-text>{{salutation}},</mj-text>
        <mj-text>
          in this issue we report from our projects with the partner regions Sophia Antipolis, Singapore and
          Québec, on new contacts abroad and on markets that are opening up for our members.
        </mj-text>
      </mj-column>
    </mj-section>
    {{items}}
    <mj-section padding="8px 24px 24px">
      <mj-column>
        <mj-divider border-color="#d9e2ec" border-width="1px" padding="0 0 16px" />
        <mj-text font-size="18px" font-weight="700" color="${BLUE}">Events</mj-text>
        <mj-text>
          <strong>12 January 2027</strong> – Recycling working group, Magdeburg<br />
          <strong>3–5 March 2027</strong> – JEC World, Paris: the cluster's joint stand<br />
          <strong>22 April 2027</strong> – Partner Regions Day, Halle (Saale)
        </mj-text>
      </mj-column>
    </mj-section>
${footer('en')}
  </mj-body>
</mjml>
`;

const mailingDe = `${head(`Persönliche Nachricht – ${CLUSTER}`, 'de')}
  <mj-body background-color="#eef1f4" width="600px">
    <mj-section padding="24px 32px 4px">
      <mj-column>
        <mj-text font-size="13px" color="#52606d" padding-bottom="16px">${CLUSTER} · Geschäftsstelle</mj-text>
        <mj-text>{{salutation}},</mj-text>
        <mj-text>
          aus unseren Projekten und Partnerregionen haben wir einige Neuigkeiten ausgewählt, die zu den Interessen
          von {{organisation|Ihrer Organisation}} passen. Sprechen Sie uns gern an, wenn Sie mehr erfahren möchten.
        </mj-text>
      </mj-column>
    </mj-section>
    {{items}}
    <mj-section padding="4px 32px 28px">
      <mj-column>
        <mj-text>
          Mit freundlichen Grüßen<br /><br />
          Katrin Albrecht<br />
          Internationalisierung, ${CLUSTER}
        </mj-text>
      </mj-column>
    </mj-section>
${footer('de')}
  </mj-body>
</mjml>
`;

const mailingEn = `${head(`A personal note – ${CLUSTER}`, 'en')}
  <mj-body background-color="#eef1f4" width="600px">
    <mj-section padding="24px 32px 4px">
      <mj-column>
        <mj-text font-size="13px" color="#52606d" padding-bottom="16px">${CLUSTER} · Office</mj-text>
        <mj-text>{{salutation}},</mj-text>
        <mj-text>
          from our projects and partner regions we have picked a few pieces of news that match the interests of
          {{organisation|your organisation}}. Do get in touch if you would like to know more.
        </mj-text>
      </mj-column>
    </mj-section>
    {{items}}
    <mj-section padding="4px 32px 28px">
      <mj-column>
        <mj-text>
          Kind regards<br /><br />
          Katrin Albrecht<br />
          Internationalisation, ${CLUSTER}
        </mj-text>
      </mj-column>
    </mj-section>
${footer('en')}
  </mj-body>
</mjml>
`;

export const STARTER_TEMPLATES: readonly StarterTemplate[] = [
  { name: 'Newsletter (Deutsch)', kind: 'newsletter', language: 'de', mjml: newsletterDe },
  { name: 'Newsletter (English)', kind: 'newsletter', language: 'en', mjml: newsletterEn },
  { name: 'Persönliches Mailing (Deutsch)', kind: 'mailing', language: 'de', mjml: mailingDe },
  { name: 'Personal mailing (English)', kind: 'mailing', language: 'en', mjml: mailingEn },
];
