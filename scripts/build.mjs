// Builds the two halves: the Node side (Electron main, preload, CLI) with esbuild, the renderer with Vite.
// Dependencies stay external on the Node side: better-sqlite3 is native and must be loaded from node_modules.
import { build } from 'esbuild';
import { build as viteBuild } from 'vite';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const only = process.argv[2]; // "node" | "renderer" | undefined (both)

if (!only || only === 'node') {
  rmSync(path.join(root, 'dist/electron'), { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    entryPoints: {
      main: 'electron/main.ts',
      preload: 'electron/preload.ts',
      cli: 'electron/cli.ts',
      'import-worker': 'electron/imports/import-worker.ts',
    },
    outdir: 'dist/electron',
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
}
if (!only || only === 'renderer') {
  await viteBuild({ configFile: path.join(root, 'renderer/vite.config.mts'), logLevel: 'warn' });
}
