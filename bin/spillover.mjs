#!/usr/bin/env node
// The `spillover` command. The CLI is TypeScript compiled by `npm run build` (run automatically by
// `npm install` through the prepare script); this file only finds it.
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const cli = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist/electron/cli.js');
if (!existsSync(cli)) {
  console.error('Spillover is not built yet: run `npm run build` in the project folder first.');
  process.exit(2);
}
const require = createRequire(import.meta.url);
await require(cli).main();
