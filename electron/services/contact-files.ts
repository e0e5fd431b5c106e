/** The API side of exports and data-subject rights: files go back as base64 payloads. */
import type { FilePayload } from '../../shared/contacts/schemas';
import { EXPORT_MIME, exportContacts, exportExtension } from '../exports/contacts';
import { contactIds } from './contacts';
import { findDuplicates, mergePersons } from './duplicates';
import { erasePerson, personalDataExport } from './privacy';
import type { HandlerTable } from './registry';
import { upkeep } from './upkeep';

function stamp(): string {
  return new Date().toISOString().slice(0, 10);
}

export function registerContactFiles(table: HandlerTable): void {
  table
    .register('contacts/export', async ({ format, query, ids }, ctx): Promise<FilePayload> => {
      const selected = ids ?? contactIds(ctx.db, query ?? '');
      const bytes = await exportContacts(ctx.db, selected, format);
      return { fileName: `spillover-kontakte-${stamp()}.${exportExtension(format)}`, mime: EXPORT_MIME[format], base64: bytes.toString('base64') };
    })
    .register('contacts/exportPersonal', ({ id }, ctx) => {
      const json = JSON.stringify(personalDataExport(ctx.db, id), null, 2);
      return { fileName: `spillover-person-${id}-${stamp()}.json`, mime: 'application/json', base64: Buffer.from(json, 'utf8').toString('base64') };
    })
    .register('contacts/erase', ({ id }, ctx) => erasePerson(ctx.db, id))
    .register('contacts/merge', ({ keepId, otherId, take }, ctx) => mergePersons(ctx.db, keepId, otherId, take))
    .register('duplicates/list', (_input, ctx) => ({ groups: findDuplicates(ctx.db) }))
    .register('upkeep/get', (_input, ctx) => upkeep(ctx.db));
}
