/** Wire shapes of the import wizard: open a file, check it, start it, watch it, list and undo imports. */
import { z } from 'zod';
import { ConsentPurpose } from '../domain';
import { IMPORT_FIELDS, IMPORT_SHAPES } from './mapping';

export const ImportFieldEnum = z.enum(IMPORT_FIELDS);
export const DuplicatePolicy = z.enum(['skip', 'fill', 'overwrite']);
export type DuplicatePolicy = z.infer<typeof DuplicatePolicy>;

export const ReadOptionsShape = z
  .object({
    format: z.enum(['csv', 'xlsx', 'vcard']).optional(),
    delimiter: z.enum([',', ';', '\t', '|']).optional(),
    encoding: z.enum(['utf-8', 'windows-1252', 'utf-16le', 'utf-16be']).optional(),
    sheet: z.string().max(200).optional(),
  })
  .strict();

export const ImportOpenInput = z
  .object({
    fileName: z.string().min(1).max(255),
    /** The file's bytes, base64; ~64 MB of JSON at most over the browser shell. */
    base64: z.string().max(90_000_000),
    options: ReadOptionsShape.default({}),
  })
  .strict();

export const ImportPreview = z.object({
  uploadId: z.string(),
  fileName: z.string(),
  format: z.enum(['csv', 'xlsx', 'vcard']),
  encoding: z.string().nullable(),
  delimiter: z.string().nullable(),
  sheets: z.array(z.string()),
  sheet: z.string().nullable(),
  columns: z.array(z.string()),
  mapping: z.array(ImportFieldEnum.nullable()),
  shape: z.enum(IMPORT_SHAPES),
  rows: z.number().int(),
  preview: z.array(z.object({ line: z.number().int(), cells: z.array(z.string()) })),
  warnings: z.array(z.object({ line: z.number().int().nullable(), code: z.string(), message: z.string() })),
});
export type ImportPreview = z.infer<typeof ImportPreview>;

export const ImportRequest = z
  .object({
    uploadId: z.string().max(100),
    mapping: z.array(ImportFieldEnum.nullable()).max(500),
    onDuplicate: DuplicatePolicy,
    decisions: z.array(z.object({ line: z.number().int().positive(), policy: DuplicatePolicy })).max(200_000).default([]),
    source: z.string().trim().min(1, 'Say where the data comes from, e.g. "Messe JEC 2026".').max(200),
    /** Only when the user states that the file documents consent for this purpose, with the wording. */
    consent: z
      .object({ purpose: ConsentPurpose, wordingVersion: z.string().trim().min(1).max(200), evidence: z.string().trim().max(2000).optional() })
      .strict()
      .optional(),
  })
  .strict();
export type ImportRequest = z.infer<typeof ImportRequest>;

const Issue = z.object({ field: z.string(), code: z.string(), value: z.string() });

export const ImportCheck = z.object({
  rows: z.number().int(),
  create: z.number().int(),
  update: z.number().int(),
  skip: z.number().int(),
  invalid: z.number().int(),
  suppressed: z.number().int(),
  bounced: z.boolean(),
  /** Rows worth the user's attention (issues, duplicates), in file order; at most 2,000. */
  problems: z.array(
    z.object({
      line: z.number().int(),
      action: z.enum(['create', 'update', 'skip', 'invalid']),
      label: z.string(),
      issues: z.array(Issue),
      duplicate: z
        .object({ kind: z.enum(['database', 'file']), by: z.enum(['email', 'name']), personId: z.number().int().nullable(), firstLine: z.number().int().nullable(), label: z.string() })
        .nullable(),
      suppressed: z.boolean(),
    }),
  ),
  problemsTruncated: z.boolean(),
});
export type ImportCheck = z.infer<typeof ImportCheck>;

export const ImportSummary = z.object({
  importId: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  skipped: z.number().int(),
  invalid: z.number().int(),
  organisationsCreated: z.number().int(),
});

export const ImportProgress = z.object({
  state: z.enum(['running', 'done', 'failed']),
  done: z.number().int(),
  total: z.number().int(),
  result: ImportSummary.optional(),
  error: z.string().optional(),
});

export const ImportHistory = z.object({
  imports: z.array(
    z.object({
      id: z.number().int(),
      at: z.string(),
      fileName: z.string(),
      format: z.string(),
      source: z.string().nullable(),
      summary: z.record(z.string(), z.unknown()),
      undoneAt: z.string().nullable(),
    }),
  ),
});
