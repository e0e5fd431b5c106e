import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { STARTER_TEMPLATES } from './starters';
import { attrValue, editableHtml, editBlock, newBlock, parseBlocks, serialiseBlocks, withAttr, type Block, type BlockBody, type BlockDoc } from './blocks';

const FIXTURES = fileURLToPath(new URL('../../../shared/fixtures/mjml-templates', import.meta.url));
const fixtures = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.mjml'))
  .map((f) => ({ name: f, mjml: readFileSync(join(FIXTURES, f), 'utf8') }));

/** Shaped like the starter newsletter: merge tags with fallbacks, entities, the items slot, a condition. */
const NEWSLETTER = `<mjml>
  <mj-head>
    <mj-title>Cluster-News</mj-title>
    <mj-preview>{{preheader}}</mj-preview>
  </mj-head>
  <mj-body background-color="#f4f4f4">
    <mj-section background-color="#ffffff">
      <mj-column>
        <mj-image src="https://example.org/logo.png" alt="Logo &amp; Name" width="120px" />
      </mj-column>
    </mj-section>
    <mj-section>
      <mj-column>
        <mj-text font-size="15px">{{salutation}},<br />hier sind die Neuigkeiten f&uuml;r {{organisation|Ihre Organisation}} &ndash; und f&#252;r {{first_name|Mitglied}}.</mj-text>
      </mj-column>
    </mj-section>
    {{items}}
    {{#if funded:no}}
    <mj-section><mj-column><mj-text>Noch nicht gefördert? Sprechen Sie uns an.</mj-text></mj-column></mj-section>
    {{/if}}
    <mj-section>
      <mj-column><mj-text>Links</mj-text><mj-button href="https://example.org/?a=1&amp;b=2">Mehr</mj-button></mj-column>
      <mj-column><mj-divider border-width="1px" /></mj-column>
    </mj-section>
    <!-- footer -->
    <mj-section>
      <mj-column>
        <mj-text font-size="11px">Impressum · <a href="{{unsubscribe_url}}">Abmelden</a></mj-text>
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>
`;

function parsed(mjml: string): BlockDoc {
  const r = parseBlocks(mjml);
  if (!r.ok) throw new Error(`${r.error.message} at ${r.error.line}:${r.error.column}`);
  return r.doc;
}

/** The structure without bookkeeping, to compare a regenerated document with the original. */
function shape(doc: BlockDoc): unknown[] {
  return doc.blocks.map((b) => {
    const body: Partial<Block> = { ...b };
    delete body.key;
    delete body.gap;
    delete body.source;
    return b.type === 'raw' ? { type: 'raw', source: b.source?.replace(/\s+/g, ' ') } : body;
  });
}

/** Every recognised block marked edited, so the whole body is written anew from its parts. */
function touchAll(doc: BlockDoc): BlockDoc {
  return { ...doc, blocks: doc.blocks.map((b) => (b.type === 'raw' ? b : editBlock(b, b as BlockBody))) };
}

