import { describe, expect, it } from 'vitest';
import { edit, insertText, move, redo, startHistory, undo, withVariant, type ComposerState } from './composerModel';

const base: ComposerState = {
  title: 'Newsletter',
  segmentId: null,
  templateId: null,
  maxItems: null,
  itemIds: [1, 2, 3],
  variants: [{ language: 'de', subject: '', preheader: null, mjml: '<mjml><mj-body></mj-body></mjml>' }],
};

describe('composer history', () => {
  it('folds keystrokes in one field into one step and undoes/redoes them', () => {
    let h = startHistory(base);
    h = edit(h, withVariant(h.present, 'de', { subject: 'H' }), 'de.subject', 1000);
    h = edit(h, withVariant(h.present, 'de', { subject: 'Ha' }), 'de.subject', 1200);
    h = edit(h, { ...h.present, title: 'X' }, 'title', 1300);
    expect(h.past).toHaveLength(2);
    h = undo(h);
    expect(h.present.title).toBe('Newsletter');
    expect(h.present.variants[0]?.subject).toBe('Ha');
    h = undo(h);
    expect(h.present.variants[0]?.subject).toBe('');
    expect(undo(h)).toBe(h);
    h = redo(redo(h));
    expect(h.present.title).toBe('X');
    expect(redo(h)).toBe(h);
  });

  it('starts a new step after a pause and forgets the redo branch on a new edit', () => {
    let h = startHistory(base);
    h = edit(h, { ...h.present, title: 'A' }, 'title', 0);
    h = edit(h, { ...h.present, title: 'AB' }, 'title', 5000);
    expect(h.past).toHaveLength(2);
    h = undo(h);
    h = edit(h, { ...h.present, itemIds: [3, 2, 1] }, 'items', 6000);
    expect(h.future).toHaveLength(0);
  });
});

describe('composer helpers', () => {
  it('moves items and ignores moves past the ends', () => {
    expect(move([1, 2, 3], 0, 2)).toEqual([2, 3, 1]);
    expect(move([1, 2, 3], 2, 1)).toEqual([1, 3, 2]);
    expect(move([1, 2, 3], 0, -1)).toEqual([1, 2, 3]);
    expect(move([1, 2, 3], 2, 3)).toEqual([1, 2, 3]);
  });

  it('inserts a merge field in place of the selection', () => {
    expect(insertText('Hallo !', 6, 6, '{{first_name|Mitglied}}')).toEqual({ value: 'Hallo {{first_name|Mitglied}}!', caret: 29 });
    expect(insertText('Hallo Welt', 6, 10, 'X')).toEqual({ value: 'Hallo X', caret: 7 });
  });
});
