/**
 * `spillover newsletter list` and `spillover render …`: the same render path as the preview and the export
 * (electron/services/newsletters.ts), so a message written here is the message that would be sent.
 * Kept apart from cli.ts so the command table there stays short.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseQuery } from '../shared/contacts/query';
import { startBackend } from './app';
import { matchIds } from './services/audience';
import { composeMail } from './services/mail';
import { listNewsletters, loadState, prepareIssue, SENDER, sendChecks, unsubscribeUrl, type PreparedMessage } from './services/newsletters';
import { loadRecipients, type RecipientRow } from './services/render';
import { checkRule } from './services/rules';

export interface RenderCliIo {
  out(line: string): void;
  err(line: string): void;
}

export function newsletterCommand(args: string[], dataDir: string | undefined, io: RenderCliIo): number {
  const [sub] = args;
  if (sub !== 'list') {
    io.err(`Error: unknown newsletter command "${sub ?? ''}". Try: spillover newsletter list`);
    return 2;
  }
  const backend = startBackend({ dataDir, shell: 'cli', seedDemo: false });
  try {
    const rows = listNewsletters(backend.db);
    if (rows.length === 0) io.out('No newsletters or mailings yet.');
    for (const r of rows) io.out(`${r.id}\t${r.kind}\t${r.status}\t${r.languages.join('+')}\t${r.items} items\t${r.segment ?? '(no audience)'}\t${r.title}`);
    io.out(String(rows.length));
    return 0;
  } finally {
    backend.close();
  }
}

async function eml(row: RecipientRow, m: PreparedMessage): Promise<Buffer> {
  return composeMail({
    from: SENDER,
    to: { name: row.displayName, address: row.recipient.email ?? '' },
    subject: m.message.subject,
    text: m.message.text,
    html: m.message.html,
    listUnsubscribe: { url: unsubscribeUrl(row.personId, row.recipient.email) },
  });
}

/** `render <issue-id> --contact <email> --out <file.eml|.html>` or `render <issue-id> --query Q --out <dir>`. */
export async function renderCommand(args: string[], values: { contact?: string | undefined; query?: string | undefined; out?: string | undefined }, dataDir: string | undefined, io: RenderCliIo): Promise<number> {
  const id = Number(args[0]);
  const usage = 'spillover render <issue-id> --contact <email> --out <file.eml|.html>  or  spillover render <issue-id> --query Q --out <dir>';
  if (!Number.isInteger(id) || id <= 0 || !values.out || (values.contact === undefined) === (values.query === undefined)) {
    io.err(`Error: usage: ${usage}`);
    return 2;
  }
  const backend = startBackend({ dataDir, shell: 'cli', seedDemo: false });
  try {
    const db = backend.db;
    const exists = db.prepare('SELECT 1 FROM newsletters WHERE id = ?').get(id);
    if (!exists) {
      io.err(`Error: there is no newsletter or mailing with id ${id}. See: spillover newsletter list`);
      return 1;
    }
    const state = loadState(db, id);

    if (values.contact !== undefined) {
      const personId = db.prepare("SELECT id FROM persons WHERE lower(email) = lower(?) AND status <> 'erased'").pluck().get(values.contact.trim()) as number | undefined;
      if (personId === undefined) {
        io.err(`Error: no person has the e-mail address ${values.contact}.`);
        return 1;
      }
      const prepared = await prepareIssue(db, state, { extraPersons: [personId] });
      if (prepared.guard.length > 0) {
        for (const v of prepared.guard) io.err(`Error: ${v.message}`);
        return 1;
      }
      const row = loadRecipients(db, [personId], { unsubscribeUrl })[0] as RecipientRow;
      const m = prepared.render(row);
      if (!m) {
        io.err(`Nothing in this mailing matches ${values.contact}'s interests; no message written.`);
        return 1;
      }
      const compiled = prepared.variants.get(m.language);
      if (compiled) for (const c of sendChecks(compiled, m.message, prepared.items, m.language)) io.err(`${c.severity === 'error' ? 'Error' : 'Warning'}: ${c.message}`);
      const asHtml = path.extname(values.out).toLowerCase() === '.html';
      fs.writeFileSync(values.out, asHtml ? Buffer.from(m.message.html, 'utf8') : await eml(row, m));
      io.out(`Wrote the ${m.language === 'de' ? 'German' : 'English'} message for ${row.displayName || values.contact} to ${values.out}.`);
      return 0;
    }

    const query = values.query ?? '';
    const parsed = parseQuery(query);
    if (parsed.problems.length > 0) {
      for (const p of parsed.problems) io.err(`Error in --query: ${p.message}`);
      return 2;
    }
    const prepared = await prepareIssue(db, state);
    if (prepared.guard.length > 0) {
      for (const v of prepared.guard) io.err(`Error: ${v.message}`);
      return 1;
    }
    const checked = checkRule(db, parsed.rule);
    const narrowed = new Set(matchIds(db, checked.rule, checked.ctx));
    const ids = prepared.audience.filter((p) => narrowed.has(p));
    fs.mkdirSync(values.out, { recursive: true });
    let written = 0;
    let skipped = 0;
    for (const row of loadRecipients(db, ids, { unsubscribeUrl })) {
      const m = prepared.render(row);
      if (!m) {
        skipped += 1;
        continue;
      }
      fs.writeFileSync(path.join(values.out, `${String(row.personId).padStart(6, '0')}-${m.language}.eml`), await eml(row, m));
      written += 1;
    }
    io.out(`Rendered ${written} messages to ${values.out}${skipped > 0 ? ` (${skipped} recipients with nothing relevant were skipped)` : ''}.`);
    return 0;
  } finally {
    backend.close();
  }
}
