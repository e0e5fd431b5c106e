import { describe, expect, it } from 'vitest';
import { compileTemplate, fieldValues, headerSafe, isSafeUrl, merge, type MergeRecipient } from './merge';

const r: MergeRecipient = { salutation: 'herr', title: 'Prof.', firstName: 'Jens', lastName: 'Schmidt', organisation: 'A & B', email: 'j@example.org', unsubscribeUrl: 'https://example.org/u' };
const run = (src: string, ctx: 'html' | 'text' | 'header', truth: boolean[] = [], who: MergeRecipient = r) => {
  const t = compileTemplate(src, ctx);
  return { out: merge(t, fieldValues(who, 'de'), truth), problems: t.problems };
};

describe('merge fields', () => {
  it('fills fields, fallbacks and the salutation, escaping for HTML', () => {
    expect(run('{{salutation}}, {{organisation}}', 'html').out).toBe('Sehr geehrter Herr Prof. Schmidt, A &amp; B');
    expect(run('{{organisation}}', 'text').out).toBe('A & B');
    expect(run('Hallo {{first_name|"liebes Mitglied"}}', 'text', [], { ...r, firstName: null }).out).toBe('Hallo liebes Mitglied');
    expect(run('\\{{first_name}}', 'text').out).toBe('{{first_name}}');
  });
  it('blocks: then, else, nesting; standalone block lines leave no blank lines', () => {
    const src = 'a\n{{#if funded:no}}\nB\n{{else}}\nC\n{{/if}}\nd';
    expect(run(src, 'text', [true]).out).toBe('a\nB\nd');
    expect(run(src, 'text', [false]).out).toBe('a\nC\nd');
    expect(run('{{#if funded:no}}x{{#if lang:en}}y{{/if}}{{/if}}', 'text', [true, false]).out).toBe('x');
  });
  it('reports errors with line and column, and an unparseable condition holds for no one', () => {
    const { out, problems } = run('x\n  {{#if kind:(}}secret{{/if}} {{vorname}} {{#if a}}', 'text', [true, true]);
    expect(out).not.toContain('secret');
    const codes = problems.map((p) => `${p.code}@${p.line}:${p.column}`);
    expect(codes).toContain('bad_condition@2:3');
    expect(codes).toContain('unknown_field@2:31');
    expect(codes).toContain('unclosed_if@2:43');
    expect(problems.find((p) => p.code === 'unknown_field')?.message).toContain('Did you mean {{first_name}}?');
    expect(run('{{/if}}{{else}}{{}}', 'text').problems.map((p) => p.code)).toEqual(['unexpected_end', 'unexpected_else', 'empty_tag']);
  });
  it('refuses a block that opens and closes in different HTML places', () => {
    const { problems } = run('<p {{#if lang:en}}class="x">{{/if}}', 'html', [true]);
    expect(problems.map((p) => p.code)).toContain('condition_changes_context');
  });
  it('links: https and mailto only; headers lose CR/LF and control characters', () => {
    expect(isSafeUrl('https://example.org/a?b=1')).toBe(true);
    expect(isSafeUrl('mailto:a@b.de')).toBe(true);
    for (const bad of ['http://example.org', 'javascript:alert(1)', 'https://exa mple.org', 'https://x.org/"onmouseover', 'https://x.org/\u0007']) expect(isSafeUrl(bad)).toBe(false);
    expect(headerSafe('a\r\nb\u0000c\td')).toBe('a bc\td');
    expect(run('<a href="{{unsubscribe_url}}">x</a>', 'html', [], { ...r, unsubscribeUrl: 'javascript:alert(1)' }).out).toBe('<a href="#">x</a>');
  });
});
