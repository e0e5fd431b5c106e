import type { APIRequestContext } from '@playwright/test';
import { ContactList } from '../shared/contacts/schemas';
import type { App } from './fixtures';

/** How many persons the API finds for a query, so tests compare the UI with it instead of hard-coding. */
export async function contactTotal(request: APIRequestContext, app: App, query: string): Promise<number> {
  const res = await request.post(new URL('api/contacts/list', app.baseUrl).href, {
    headers: { 'X-Spillover-Token': app.token, 'Content-Type': 'application/json' },
    data: { query, limit: 1 },
  });
  if (!res.ok()) throw new Error(`contacts/list answered ${res.status()}: ${await res.text()}`);
  const envelope: unknown = await res.json();
  if (typeof envelope !== 'object' || envelope === null || !('ok' in envelope) || envelope.ok !== true || !('value' in envelope)) {
    throw new Error(`contacts/list returned no value: ${JSON.stringify(envelope)}`);
  }
  return ContactList.parse(envelope.value).total;
}
