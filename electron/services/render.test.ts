/**
 * The render pipeline: MJML compiled once per variant, merged per recipient. Safety of merged values is
 * checked with an independent HTML parser (htmlparser2, which mjml itself uses), never with the pipeline's
 * own HTML state machine.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Parser } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import type { MergeRecipient } from '../../shared/newsletters/merge';
import { mjmlStats } from './mjml';
import { compileIssue, compileStats, renderFor, type ItemBlock } from './render';

const FIXTURES = '/work/shared/fixtures/mjml-templates';
const NAUGHTY = readFileSync('/work/shared/fixtures/naughty-strings/blns.txt', 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '' && !l.startsWith('#'));

const nobody = { has: () => false };
const jana: MergeRecipient = { salutation: 'frau', title: 'Dr.', firstName: 'Jana', lastName: 'Müller', organisation: 'Composite Werke', email: 'jana@example.org', unsubscribeUrl: 'https://example.org/u?p=1' };

const URL_ATTRS = new Set(['href', 'src', 'action', 'formaction', 'background', 'poster', 'xlink:href', 'srcset']);

interface Shape {
  tags: string[];
  scripts: number;
  handlers: string[];
  jsUrls: string[];
}

/** What an HTML parser sees: element sequence, scripts, event-handler attributes, javascript: URLs. */
function shape(html: string): Shape {
  const s: Shape = { tags: [], scripts: 0, handlers: [], jsUrls: [] };
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        s.tags.push(name);
        if (name === 'script') s.scripts += 1;
        for (const [k, v] of Object.entries(attrs)) {
          if (k.startsWith('on')) s.handlers.push(k);
          // Browsers ignore control characters and spaces around a scheme.
          if (URL_ATTRS.has(k) && /^javascript:/i.test([...v].filter((c) => c.charCodeAt(0) > 0x20).join(''))) s.jsUrls.push(`${k}=${v}`);
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  return s;
}

const BODY = `<mjml>
  <mj-head><mj-title>{{organisation}}</mj-title></mj-head>
  <mj-body>
    <mj-section><mj-column>
      <mj-text><p title="{{last_name}}">{{salutation}}, {{first_name}} {{last_name}} von {{organisation|Ihrer Organisation}}</p>
        <a href="{{unsubscribe_url}}">Abmelden</a> <a href="https://example.org/?n={{last_name}}">Profil</a></mj-text>
      <mj-button href="{{unsubscribe_url}}">{{first_name}}</mj-button>
      <mj-image src="https://example.org/x.png" alt="{{organisation}}" />
    </mj-column></mj-section>
    {{#if funded:no}}
    <mj-section><mj-column><mj-text>Nur für nicht geförderte</mj-text></mj-column></mj-section>
    {{/if}}
    {{items}}
  </mj-body>
</mjml>`;

describe('merge safety', () => {
  it('no naughty string as first/last name or organisation adds script, handlers or javascript: URLs, or changes the structure', async () => {
    const issue = await compileIssue({ language: 'de', subject: 'Hallo {{first_name}} {{last_name}} ({{organisation}})', preheader: 'Für {{organisation}}', mjml: BODY });
    expect(issue.problems.filter((p) => p.severity === 'error')).toEqual([]);
    const base = shape(renderFor(issue, jana, nobody).html);
    expect(base.scripts).toBe(0);
    let checked = 0;
    for (const value of NAUGHTY) {
      for (const field of ['firstName', 'lastName', 'organisation'] as const) {
        const m = renderFor(issue, { ...jana, [field]: value }, nobody);
        const s = shape(m.html);
        expect(s.scripts, value).toBe(0);
        expect(s.handlers, value).toEqual([]);
        expect(s.jsUrls, value).toEqual([]);
        expect(s.tags, value).toEqual(base.tags);
        expect(m.subject, value).not.toMatch(/[\r\n]/);
        checked += 1;
      }
      // A naughty unsubscribe link is dropped, never written into href.
      const u = renderFor(issue, { ...jana, unsubscribeUrl: value }, nobody);
      expect(shape(u.html).jsUrls, value).toEqual([]);
      expect(shape(u.html).tags, value).toEqual(base.tags);
    }
    expect(checked).toBe(NAUGHTY.length * 3);
  });

  it('refuses links that are not https or mailto, with a note', async () => {
    const issue = await compileIssue({ language: 'de', subject: 'x', mjml: BODY });
    for (const bad of ['javascript:alert(1)', ' JaVaScRiPt:alert(1)', 'http://evil.example', 'data:text/html,<script>1</script>', 'evil.example']) {
      const m = renderFor(issue, { ...jana, unsubscribeUrl: bad }, nobody);
      expect(m.html).not.toContain(bad.trim());
      expect(m.notes.map((n) => n.code)).toContain('unsafe_url');
    }
    expect(renderFor(issue, { ...jana, unsubscribeUrl: 'mailto:abmelden@example.org' }, nobody).html).toContain('href="mailto:abmelden@example.org"');
  });

  it('keeps CR/LF out of the subject, from values and from the template', async () => {
    const issue = await compileIssue({ language: 'de', subject: 'Hallo\r\n{{first_name}}', mjml: BODY });
    const m = renderFor(issue, { ...jana, firstName: 'Jana\r\nBcc: everyone@example.org' }, nobody);
    expect(m.subject).toBe('Hallo Jana Bcc: everyone@example.org');
  });

  it('refuses fields in places no escaping can make safe', async () => {
    const mjml = BODY.replace('<p title="{{last_name}}">', '<p style="color:{{email}}" onclick="{{email}}">');
    const issue = await compileIssue({ language: 'de', subject: 'x', mjml });
    const codes = issue.problems.map((p) => p.code);
    expect(codes.filter((c) => c === 'unsafe_position')).toHaveLength(2);
    const m = renderFor(issue, { ...jana, email: 'red;background:url(javascript:alert(1))' }, nobody);
    expect(m.html).not.toContain('alert(1)');
    expect(m.html).not.toContain('javascript:');
  });
});

describe('blocks and items', () => {
  it('a condition around whole sections shows or hides them in HTML and text', async () => {
    const issue = await compileIssue({ language: 'de', subject: 'x', mjml: BODY });
    const yes = renderFor(issue, jana, { has: (k) => k === 'funded:no' });
    const no = renderFor(issue, jana, nobody);
    expect(yes.html).toContain('Nur für nicht geförderte');
    expect(yes.text).toContain('Nur für nicht geförderte');
    expect(no.html).not.toContain('Nur für nicht geförderte');
    expect(no.text).not.toContain('Nur für nicht geförderte');
    expect(shape(no.html).scripts).toBe(0);
  });

  it('a mailing is compiled once and each recipient sees exactly their chosen items in their order', async () => {
    const blocks: ItemBlock[] = [1, 2, 3, 4].map((id) => ({
      itemId: id,
      section: `<mj-section><mj-column><mj-text>ITEM-${id}</mj-text></mj-column></mj-section>`,
      column: `<mj-text>ITEM-${id}</mj-text>`,
    }));
    const before = compileStats.mjml;
    const issue = await compileIssue({ language: 'de', subject: 'x', mjml: BODY, slots: { items: { blocks, choose: 2 } } });
    expect(compileStats.mjml - before).toBe(1);
    for (const chosen of [[3, 1], [2], [4, 3], []]) {
      const m = renderFor(issue, jana, nobody, chosen);
      const seen = [...m.html.matchAll(/ITEM-(\d)/g)].map((x) => Number(x[1]));
      expect(seen).toEqual(chosen);
      expect([...m.text.matchAll(/ITEM-(\d)/g)].map((x) => Number(x[1]))).toEqual(chosen);
    }
    // 1,000 recipients later, still one compile.
    for (let i = 0; i < 1000; i++) renderFor(issue, { ...jana, firstName: `P${i}` }, nobody, [(i % 4) + 1]);
    expect(compileStats.mjml - before).toBe(1);
  });

  it('item text is never read for merge tags', async () => {
    const blocks: ItemBlock[] = [{ itemId: 1, section: '<mj-section><mj-column><mj-text>Preis {{first_name}} {{#if x}}</mj-text></mj-column></mj-section>', column: '' }];
    const issue = await compileIssue({ language: 'de', subject: 'x', mjml: BODY, slots: { items: { blocks } } });
    expect(issue.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(renderFor(issue, jana, nobody).html).toContain('Preis {{first_name}} {{#if x}}');
  });

  it('typing in the subject does not run the MJML compiler again; a change to the body does', async () => {
    const mjml = BODY.replace('<mj-button', '<mj-text>Einmalig {{first_name}}</mj-text>\n      <mj-button');
    const first = await compileIssue({ language: 'de', subject: 'Neues aus dem Cluster', mjml });
    const before = mjmlStats.compiles;
    const retitled = await compileIssue({ language: 'de', subject: 'Neues aus dem Cluster, {{first_name}}', mjml });
    expect(mjmlStats.compiles).toBe(before);
    // Same body, new subject: the subject is merged anew, the body is the same.
    expect(renderFor(retitled, jana, nobody).subject).toBe('Neues aus dem Cluster, Jana');
    expect(renderFor(retitled, jana, nobody).html).toBe(renderFor(first, jana, nobody).html);
    await compileIssue({ language: 'de', subject: 'Neues aus dem Cluster', mjml: mjml.replace('Einmalig', 'Zweimalig') });
    expect(mjmlStats.compiles).toBe(before + 1);
  });

  it('reports an MJML error at the line of the template', async () => {
    const mjml = BODY.replace('<mj-button', '<mj-bogus>x</mj-bogus>\n      <mj-button');
    const issue = await compileIssue({ language: 'de', subject: 'x', mjml });
    const line = mjml.split('\n').findIndex((l) => l.includes('mj-bogus')) + 1;
    expect(issue.problems.find((p) => p.origin === 'mjml')).toMatchObject({ severity: 'error', line });
    expect(issue.ok).toBe(false);
  });
});

describe('fixture templates', () => {
  const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.mjml'));
  it('finds the fixtures', () => {
    expect(files.length).toBeGreaterThanOrEqual(20);
  });
  for (const file of files) {
    it(`${file} compiles with merge tags inserted`, async () => {
      // Two fixtures carry another system's tags ({{FirstName}}, {{ReferalCode}}): escaped to literal text as
      // written, since they are no fields of ours (an unknown field is an error that blocks sending).
      const src = readFileSync(path.join(FIXTURES, file), 'utf8').replaceAll('{{', '\\{{');
      // A merge section right at the start of the body, and a field inside the first mj-text.
      let mjml = src.replace(/<mj-body([^>]*)>/, '<mj-body$1>\n<mj-section><mj-column><mj-text>{{salutation}}, <a href="{{unsubscribe_url}}">Abmelden</a></mj-text></mj-column></mj-section>');
      mjml = mjml.replace(/(<mj-text[^>]*>)(?![\s\S]*?\{\{salutation)/, '$1{{first_name|Mitglied}} ');
      expect(mjml).toContain('{{salutation}}');
      const issue = await compileIssue({ language: 'de', subject: 'Neues für {{first_name|Sie}}', mjml });
      expect(issue.problems.filter((p) => p.severity === 'error').map((p) => p.message)).toEqual([]);
      const m = renderFor(issue, jana, nobody);
      expect(m.html).toContain('Sehr geehrte Frau Dr. Müller');
      expect(m.html).toContain('href="https://example.org/u?p=1"');
      expect(m.text).toContain('Sehr geehrte Frau Dr. Müller');
      expect(m.subject).toBe('Neues für Jana');
    });
  }
});
