import { expect, type APIRequestContext } from '@playwright/test';
import { contract, Envelope, type Input, type Method, type Output } from '../shared/api';
import type { App } from './fixtures';

/** Calls one API method the way the renderer does (POST, JSON, token header) and checks the answer against the contract. */
export async function callApi<M extends Method>(request: APIRequestContext, app: App, method: M, input: Input<M>): Promise<Output<M>> {
  const res = await request.post(new URL(`api/${method}`, app.baseUrl).href, {
    headers: { 'X-Spillover-Token': app.token, 'Content-Type': 'application/json' },
    data: input,
  });
  const envelope = Envelope.parse(await res.json());
  if (!envelope.ok) throw new Error(`${method} failed: ${envelope.error.code} ${envelope.error.message}`);
  return contract[method].output.parse(envelope.value) as Output<M>;
}

/**
 * Imports a file through the API with the suggested mapping (setting up data for a test, not testing the
 * wizard) and waits until the import job has finished.
 */
export async function importFile(request: APIRequestContext, app: App, fileName: string, bytes: Buffer, source: string): Promise<Output<'imports/progress'>> {
  const preview = await callApi(request, app, 'imports/open', { fileName, base64: bytes.toString('base64') });
  const { jobId } = await callApi(request, app, 'imports/start', { uploadId: preview.uploadId, mapping: preview.mapping, onDuplicate: 'skip', source });
  await expect.poll(async () => (await callApi(request, app, 'imports/progress', { jobId })).state).not.toBe('running');
  const done = await callApi(request, app, 'imports/progress', { jobId });
  if (done.state !== 'done') throw new Error(`The import failed: ${done.error ?? '(no reason given)'}`);
  return done;
}
