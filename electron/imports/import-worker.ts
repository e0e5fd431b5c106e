/** Worker-thread entry (bundled as dist/electron/import-worker.js): one import, one transaction, own connection. */
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../db/database';
import { analyseImport, applyImport } from './importer';
import type { WorkerMessage, WorkerRequest } from './jobs';

const request = workerData as WorkerRequest;
const post = (m: WorkerMessage): void => parentPort?.postMessage(m);
const db = openDatabase(request.databaseFile, request.nativeBinding ? { nativeBinding: request.nativeBinding } : {});
try {
  const report = analyseImport(db, request.table, request.settings, request.sizeThresholds);
  const result = applyImport(db, report, request.settings, request.table.format, (done, total) => post({ type: 'progress', done, total }));
  post({ type: 'done', result });
} catch (err) {
  post({ type: 'failed', error: err instanceof Error ? err.message : String(err) });
} finally {
  db.close();
}
