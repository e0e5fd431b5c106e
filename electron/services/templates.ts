/**
 * Templates: whole MJML documents with merge tags, stored in the database. Saving never refuses a
 * document for its MJML problems — the text is the user's work and is kept — it returns the problems
 * with their lines instead (and stores them, so the list can flag a template that needs fixing).
 *
 * Problems come from two places: a structure check of our own (unclosed and mismatched elements, which
 * mjml repairs silently into a wrong layout) and mjml's validation. Merge tags are plain text to MJML; the
 * slot {{items}} between sections is text MJML drops when checking here, and is filled by the composer.
 *
 * Starter templates can be edited and duplicated but not deleted: a new newsletter or mailing takes its
 * variants from the starter of its kind in each language. Newsletters keep their own copy of the MJML, so
 * deleting any other template never changes one.
 */
import { compileMjml } from './mjml';
import { ApiError } from '../../shared/api';
import { checkMjmlStructure } from '../../shared/newsletters/mjml-structure';
import { RenderProblem, type MessageKind, type MessageLanguage, type Template, type TemplateSummary } from '../../shared/newsletters/schemas';
import { z } from 'zod';
import type { Db } from '../db/database';
import type { HandlerTable } from './registry';

interface TemplateRow {
  id: number;
  name: string;
  kind: MessageKind;
  language: MessageLanguage;
  starter: number;
  mjml: string;
  problems: string;
  updated_at: string;
}

/** mjml messages that mean content is lost (an element it does not know is dropped); the rest still renders. */
const MJML_ERRORS = /doesn't exist or is not registered/i;

/** MJML problems of a document, with lines in the user's text. Never throws. */
export async function mjmlProblems(mjml: string): Promise<RenderProblem[]> {
  const problems: RenderProblem[] = checkMjmlStructure(mjml).map((p) => ({
    code: `mjml_${p.code}`,
    severity: 'error',
    message: p.message,
    part: 'body',
    origin: 'mjml',
    line: p.line,
    column: p.column,
    params: p.params,
  }));
  try {
    const result = await compileMjml(mjml, { validationLevel: 'soft', ignoreIncludes: true, keepComments: false });
    for (const e of result.errors) {
      problems.push({
        code: 'mjml_validation',
        severity: MJML_ERRORS.test(e.message) ? 'error' : 'warning',
        message: e.message,
        part: 'body',
        origin: 'mjml',
        line: e.line,
        column: 1,
      });
    }
  } catch (error) {
    // mjml throws when it cannot read the document at all; the structure check usually says where.
    problems.push({
      code: 'mjml_parse',
      severity: 'error',
      message: `MJML could not read this document (${error instanceof Error ? error.message : String(error)}).`,
      part: 'body',
      origin: 'mjml',
      line: problems[0]?.line ?? 1,
      column: problems[0]?.column ?? 1,
    });
  }
  return problems.sort((a, b) => a.line - b.line || a.column - b.column);
}

function summary(row: TemplateRow): TemplateSummary {
  return { id: row.id, name: row.name, kind: row.kind, language: row.language, starter: row.starter === 1, updatedAt: row.updated_at };
}

const STORED_PROBLEMS = z.array(RenderProblem);

function row(db: Db, id: number): TemplateRow {
  const found = db.prepare('SELECT id, name, kind, language, starter, mjml, problems, updated_at FROM templates WHERE id = ?').get(id) as TemplateRow | undefined;
  if (!found) throw new ApiError('not_found', `There is no template with id ${id}; it may have been deleted.`);
  return found;
}

export function getTemplate(db: Db, id: number): Template {
  const r = row(db, id);
  const parsed = STORED_PROBLEMS.safeParse(JSON.parse(r.problems));
  return { ...summary(r), mjml: r.mjml, problems: parsed.success ? parsed.data : [] };
}

export function listTemplates(db: Db): TemplateSummary[] {
  // Starters first, newsletters before mailings, German before English.
  const rows = db
    .prepare(`SELECT id, name, kind, language, starter, mjml, problems, updated_at FROM templates ORDER BY starter DESC, kind = 'mailing', language, name COLLATE NOCASE`)
    .all() as TemplateRow[];
  return rows.map(summary);
}

export interface TemplateInput {
  id?: number | undefined;
  name: string;
  kind: MessageKind;
  language: MessageLanguage;
  mjml: string;
}

/** Stores the text whatever its problems, and returns it with them. */
export async function saveTemplate(db: Db, input: TemplateInput): Promise<Template> {
  const problems = await mjmlProblems(input.mjml);
  const now = new Date().toISOString();
  const json = JSON.stringify(problems);
  let id: number;
  if (input.id === undefined) {
    id = Number(
      db
        .prepare('INSERT INTO templates (name, kind, language, mjml, starter, problems, created_at, updated_at) VALUES (?, ?, ?, ?, 0, ?, ?, ?)')
        .run(input.name, input.kind, input.language, input.mjml, json, now, now).lastInsertRowid,
    );
  } else {
    row(db, input.id);
    id = input.id;
    db.prepare('UPDATE templates SET name = ?, kind = ?, language = ?, mjml = ?, problems = ?, updated_at = ? WHERE id = ?').run(
      input.name,
      input.kind,
      input.language,
      input.mjml,
      json,
      now,
      id,
    );
  }
  return getTemplate(db, id);
}

/** "newsletter-herbst.mjml" → "newsletter-herbst"; the name the user gave the file is the best name we have. */
export function nameFromFile(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const name = base.replace(/\.mjml$/i, '').trim();
  return (name || 'Import').slice(0, 200);
}

export async function duplicateTemplate(db: Db, id: number, name?: string): Promise<Template> {
  const source = getTemplate(db, id);
  return saveTemplate(db, { name: name ?? copyName(db, source.name), kind: source.kind, language: source.language, mjml: source.mjml });
}

function copyName(db: Db, name: string): string {
  const taken = new Set((db.prepare('SELECT name FROM templates').all() as { name: string }[]).map((r) => r.name.toLowerCase()));
  const base = `${name.replace(/ \(Kopie(?: \d+)?\)$/, '')} (Kopie)`;
  if (!taken.has(base.toLowerCase())) return base.slice(0, 200);
  for (let n = 2; ; n++) {
    const candidate = base.replace(/\)$/, ` ${n})`);
    if (!taken.has(candidate.toLowerCase())) return candidate.slice(0, 200);
  }
}

export function deleteTemplate(db: Db, id: number): boolean {
  const r = row(db, id);
  if (r.starter === 1) {
    throw new ApiError('conflict', `"${r.name}" is a starter template: new newsletters and mailings are made from it. Duplicate it and change the copy, or edit it as it is.`);
  }
  return db.prepare('DELETE FROM templates WHERE id = ?').run(id).changes > 0;
}

export function registerTemplates(table: HandlerTable): void {
  table.register('templates/list', (_input, { db }) => ({ rows: listTemplates(db) }));
  table.register('templates/get', (input, { db }) => getTemplate(db, input.id));
  table.register('templates/save', (input, { db }) => saveTemplate(db, input));
  table.register('templates/check', async (input) => ({ problems: await mjmlProblems(input.mjml) }));
  table.register('templates/duplicate', (input, { db }) => duplicateTemplate(db, input.id, input.name));
  table.register('templates/import', (input, { db }) =>
    saveTemplate(db, { name: nameFromFile(input.fileName), kind: input.kind, language: input.language, mjml: input.mjml }),
  );
  table.register('templates/delete', (input, { db }) => ({ deleted: deleteTemplate(db, input.id) }));
}
