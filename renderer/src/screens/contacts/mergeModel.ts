/** The choices of the merge dialog, apart from the component so they can be unit-tested. */
import { MergeField, type ContactDetail } from '../../../../shared/contacts/schemas';

export type Choice = 'keep' | 'other';
export const FIELDS = MergeField.options;

/** A field's value for comparing and choosing; empty text and "keine Anrede" count as no value. */
export function mergeValue(d: Pick<ContactDetail, MergeField>, f: MergeField): string | null {
  const v = d[f];
  // "keine Anrede" says nothing; it should never win over a salutation that is known.
  if (f === 'salutation' && v === 'none') return null;
  return v === null || v.trim() === '' ? null : v;
}

/** The fields that differ, each preset to the kept person's value unless only the other person has one. */
export function defaultChoices(keep: Pick<ContactDetail, MergeField>, other: Pick<ContactDetail, MergeField>): Partial<Record<MergeField, Choice>> {
  const out: Partial<Record<MergeField, Choice>> = {};
  for (const f of FIELDS) {
    const a = mergeValue(keep, f);
    const b = mergeValue(other, f);
    if (a === b) continue;
    out[f] = a === null && b !== null ? 'other' : 'keep';
  }
  return out;
}
