/**
 * Long imports run in a worker thread with their own database connection, so the API stays free to answer
 * progress requests (the wizard's progress bar) while one write transaction does the work. Where the worker
 * bundle is not present (unit tests run the TypeScript sources), the same code runs inline.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { SizeThresholds } from '../../shared/domain';
import type { Db } from '../db/database';
import { analyseImport, applyImport, type ImportResult, type ImportSettings } from './importer';
import type { SourceTable } from './read';

export interface JobState {
  state: 'running' | 'done' | 'failed';
  done: number;
  total: number;
  result?: ImportResult;
  error?: string;
}

export interface WorkerRequest {
  databaseFile: string;
  nativeBinding?: string | undefined;
  table: SourceTable;
  settings: ImportSettings;
  sizeThresholds: SizeThresholds;
}

export type WorkerMessage =
  | { type: 'progress'; done: number; total: number }
  | { type: 'done'; result: ImportResult }
  | { type: 'failed'; error: string };

const jobs = new Map<string, JobState>();

export function jobState(id: string): JobState | undefined {
  return jobs.get(id);
}

function workerFile(): string | null {
  const file = path.join(__dirname, 'import-worker.js');
  return fs.existsSync(file) ? file : null;
}

export function startImportJob(db: Db, request: WorkerRequest): string {
  const id = crypto.randomUUID();
  const state: JobState = { state: 'running', done: 0, total: request.table.rows.length };
  jobs.set(id, state);
  const file = workerFile();
  if (!file) {
    try {
      const report = analyseImport(db, request.table, request.settings, request.sizeThresholds);
      state.result = applyImport(db, report, request.settings, request.table.format, (done, total) => Object.assign(state, { done, total }));
      state.state = 'done';
    } catch (err) {
      Object.assign(state, { state: 'failed', error: err instanceof Error ? err.message : String(err) });
    }
    return id;
  }
  const worker = new Worker(file, { workerData: request });
  worker.on('message', (m: WorkerMessage) => {
    if (m.type === 'progress') Object.assign(state, { done: m.done, total: m.total });
    else if (m.type === 'done') Object.assign(state, { state: 'done', result: m.result, done: state.total });
    else Object.assign(state, { state: 'failed', error: m.error });
  });
  worker.on('error', (err) => Object.assign(state, { state: 'failed', error: err.message }));
  worker.on('exit', (code) => {
    if (state.state === 'running') Object.assign(state, { state: 'failed', error: `The import stopped unexpectedly (exit code ${code}). Nothing was changed.` });
  });
  return id;
}
