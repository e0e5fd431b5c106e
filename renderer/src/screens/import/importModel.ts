/** Pure helpers of the import wizard, kept apart from the components so they can be unit-tested. */
import { ImportRequest, type ImportCheck, type ImportPreview } from '../../../../shared/contacts/import-schemas';
import type { ImportField } from '../../../../shared/contacts/mapping';
import type { ConsentPurpose } from '../../../../shared/domain';

export type Mapping = (ImportField | null)[];
export type DuplicatePolicy = ImportRequest['onDuplicate'];
export type ProblemRow = ImportCheck['problems'][number];

export const DELIMITERS = [',', ';', '\t', '|'] as const;
export type Delimiter = (typeof DELIMITERS)[number];
/** Translation keys for the delimiters (the characters themselves make poor keys). */
export const DELIMITER_NAMES: Record<Delimiter, 'comma' | 'semicolon' | 'tab' | 'pipe'> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' };

export const ENCODINGS = ['utf-8', 'windows-1252', 'utf-16le', 'utf-16be'] as const;
export type Encoding = (typeof ENCODINGS)[number];
export const ENCODING_NAMES: Record<Encoding, 'utf8' | 'windows1252' | 'utf16le' | 'utf16be'> = {
  'utf-8': 'utf8',
  'windows-1252': 'windows1252',
  'utf-16le': 'utf16le',
  'utf-16be': 'utf16be',
};

export function isDelimiter(s: string | null | undefined): s is Delimiter {
  return (DELIMITERS as readonly (string | null | undefined)[]).includes(s);
}

export function isEncoding(s: string | null | undefined): s is Encoding {
  return (ENCODINGS as readonly (string | null | undefined)[]).includes(s);
}

/** The server refuses a mapping by which no person can be recognised; the wizard says so before. */
export function hasIdentity(mapping: Mapping): boolean {
  return mapping.some((f) => f === 'email' || f === 'lastName' || f === 'fullName');
}

/** Up to `n` non-empty sample values of one column from the preview rows. */
export function samples(preview: ImportPreview, column: number, n = 3): string[] {
  const out: string[] = [];
  for (const row of preview.preview) {
    const v = row.cells[column]?.trim();
    if (v) out.push(v);
    if (out.length >= n) break;
  }
  return out;
}

/** Fields mapped by more than one column: allowed, but worth pointing out. */
export function repeatedFields(mapping: Mapping): ImportField[] {
  const seen = new Set<ImportField>();
  const twice = new Set<ImportField>();
  for (const f of mapping) {
    if (f === null) continue;
    if (seen.has(f)) twice.add(f);
    seen.add(f);
  }
  return [...twice];
}

/**
 * Per-row choices for duplicates, as the API wants them. Every row the user decided on is sent, also one
 * set to what the general policy says now: the choice was made for that row and outlasts a later change
 * of the general policy.
 */
export function decisionsFor(decisions: ReadonlyMap<number, DuplicatePolicy>): { line: number; policy: DuplicatePolicy }[] {
  return [...decisions].sort(([a], [b]) => a - b).map(([line, policy]) => ({ line, policy }));
}

export interface ImportCounts {
  created: number;
  updated: number;
  skipped: number;
  invalid: number;
  organisationsCreated: number;
}

/** The counts stored with an earlier import (a free-form record on the wire); missing ones read as 0. */
export function summaryCounts(summary: Record<string, unknown>): ImportCounts {
  const n = (k: keyof ImportCounts): number => {
    const v = summary[k];
    return typeof v === 'number' && Number.isFinite(v) ? v : 0;
  };
  return { created: n('created'), updated: n('updated'), skipped: n('skipped'), invalid: n('invalid'), organisationsCreated: n('organisationsCreated') };
}

/** Today as YYYY-MM-DD in local time, for the default source name. */
export function localIsoDate(d: Date): string {
  const pad = (x: number): string => String(x).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** A file the page refuses before sending it (too large, unreadable); its message is already translated. */
export class FileProblem extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FileProblem';
  }
}

/** What the user enters in the check step. */
export interface CheckInputs {
  source: string;
  policy: DuplicatePolicy;
  /** "Die Datei belegt eine Einwilligung". */
  consent: boolean;
  purpose: ConsentPurpose;
  wording: string;
  evidence: string;
}

export function defaultInputs(source: string): CheckInputs {
  return { source, policy: 'skip', consent: false, purpose: 'newsletter', wording: '', evidence: '' };
}

/** Which inputs are missing; the check runs only when there are none. */
export function inputProblems(inputs: CheckInputs): { source: boolean; wording: boolean } {
  return { source: inputs.source.trim() === '', wording: inputs.consent && inputs.wording.trim() === '' };
}

/** The request for imports/check and imports/start, checked by the contract's own schema; null while incomplete. */
export function buildRequest(uploadId: string, mapping: Mapping, inputs: CheckInputs, decisions: ReadonlyMap<number, DuplicatePolicy>): ImportRequest | null {
  const evidence = inputs.evidence.trim();
  const parsed = ImportRequest.safeParse({
    uploadId,
    mapping,
    onDuplicate: inputs.policy,
    decisions: decisionsFor(decisions),
    source: inputs.source,
    ...(inputs.consent ? { consent: { purpose: inputs.purpose, wordingVersion: inputs.wording, ...(evidence ? { evidence } : {}) } } : {}),
  });
  return parsed.success && hasIdentity(mapping) ? parsed.data : null;
}
