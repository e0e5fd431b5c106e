/** The CLI in-process (same code as bin/spillover.mjs), against real data folders. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './cli';
import { openDatabase } from './db/database';
import { LATEST_VERSION } from './db/migrations';
import { databaseFile } from './paths';
import { tempDir } from './test/tmp';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) } };
}

describe('spillover CLI', () => {
  it('demo then db check: exit 0 and the schema version', async () => {
    const dir = tempDir();
    const a = io();
    expect((await runCli(['demo', '--data-dir', dir], a.io)).code).toBe(0);
    expect(a.out.join('\n')).toMatch(/40 organisations, 150 persons, 3 R&D projects/);
    const b = io();
    expect((await runCli(['db', 'check', '--data-dir', dir], b.io)).code).toBe(0);
    expect(b.out.join('\n')).toContain(`Schema version: ${LATEST_VERSION}`);
    expect(b.out.join('\n')).toContain('All checks passed.');
  });

  it('demo refuses a folder with data unless --replace, which writes a backup', async () => {
    const dir = tempDir();
    await runCli(['demo', '--data-dir', dir], io().io);
    const again = io();
    expect((await runCli(['demo', '--data-dir', dir], again.io)).code).toBe(1);
    expect(again.err.join('\n')).toMatch(/already holds/);
    const replace = io();
    expect((await runCli(['demo', '--replace', '--data-dir', dir], replace.io)).code).toBe(0);
    expect(fs.readdirSync(path.join(dir, 'backups'))).toHaveLength(1);
  });

  it('honours SPILLOVER_DATA_DIR', async () => {
    const dir = tempDir();
    const previous = process.env.SPILLOVER_DATA_DIR;
    process.env.SPILLOVER_DATA_DIR = dir;
    try {
      expect((await runCli(['demo'], io().io)).code).toBe(0);
      expect(fs.existsSync(path.join(dir, 'spillover.sqlite'))).toBe(true);
    } finally {
      if (previous === undefined) delete process.env.SPILLOVER_DATA_DIR;
      else process.env.SPILLOVER_DATA_DIR = previous;
    }
  });

  it('db check and serve exit non-zero on a newer database and leave it byte for byte', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'spillover.sqlite');
    const db = openDatabase(file);
    db.pragma(`user_version = ${LATEST_VERSION + 3}`);
    db.pragma('journal_mode = DELETE');
    db.close();
    const before = fs.readFileSync(file);
    const check = io();
    expect((await runCli(['db', 'check', '--data-dir', dir], check.io)).code).toBe(2);
    expect(check.err.join('\n')).toMatch(/newer Spillover.*update Spillover/s);
    const serve = io();
    expect((await runCli(['serve', '--no-open', '--port', '0', '--data-dir', dir], serve.io)).code).toBe(2);
    expect(serve.err.join('\n')).toMatch(/newer Spillover/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('db check on a folder without a database says so and creates nothing', async () => {
    const dir = tempDir();
    const r = io();
    expect((await runCli(['db', 'check', '--data-dir', dir], r.io)).code).toBe(2);
    expect(r.err.join('\n')).toMatch(/no Spillover database/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('prints help, the version, and clear usage errors', async () => {
    const h = io();
    expect((await runCli(['--help'], h.io)).code).toBe(0);
    expect(h.out.join('\n')).toMatch(/serve .*demo.*db check/s);
    const v = io();
    expect((await runCli(['--version'], v.io)).code).toBe(0);
    expect(v.out[0]).toMatch(/^\d+\.\d+\.\d+/);
    const u = io();
    expect((await runCli(['launch'], u.io)).code).toBe(2);
    expect(u.err.join('\n')).toMatch(/Unknown command "launch"/);
    const f = io();
    expect((await runCli(['serve', '--bogus'], f.io)).code).toBe(2);
    const p = io();
    expect((await runCli(['serve', '--port', 'eighty', '--data-dir', tempDir()], p.io)).code).toBe(2);
    expect(p.err.join('\n')).toMatch(/--port/);
  });
});

describe('spillover import / export / imports', () => {
  it('imports a German Excel CSV in Windows-1252, reports rows, exports it again, and undoes it', async () => {
    const dir = tempDir();
    const csv = path.join(dir, 'mitglieder.csv');
    fs.writeFileSync(csv, Buffer.from('Anrede;Vorname;Nachname;E-Mail;Firma;PLZ\r\nFrau;J\xfcrgen;M\xfcller;jm@x.example;Stra\xdfenbau GmbH;01067\r\nHerr;Ohne;;kaputt@;X AG;\r\n;;;;;\r\nHerr;Nie;;;;\r\n', 'latin1'));
    const a = io();
    expect((await runCli(['import', csv, '--data-dir', dir, '--source', 'Mitgliederliste 2026'], a.io)).code).toBe(0);
    const out = a.out.join('\n');
    expect(out).toMatch(/windows-1252, delimiter ";", 3 rows, recognised as excel-de/);
    expect(out).toMatch(/Row 3: .*email_invalid/);
    expect(out).toMatch(/Import 1: created 3/);
    const exported = path.join(dir, 'export.csv');
    const e = io();
    expect((await runCli(['export', exported, '--semicolon', '--query', 'org:Straßenbau', '--data-dir', dir], e.io)).code).toBe(0);
    expect(e.out[0]).toBe(`Exported 1 persons to ${exported} (csv-semicolon).`);
    const text = fs.readFileSync(exported, 'utf8');
    expect(text).toContain('Frau;;Jürgen;Müller;jm@x.example');
    expect(text).toContain(';01067;');
    const vcf = path.join(dir, 'export.vcf');
    expect((await runCli(['export', vcf, '--data-dir', dir], io().io)).code).toBe(0);
    expect(fs.readFileSync(vcf, 'utf8')).toMatch(/^BEGIN:VCARD\r\nVERSION:4\.0/);
    const l = io();
    expect((await runCli(['imports', '--data-dir', dir], l.io)).code).toBe(0);
    expect(l.out[0]).toMatch(/^1\tmitglieder\.csv|^1\t.*mitglieder\.csv\tMitgliederliste 2026/);
    const u = io();
    expect((await runCli(['imports', 'undo', '1', '--data-dir', dir], u.io)).code).toBe(0);
    expect(u.out[0]).toMatch(/Undid import 1/);
    const again = io();
    expect((await runCli(['imports', 'undo', '1', '--data-dir', dir], again.io)).code).toBe(1);
  });

  it('dry-run changes nothing; unreadable files exit non-zero with a clear message', async () => {
    const dir = tempDir();
    const csv = path.join(dir, 'a.csv');
    fs.writeFileSync(csv, 'E-Mail,Nachname\na@example.org,A\n');
    const d = io();
    expect((await runCli(['import', csv, '--dry-run', '--data-dir', dir], d.io)).code).toBe(0);
    expect(d.out.join('\n')).toMatch(/Dry run, nothing changed: would create 1/);
    const e = io();
    await runCli(['export', path.join(dir, 'x.csv'), '--data-dir', dir], e.io);
    expect(e.out[0]).toMatch(/Exported 0 persons/);
    const bin = path.join(dir, 'bild.csv');
    fs.writeFileSync(bin, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]));
    const b = io();
    expect((await runCli(['import', bin, '--data-dir', dir], b.io)).code).toBe(2);
    expect(b.err.join('\n')).toMatch(/not a text file|image/i);
    const missing = io();
    expect((await runCli(['import', path.join(dir, 'nope.csv'), '--data-dir', dir], missing.io)).code).toBe(2);
    const c = io();
    expect((await runCli(['import', csv, '--consent', 'newsletter', '--data-dir', dir], c.io)).code).toBe(2);
    expect(c.err.join('\n')).toMatch(/--wording/);
  });
});

describe('spillover contacts count / segment', () => {
  const last = (lines: string[]) => lines[lines.length - 1];

  it('counts a query; count(Q) + count(-Q) = count(all); a malformed query points at the problem', async () => {
    const dir = tempDir();
    await runCli(['demo', '--data-dir', dir], io().io);
    const count = async (q: string) => {
      const a = io();
      expect((await runCli(['contacts', 'count', `--query=${q}`, '--data-dir', dir], a.io)).code).toBe(0);
      return Number(last(a.out));
    };
    const all = await count('');
    expect(all).toBe(150);
    for (const q of ['key:yes member:yes', 'kind:startup OR lang:en', 'verified:<2026-01-01 -(funded:yes)', 'müller']) {
      expect((await count(q)) + (await count(`-(${q})`))).toBe(all);
    }
    const bad = io();
    expect((await runCli(['contacts', 'count', '--query', 'kind:startup (foo:bar', '--data-dir', dir], bad.io)).code).toBe(2);
    expect(bad.err.join('\n')).toContain('Unknown filter "foo" at position 15');
    expect(bad.err).toContain(`  ${' '.repeat(14)}^^^^^^^`);
  });

  it('saves, lists, counts and lists members of a segment; the count is the last line', async () => {
    const dir = tempDir();
    await runCli(['demo', '--data-dir', dir], io().io);
    const saved = io();
    expect((await runCli(['segment', 'save', 'Englisch', '--query', 'lang:en', '--data-dir', dir], saved.io)).code).toBe(0);
    const listed = io();
    await runCli(['segment', 'list', '--data-dir', dir], listed.io);
    expect(listed.out.some((l) => l.startsWith('Englisch\t'))).toBe(true);
    const counted = io();
    expect((await runCli(['segment', 'count', 'Englisch', '--data-dir', dir], counted.io)).code).toBe(0);
    expect(counted.out.join('\n')).toMatch(/Excluded: \d+/);
    const n = Number(last(counted.out));
    expect(n).toBe(Number(last(saved.out)));
    const members = io();
    await runCli(['segment', 'members', 'Englisch', '--format', 'csv', '--data-dir', dir], members.io);
    expect(members.out[0]).toBe('email;salutation;title;first_name;last_name;organisation;country;language;key_contact');
    expect(members.out).toHaveLength(n + 1);
    expect(members.out.slice(1).every((l) => l.split(';')[7] === 'en')).toBe(true);
    const perOrg = io();
    await runCli(['segment', 'count', '--query', 'member:yes', '--one-per-org', '--data-dir', dir], perOrg.io);
    expect(perOrg.out.join('\n')).toMatch(/Organisations reached: \d+; with nobody reachable: \d+/);
    const missing = io();
    expect((await runCli(['segment', 'count', 'Gibtsnicht', '--data-dir', dir], missing.io)).code).toBe(2);
    expect(missing.err.join('\n')).toContain('no segment named "Gibtsnicht"');
  });
});

describe('spillover template', () => {
  it('lists the starter templates, imports a fixture .mjml, and keeps a broken one while pointing at the line', async () => {
    const dir = tempDir();
    const list = io();
    expect((await runCli(['template', 'list', '--data-dir', dir], list.io)).code).toBe(0);
    expect(list.out[list.out.length - 1]).toBe('4');
    expect(list.out.join('\n')).toMatch(/\tnewsletter\tde\tstarter\tNewsletter \(Deutsch\)/);

    const fixture = path.resolve(__dirname, '../../shared/fixtures/mjml-templates/newsletter.mjml');
    const good = io();
    expect((await runCli(['template', 'import', fixture, '--kind', 'newsletter', '--language', 'en', '--data-dir', dir], good.io)).code).toBe(0);
    expect(good.out.join('\n')).toMatch(/^Stored template \d+ "newsletter" \(newsletter, en\)\.$/);

    const file = path.join(tempDir(), 'kaputt.mjml');
    fs.writeFileSync(file, '<mjml>\n  <mj-body>\n    <mj-section>\n  </mj-body>\n</mjml>\n');
    const bad = io();
    expect((await runCli(['template', 'import', file, '--kind', 'mailing', '--data-dir', dir], bad.io)).code).toBe(1);
    expect(bad.err.join('\n')).toContain(`${file}:3:5: error: <mj-section> opened on line 3 is not closed`);
    expect(bad.out.join('\n')).toMatch(/Stored template \d+ "kaputt" \(mailing, de\) with 1 error to fix\./);

    const after = io();
    await runCli(['template', 'list', '--data-dir', dir], after.io);
    expect(after.out[after.out.length - 1]).toBe('6');
    expect((await runCli(['template', 'import', file, '--kind', 'poster', '--data-dir', dir], io().io)).code).toBe(2);
    expect((await runCli(['template', 'import', '--data-dir', dir], io().io)).code).toBe(2);
  });
});

describe('spillover newsletter and render', () => {
  async function demoDir(): Promise<string> {
    const dir = tempDir();
    expect((await runCli(['demo', '--data-dir', dir], io().io)).code).toBe(0);
    return dir;
  }

  it('lists the demo newsletter and mailing', async () => {
    const dir = await demoDir();
    const a = io();
    expect((await runCli(['newsletter', 'list', '--data-dir', dir], a.io)).code).toBe(0);
    expect(a.out.join('\n')).toMatch(/\tnewsletter\tdraft\tde\+en\t5 items\t/);
    expect(a.out.join('\n')).toMatch(/\tmailing\tdraft\tde\+en\t/);
    expect(a.out.at(-1)).toBe('2');
  });

  it('renders one contact as .eml and .html', async () => {
    const dir = await demoDir();
    const db = openDatabase(databaseFile(dir));
    const issueId = db.prepare("SELECT id FROM newsletters WHERE kind = 'newsletter'").pluck().get() as number;
    const email = db.prepare("SELECT p.email FROM persons p WHERE p.language = 'en' AND p.status = 'active' AND p.email IS NOT NULL ORDER BY p.id LIMIT 1").pluck().get() as string;
    db.close();
    const out = path.join(tempDir(), 'one.eml');
    const a = io();
    expect((await runCli(['render', String(issueId), '--contact', email, '--out', out, '--data-dir', dir], a.io)).code).toBe(0);
    const eml = fs.readFileSync(out, 'utf8');
    expect(eml).toMatch(/^Subject: /m);
    expect(eml).toMatch(/Content-Type: multipart\/alternative/);
    expect(eml).toContain(`<${email}>`);
    expect(a.out.join('\n')).toContain('English message');
    const html = path.join(tempDir(), 'one.html');
    expect((await runCli(['render', String(issueId), '--contact', email, '--out', html, '--data-dir', dir], io().io)).code).toBe(0);
    expect(fs.readFileSync(html, 'utf8')).toMatch(/^<!doctype html>/i);
    const missing = io();
    expect((await runCli(['render', String(issueId), '--contact', 'nobody@nowhere.example', '--out', out, '--data-dir', dir], missing.io)).code).toBe(1);
    expect(missing.err.join('\n')).toContain('no person has the e-mail address');
  });

  it('renders one .eml per recipient of the audience narrowed by a query, with a summary line', async () => {
    const dir = await demoDir();
    const db = openDatabase(databaseFile(dir));
    const issueId = db.prepare("SELECT id FROM newsletters WHERE kind = 'newsletter'").pluck().get() as number;
    db.close();
    const outDir = path.join(tempDir(), 'out');
    const all = io();
    const code = (await runCli(['render', String(issueId), '--query', '', '--out', outDir, '--data-dir', dir], all.io)).code;
    expect(all.err).toEqual([]);
    expect(code).toBe(0);
    const total = fs.readdirSync(outDir).length;
    expect(all.out.at(-1)).toBe(`Rendered ${total} messages to ${outDir}.`);
    expect(total).toBeGreaterThan(10);
    // Narrowed: exactly the audience members the query matches (the audience itself comes from its segment).
    const enDir = path.join(tempDir(), 'en');
    const en = io();
    expect((await runCli(['render', String(issueId), '--query', 'kind:research_institute OR kind:university', '--out', enDir, '--data-dir', dir], en.io)).code).toBe(0);
    const files = fs.readdirSync(enDir);
    expect(files.length).toBeGreaterThan(0);
    expect(files.length).toBeLessThan(total);
    expect(en.out.at(-1)).toBe(`Rendered ${files.length} messages to ${enDir}.`);
    expect((await runCli(['render', String(issueId), '--query', 'kind:(', '--out', enDir, '--data-dir', dir], io().io)).code).toBe(2);
    expect((await runCli(['render', String(issueId), '--out', enDir, '--data-dir', dir], io().io)).code).toBe(2);
  });
});
