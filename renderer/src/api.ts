/**
 * The renderer's API client, derived from the contract: `call('dashboard/get', {})` is typed by the
 * method name. Inside Electron it goes through the preload bridge; in the browser shell through
 * POST /api/<method> with the per-run token.
 */
import { Envelope, type Input, type Method, type Output, type ApiErrorShape } from '../../shared/api';
import type { SpilloverBridge } from '../../shared/bridge';

declare global {
  interface Window {
    spillover?: SpilloverBridge;
  }
}

const TOKEN_KEY = 'spillover.token';

export class ApiCallError extends Error {
  constructor(readonly shape: ApiErrorShape) {
    super(shape.message);
    this.name = 'ApiCallError';
  }
}

/** Takes the token out of the address bar (so it is not bookmarked or shared) and keeps it for this tab. */
export function captureToken(): void {
  const match = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(window.location.hash);
  if (match?.[1]) {
    sessionStorage.setItem(TOKEN_KEY, match[1]);
    history.replaceState(null, '', `${window.location.pathname}${window.location.search}#/`);
  }
}

export function hasTransport(): boolean {
  return window.spillover !== undefined || sessionStorage.getItem(TOKEN_KEY) !== null;
}

async function transport(method: Method, input: unknown): Promise<unknown> {
  if (window.spillover) return window.spillover.invoke(method, input);
  const res = await fetch(`/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Spillover-Token': sessionStorage.getItem(TOKEN_KEY) ?? '' },
    body: JSON.stringify(input),
  });
  return (await res.json()) as unknown;
}

export async function call<M extends Method>(method: M, input: Input<M>): Promise<Output<M>> {
  const envelope = Envelope.parse(await transport(method, input));
  if (!envelope.ok) throw new ApiCallError(envelope.error);
  // The handler table parsed this value with the same output schema just before sending it (registry.ts),
  // and renderer and handlers ship as one build. Parsing it again here cost the contact table most of its
  // script time while scrolling (a 200-row page per request).
  return envelope.value as Output<M>;
}
