/** Types for scripts/chromium.mjs, so the TypeScript tests and the benchmark can import it. */

/** Launch flags for headless runs in containers and CI. */
export declare const CHROMIUM_ARGS: readonly string[];

/** Like `which`: the first executable `name` on PATH, or null. */
export declare function which(name: string, envPath?: string): string | null;

/** $SPILLOVER_CHROMIUM, else the first Chromium/Chrome on PATH, else Playwright's download, else null. */
export declare function findChromium(): string | null;
