/**
 * The import wizard's API: a file is read once into an upload kept in memory (so mapping changes and
 * checks do not resend it), checked against the database, and imported by a worker with progress.
 */
import crypto from 'node:crypto';
import { ApiError } from '../../shared/api';
import type { ImportCheck, ImportPreview, ImportRequest } from '../../shared/contacts/import-schemas';
import { suggestMapping } from '../../shared/contacts/mapping';
import type { Db } from '../db/database';
import type { HandlerTable } from '../services/registry';
import { readSettings } from '../services/settings';
import { analyseImport, undoImport, UndoError, type ImportSettings } from './importer';
import { jobState, startImportJob } from './jobs';
import { ImportReadError, readSource, type ReadOptions, type SourceTable } from './read';

interface Upload {
  fileName: string;
  table: SourceTable;
}

/** A handful of recent uploads; a wizard that sat for hours simply reopens its file. */
const uploads = new Map<string, Upload>();
const MAX_UPLOADS = 5;

function upload(id: string): Upload {
  const u = uploads.get(id);
  if (!u) throw new ApiError('not_found', 'The file is no longer open. Open it again in the import wizard.');
  return u;
}

export async function openImport(fileName: string, bytes: Uint8Array, options: ReadOptions): Promise<ImportPreview> {
  let table: SourceTable;
  try {
    table = await readSource(fileName, bytes, options);
  } catch (err) {
    if (err instanceof ImportReadError) throw new ApiError('bad_input', err.message);
    throw err;
  }
  const id = crypto.randomUUID();
  uploads.set(id, { fileName, table });
  while (uploads.size > MAX_UPLOADS) uploads.delete(uploads.keys().next().value as string);
  const { mapping, shape } = suggestMapping(table.columns);
  return {
    uploadId: id,
    fileName,
    format: table.format,
    encoding: table.encoding,
    delimiter: table.delimiter,
    sheets: table.sheets,
    sheet: table.sheet,
    columns: table.columns,
    mapping,
    shape,
    rows: table.rows.length,
    preview: table.rows.slice(0, 20),
    warnings: table.warnings.slice(0, 200),
  };
}

export function importSettings(fileName: string, req: ImportRequest): ImportSettings {
  return {
    fileName,
    mapping: req.mapping,
    onDuplicate: req.onDuplicate,
    decisions: Object.fromEntries(req.decisions.map((d) => [d.line, d.policy])),
    source: req.source,
    consent: req.consent,
  };
}

function checkMapping(table: SourceTable, mapping: ImportRequest['mapping']): void {
  if (mapping.length !== table.columns.length) {
    throw new ApiError('bad_input', `The mapping has ${mapping.length} entries but the file has ${table.columns.length} columns.`);
  }
  if (!mapping.some((f) => f === 'email' || f === 'lastName' || f === 'fullName')) {
    throw new ApiError('bad_input', 'Map at least one column to E-Mail or to a name, otherwise no person can be recognised.');
  }
}

export function checkImport(db: Db, req: ImportRequest): ImportCheck {
  const u = upload(req.uploadId);
  checkMapping(u.table, req.mapping);
  const report = analyseImport(db, u.table, importSettings(u.fileName, req), readSettings(db).sizeThresholds);
  const problems = report.outcomes.filter(
    (o) => o.action === 'invalid' || o.issues.length > 0 || o.action === 'update' || o.action === 'skip' || (o.action === 'create' && o.suppressed),
  );
  return {
    rows: report.rows,
    create: report.create,
    update: report.update,
    skip: report.skip,
    invalid: report.invalid,
    suppressed: report.suppressed,
    bounced: report.bounced,
    problems: problems.slice(0, 2000).map((o) => ({
      line: o.line,
      action: o.action,
      label: o.action === 'invalid' ? '' : [o.draft.firstName, o.draft.lastName].filter(Boolean).join(' ') || o.draft.email || '',
      issues: o.issues.map((i) => ({ field: i.field, code: i.code, value: i.value })),
      duplicate: o.action === 'update' || o.action === 'skip' ? o.match : null,
      suppressed: o.action === 'create' && o.suppressed,
    })),
    problemsTruncated: problems.length > 2000,
  };
}

export function registerImports(table: HandlerTable): void {
  table
    .register('imports/open', ({ fileName, base64, options }, _ctx) => openImport(fileName, Buffer.from(base64, 'base64'), options))
    .register('imports/check', (req, ctx) => checkImport(ctx.db, req))
    .register('imports/start', (req, ctx) => {
      const u = upload(req.uploadId);
      checkMapping(u.table, req.mapping);
      const jobId = startImportJob(ctx.db, {
        databaseFile: ctx.databaseFile,
        nativeBinding: ctx.nativeBinding,
        table: u.table,
        settings: importSettings(u.fileName, req),
        sizeThresholds: readSettings(ctx.db).sizeThresholds,
      });
      return { jobId };
    })
    .register('imports/progress', ({ jobId }) => {
      const state = jobState(jobId);
      if (!state) throw new ApiError('not_found', 'Unknown import job.');
      return state;
    })
    .register('imports/list', (_input, ctx) => ({
      imports: (
        ctx.db
          .prepare('SELECT id, at, file_name AS fileName, format, source, summary, undone_at AS undoneAt FROM imports ORDER BY id DESC LIMIT 200')
          .all() as { id: number; at: string; fileName: string; format: string; source: string | null; summary: string; undoneAt: string | null }[]
      ).map((r) => ({ ...r, summary: JSON.parse(r.summary) as Record<string, unknown> })),
    }))
    .register('imports/undo', ({ id }, ctx) => {
      try {
        return undoImport(ctx.db, id);
      } catch (err) {
        if (err instanceof UndoError) throw new ApiError('conflict', err.message);
        throw err;
      }
    });
}
