/**
 * The handler table: one implementation per contract method, shared by both transports. Input is
 * validated with the method's zod schema before the handler runs, and output is validated after, so a
 * handler can never leak a shape the renderer does not expect.
 */
import { z } from 'zod';
import { ApiError, contract, isMethod, type Envelope, type Method, type Output, type ParsedInput } from '../../shared/api';
import type { Db } from '../db/database';

export interface ServiceContext {
  db: Db;
  dataDir: string;
  databaseFile: string;
  shell: 'electron' | 'browser' | 'cli';
  /** Electron's own better-sqlite3 build, for connections opened elsewhere (import worker). */
  nativeBinding?: string | undefined;
  version: string;
}

export type Handler<M extends Method> = (input: ParsedInput<M>, ctx: ServiceContext) => Output<M> | Promise<Output<M>>;

function zodIssues(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}

export class HandlerTable {
  private readonly handlers = new Map<Method, Handler<Method>>();

  constructor(private readonly ctx: ServiceContext) {}

  register<M extends Method>(method: M, handler: Handler<M>): this {
    if (this.handlers.has(method)) throw new Error(`Handler for "${method}" is registered twice`);
    // The map erases M; dispatch re-establishes it by parsing with contract[method].
    this.handlers.set(method, handler as unknown as Handler<Method>);
    return this;
  }

  /** Missing handlers are a programming error; fail at start, not when a user clicks. */
  assertComplete(): this {
    const missing = (Object.keys(contract) as Method[]).filter((m) => !this.handlers.has(m));
    if (missing.length > 0) throw new Error(`No handler for: ${missing.join(', ')}`);
    return this;
  }

  get context(): ServiceContext {
    return this.ctx;
  }

  /** Runs one call from an untrusted transport. Never throws: failures become error envelopes. */
  async dispatch(name: unknown, rawInput: unknown): Promise<Envelope> {
    try {
      if (typeof name !== 'string' || !isMethod(name)) {
        throw new ApiError('unknown_method', `Unknown method: ${String(name).slice(0, 100)}`);
      }
      const handler = this.handlers.get(name);
      if (!handler) throw new ApiError('unknown_method', `No handler for ${name}`);
      const spec = contract[name];
      const parsed = spec.input.safeParse(rawInput ?? {});
      if (!parsed.success) throw new ApiError('bad_input', `Invalid input for ${name}`, zodIssues(parsed.error));
      const result = await handler(parsed.data as ParsedInput<Method>, this.ctx);
      const checked = spec.output.safeParse(result);
      if (!checked.success) {
        throw new ApiError('internal', `Handler for ${name} returned an invalid result`, zodIssues(checked.error));
      }
      return { ok: true, value: checked.data };
    } catch (err) {
      if (err instanceof ApiError) return { ok: false, error: err.toShape() };
      return { ok: false, error: { code: 'internal', message: err instanceof Error ? err.message : String(err) } };
    }
  }
}
