/**
 * exceljs takes ~350 ms to load, and only XLSX imports and exports need it: loading it on first use keeps
 * every start of the app and the CLI that much faster.
 */
import type ExcelJS from 'exceljs';

let loaded: Promise<typeof ExcelJS> | undefined;

export function loadExcelJs(): Promise<typeof ExcelJS> {
  loaded ??= import('exceljs').then((m) => m.default);
  return loaded;
}