describe('MJML ⇄ blocks', () => {
  it('reads the starter-like newsletter into the blocks it knows', () => {
    const doc = parsed(NEWSLETTER);
    expect(doc.blocks.map((b) => b.type)).toEqual(['single', 'single', 'slot', 'raw', 'single', 'raw', 'columns', 'raw', 'single']);
    const text = doc.blocks[1] as Extract<Block, { type: 'single' }>;
    expect(text.child).toMatchObject({ type: 'text' });
    expect(text.child.type === 'text' && text.child.html).toContain('f&uuml;r {{organisation|Ihre Organisation}} &ndash;');
    const image = doc.blocks[0] as Extract<Block, { type: 'single' }>;
    expect(attrValue(image.child.attrs, 'alt')).toBe('Logo & Name');
  });

  it('gives back an unedited document byte for byte', () => {
    expect(serialiseBlocks(parsed(NEWSLETTER))).toBe(NEWSLETTER);
  });

  it('keeps entities and merge tags when every block is written anew', () => {
    const again = serialiseBlocks(touchAll(parsed(NEWSLETTER)));
    expect(again).toContain('f&uuml;r {{organisation|Ihre Organisation}} &ndash; und f&#252;r {{first_name|Mitglied}}.');
    expect(again).toContain('href="https://example.org/?a=1&amp;b=2"');
    expect(again).toContain('alt="Logo &amp; Name"');
    expect(again).toContain('{{#if funded:no}}');
    expect(shape(parsed(again))).toEqual(shape(parsed(NEWSLETTER)));
  });

  it('writes an edit where the block was and leaves the rest untouched', () => {
    const doc = parsed(NEWSLETTER);
    const i = 1;
    const b = doc.blocks[i] as Extract<Block, { type: 'single' }>;
    const edited = editBlock(b, { ...b, child: { type: 'text', attrs: b.child.attrs, html: 'Neu &amp; {{last_name|}}' } });
    const out = serialiseBlocks({ ...doc, blocks: doc.blocks.map((x, j) => (j === i ? edited : x)) });
    expect(out).toContain('<mj-text font-size="15px">Neu &amp; {{last_name|}}</mj-text>');
    expect(out.split('\n').slice(0, 11).join('\n')).toBe(NEWSLETTER.split('\n').slice(0, 11).join('\n'));
    expect(out).toContain('<!-- footer -->');
  });

  it('edits an mj-text without its source indentation and puts it back', () => {
    const html = '\n          in dieser Ausgabe &amp; mehr,\n          für {{first_name|Mitglied}}.\n        ';
    const e = editableHtml(html);
    expect(e.text).toBe('in dieser Ausgabe &amp; mehr,\nfür {{first_name|Mitglied}}.');
    expect(e.back(e.text)).toBe(html);
    expect(e.back('Neu\nzweite Zeile')).toBe('\n          Neu\n          zweite Zeile\n        ');
    expect(editableHtml('Termine').text).toBe('Termine');
    expect(editableHtml('Termine').back('Veranstaltungen')).toBe('Veranstaltungen');
  });

  it('sets attributes with their entities and removes empty ones', () => {
    const attrs = withAttr([['href', 'https://a'], ['align', 'left']], 'href', 'https://b/?x=1&y="2"');
    expect(attrs).toEqual([
      ['href', 'https://b/?x=1&amp;y=&quot;2&quot;'],
      ['align', 'left'],
    ]);
    expect(attrValue(attrs, 'href')).toBe('https://b/?x=1&y="2"');
    expect(withAttr(attrs, 'align', '')).toEqual([attrs[0]]);
  });

  it('adds new blocks that read back as the same blocks', () => {
    const doc = parsed(NEWSLETTER);
    const added = ['text', 'image', 'button', 'divider', 'columns', 'slot'] as const;
    const blocks = [...doc.blocks, ...added.map((k) => newBlock(k))];
    const again = parsed(serialiseBlocks({ ...doc, blocks }));
    expect(again.blocks.slice(-added.length).map((b) => (b.type === 'single' ? b.child.type : b.type))).toEqual(['text', 'image', 'button', 'divider', 'columns', 'slot']);
  });

  it('shows a syntax error with its line and keeps nothing from being lost', () => {
    const broken = NEWSLETTER.replace('</mj-column>\n    </mj-section>\n    <mj-section>', '</mj-colum>\n    </mj-section>\n    <mj-section>');
    const r = parseBlocks(broken);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.line).toBe(10);
    const unclosed = parseBlocks('<mjml>\n  <mj-body>\n    <mj-section>\n  </mj-body>\n</mjml>');
    expect(unclosed.ok).toBe(false);
    if (!unclosed.ok) expect(unclosed.error.line).toBe(4);
    expect(parseBlocks('<mjml></mjml>').ok).toBe(false);
    // A start tag left open while typing the next one.
    const open = parseBlocks('<mjml>\n  <mj-body>\n    <mj-section><mj-column><mj-text <mj-text>x</mj-text></mj-column></mj-section>\n  </mj-body>\n</mjml>');
    expect(open.ok).toBe(false);
    if (!open.ok) expect(open.error).toMatchObject({ line: 3, column: 37 });
  });

  it.each(STARTER_TEMPLATES.map((t) => ({ name: `${t.name} (${t.language})`, mjml: t.mjml })))('round-trips the starter template $name and shows its item list as a block', ({ mjml }) => {
    const doc = parsed(mjml);
    expect(serialiseBlocks(doc)).toBe(mjml);
    expect(doc.blocks.some((b) => b.type === 'slot' && b.name === 'items')).toBe(true);
    const again = parsed(serialiseBlocks(touchAll(doc)));
    expect(shape(again)).toEqual(shape(doc));
    // Most of a starter is editable as blocks, not raw MJML.
    expect(doc.blocks.filter((b) => b.type === 'raw').length).toBeLessThan(doc.blocks.length / 2);
  });

  it.each(fixtures)('round-trips $name byte for byte and after rewriting every block', ({ mjml }) => {
    const doc = parsed(mjml);
    expect(serialiseBlocks(doc)).toBe(mjml);
    const again = parsed(serialiseBlocks(touchAll(doc)));
    expect(shape(again)).toEqual(shape(doc));
  });

  it('recognises most sections of the fixture templates as blocks', () => {
    const all = fixtures.flatMap(({ mjml }) => parsed(mjml).blocks);
    const known = all.filter((b) => b.type !== 'raw').length;
    expect(known).toBeGreaterThan(all.length / 3);
  });
});
