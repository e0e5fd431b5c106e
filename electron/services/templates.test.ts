/**
 * Templates against a real database: the starter set, every fixture template imported through the API,
 * problems with their lines, and the text kept whatever its problems.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkMjmlStructure } from '../../shared/newsletters/mjml-structure';
import type { Template, TemplateSummary } from '../../shared/newsletters/schemas';
import { startBackend } from '../app';
import { call, ok } from '../test/api';
import { tempDir } from '../test/tmp';

const FIXTURES = path.resolve(__dirname, '../../../shared/fixtures/mjml-templates');

function backend() {
  return startBackend({ dataDir: tempDir(), shell: 'cli', seedDemo: false });
}

describe('starter templates', () => {
  it('a new database has a newsletter and a mailing in German and English, without MJML problems', async () => {
    const b = backend();
    const { rows } = (await ok(b, 'templates/list', {})) as { rows: TemplateSummary[] };
    expect(rows.filter((r) => r.starter).map((r) => `${r.kind}/${r.language}`).sort()).toEqual(['mailing/de', 'mailing/en', 'newsletter/de', 'newsletter/en']);
    for (const row of rows) {
      const t = (await ok(b, 'templates/get', { id: row.id })) as Template;
      // Re-save to run the checks on the stored text.
      const saved = (await ok(b, 'templates/save', { id: t.id, name: t.name, kind: t.kind, language: t.language, mjml: t.mjml })) as Template;
      expect(saved.problems, t.name).toEqual([]);
      expect(t.mjml).toMatch(/^\s*\{\{items\}\}\s*$/m);
      expect(t.mjml).toContain('<a href="{{unsubscribe_url}}">');
      expect(t.mjml).toMatch(/impressum|legal-notice/);
      expect(t.mjml).toContain('{{salutation}}');
      expect(t.mjml).not.toMatch(/src="http/);
    }
    b.close();
  });

  it('starters cannot be deleted; other templates can, and duplicates are named as copies', async () => {
    const b = backend();
    const { rows } = (await ok(b, 'templates/list', {})) as { rows: TemplateSummary[] };
    const starter = rows.find((r) => r.starter && r.kind === 'newsletter' && r.language === 'de')!;
    expect(await call(b, 'templates/delete', { id: starter.id, confirm: true })).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringMatching(/Duplicate it/) } });
    const copy = (await ok(b, 'templates/duplicate', { id: starter.id })) as Template;
    expect(copy).toMatchObject({ name: 'Newsletter (Deutsch) (Kopie)', starter: false, kind: 'newsletter', language: 'de' });
    const copy2 = (await ok(b, 'templates/duplicate', { id: copy.id })) as Template;
    expect(copy2.name).toBe('Newsletter (Deutsch) (Kopie 2)');
    expect(await ok(b, 'templates/delete', { id: copy.id, confirm: true })).toEqual({ deleted: true });
    b.close();
  });
});

describe('importing .mjml files', () => {
  const files = fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.mjml')).sort();

  it('every fixture template imports without error-severity problems', async () => {
    expect(files.length).toBeGreaterThan(20);
    const b = backend();
    const warnings: string[] = [];
    for (const file of files) {
      const mjml = fs.readFileSync(path.join(FIXTURES, file), 'utf8');
      const t = (await ok(b, 'templates/import', { fileName: file, mjml })) as Template;
      expect(t.name).toBe(file.replace(/\.mjml$/, ''));
      expect(t.mjml).toBe(mjml);
      expect(t.problems.filter((p) => p.severity === 'error'), file).toEqual([]);
      for (const p of t.problems) warnings.push(`${file}:${p.line} ${p.message}`);
    }
    // Listed so a change in what mjml warns about shows up in the test output.
    console.log(`${warnings.length} MJML warnings in ${files.length} fixtures:\n${warnings.join('\n')}`);
    b.close();
  }, 120_000);

  it('reports an MJML syntax error with its line and keeps the text', async () => {
    const b = backend();
    const mjml = ['<mjml>', '  <mj-body>', '    <mj-section>', '      <mj-column>', '        <mj-text>Hallo {{first_name}}', '      </mj-column>', '    </mj-section>', '  </mj-body>', '</mjml>'].join('\n');
    const t = (await ok(b, 'templates/import', { fileName: 'C:\\Vorlagen\\kaputt.MJML', mjml, kind: 'mailing', language: 'en' })) as Template;
    expect(t).toMatchObject({ name: 'kaputt', kind: 'mailing', language: 'en', mjml });
    expect(t.problems).toContainEqual(expect.objectContaining({ severity: 'error', line: 5, part: 'body', origin: 'mjml', message: expect.stringContaining('<mj-text> is never closed') }));
    // Stored with its problems: reading it again gives the same.
    expect(await ok(b, 'templates/get', { id: t.id })).toEqual(t);
    // Checking an unsaved text reports the same and stores nothing.
    const count = (b.db.prepare('SELECT count(*) AS n FROM templates').get() as { n: number }).n;
    expect(await ok(b, 'templates/check', { mjml })).toEqual({ problems: t.problems });
    expect(b.db.prepare('SELECT count(*) AS n FROM templates').get()).toEqual({ n: count });
    const unknown = (await ok(b, 'templates/save', { id: t.id, name: 'kaputt', kind: 'mailing', language: 'en', mjml: mjml.replace('<mj-text>Hallo {{first_name}}', '<mj-txt>Hallo</mj-txt>') })) as Template;
    expect(unknown.problems).toContainEqual(expect.objectContaining({ severity: 'error', line: 5, message: expect.stringContaining('mj-txt') }));
    b.close();
  });
});

describe('MJML structure check', () => {
  it('finds unclosed, mismatched and stray elements with their positions, and accepts HTML inside text', () => {
    expect(checkMjmlStructure('<mjml><mj-body><mj-section><mj-column><mj-text><p>a<br></p> <b>x</mj-text></mj-column></mj-section></mj-body></mjml>')).toEqual([]);
    expect(checkMjmlStructure('<mjml>\n<mj-body>\n<mj-section>\n</mj-body>\n</mjml>')).toEqual([
      expect.objectContaining({ code: 'mismatched_close', line: 3, column: 1, message: expect.stringContaining('add </mj-section>') }),
    ]);
    expect(checkMjmlStructure('<mjml>\n<mj-body>\n</mj-column>\n</mj-body>\n</mjml>')).toEqual([expect.objectContaining({ code: 'unexpected_close', line: 3 })]);
    expect(checkMjmlStructure('<mjml>\n<mj-body>\n  <mj-section padding="0"\n</mj-body></mjml>')).toEqual([expect.objectContaining({ code: 'unclosed_tag', line: 3, column: 3 })]);
    expect(checkMjmlStructure('<mj-body></mj-body>')).toEqual([expect.objectContaining({ code: 'no_mjml_root' })]);
    expect(checkMjmlStructure('<mjml><!-- <mj-body> --></mjml>')).toEqual([]);
    expect(checkMjmlStructure('<mjml><mj-body><mj-button href="a>b">x</mj-button></mj-body></mjml>')).toEqual([]);
  });
});

describe('MJML structure check on large input', () => {
  // Positions were once found by counting from the start for every problem: quadratic, minutes for this file.
  // The test's own time limit is the guard; the exact time is not asserted (that would be a bench).
  it('a 1 MB document full of unclosed elements is checked, every problem at its line', () => {
    const line = '<mj-section>\n';
    const source = `<mjml><mj-body>\n${line.repeat(Math.floor(1_000_000 / line.length) - 2)}</mj-body></mjml>`;
    const problems = checkMjmlStructure(source);
    expect(problems.length).toBeGreaterThan(70_000);
    expect(problems[0]).toMatchObject({ line: 2, column: 1 });
    expect(problems[problems.length - 1]!.line).toBe(problems.length + 1);
  });
});
