/**
 * The layering is a lint rule; this proves the rule bites. Each snippet is linted as if it lived at the
 * given path, with the project's real ESLint configuration.
 */
import { ESLint } from 'eslint';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..');
const eslint = new ESLint({ cwd: root });

async function violations(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).filter((m) => /restricted/.test(m.ruleId ?? '')).map((m) => m.message);
}

describe('layering lint', () => {
  it('keeps shared/ pure', async () => {
    expect(await violations('shared/x.ts', "import fs from 'node:fs';\nexport const a = fs;\n")).not.toEqual([]);
    expect(await violations('shared/x.ts', "import path from 'path';\nexport const a = path;\n")).not.toEqual([]);
    expect(await violations('shared/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).not.toEqual([]);
    expect(await violations('shared/x.ts', "import { useState } from 'react';\nexport const a = useState;\n")).not.toEqual([]);
    expect(await violations('shared/x.ts', "import { startBackend } from '../electron/app';\nexport const a = startBackend;\n")).not.toEqual([]);
    expect(await violations('shared/x.ts', 'export const a = window.location;\n')).not.toEqual([]);
    expect(await violations('shared/x.ts', "import { z } from 'zod';\nexport const a = z;\n")).toEqual([]);
  });

  it('keeps electron/ out of the renderer', async () => {
    expect(await violations('renderer/src/x.ts', "import { startBackend } from '../../electron/app';\nexport const a = startBackend;\n")).not.toEqual([]);
    expect(await violations('renderer/src/x.ts', "import { ipcRenderer } from 'electron';\nexport const a = ipcRenderer;\n")).not.toEqual([]);
    expect(await violations('renderer/src/x.ts', "import fs from 'node:fs';\nexport const a = fs;\n")).not.toEqual([]);
    expect(await violations('renderer/src/x.ts', "import { contract } from '../../shared/api';\nexport const a = contract;\n")).toEqual([]);
  });

  it('lets only the Electron entry files load the Electron runtime', async () => {
    const runtime = "import { app } from 'electron';\nexport const a = app;\n";
    expect(await violations('electron/services/x.ts', runtime)).not.toEqual([]);
    expect(await violations('electron/window.ts', runtime)).not.toEqual([]);
    expect(await violations('electron/services/x.ts', "import type { App } from 'electron';\nexport type A = App;\n")).toEqual([]);
    expect(await violations('electron/main.ts', runtime)).toEqual([]);
    expect(await violations('electron/preload.ts', runtime)).toEqual([]);
  });

  it('sends URL opening through the one module', async () => {
    const code = "import type { Shell } from 'electron';\nexport const f = (shell: Shell) => shell.openExternal('https://x.example');\n";
    expect(await violations('electron/services/x.ts', code)).not.toEqual([]);
    expect(await violations('electron/external.ts', code)).toEqual([]);
  });
});
