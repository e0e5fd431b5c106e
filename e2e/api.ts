import type { APIRequestContext } from '@playwright/test';
import { Dashboard } from '../shared/api';
import type { App } from './fixtures';

/** Calls the browser shell's API the way the renderer does (POST, JSON, token header) and checks the shape. */
export async function fetchDashboard(request: APIRequestContext, app: App): Promise<Dashboard> {
  const res = await request.post(new URL('api/dashboard/get', app.baseUrl).href, {
    headers: { 'X-Spillover-Token': app.token, 'Content-Type': 'application/json' },
    data: {},
  });
  if (!res.ok()) throw new Error(`dashboard/get answered ${res.status()}: ${await res.text()}`);
  const envelope: unknown = await res.json();
  if (typeof envelope !== 'object' || envelope === null || !('ok' in envelope) || envelope.ok !== true || !('value' in envelope)) {
    throw new Error(`dashboard/get returned no value: ${JSON.stringify(envelope)}`);
  }
  return Dashboard.parse(envelope.value);
}
