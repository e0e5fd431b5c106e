import { describe, expect, it } from 'vitest';
import { positionsIn } from './positions';

describe('line and column of an offset', () => {
  it('counts from 1, starts a line after each line feed, and agrees with a plain count at every offset', () => {
    const text = 'ab\n\ncd\r\nefg\n';
    const at = positionsIn(text);
    for (let offset = 0; offset <= text.length; offset++) {
      const before = text.slice(0, offset);
      const line = before.split('\n').length;
      const column = offset - (before.lastIndexOf('\n') + 1) + 1;
      expect(at(offset), `offset ${offset}`).toEqual({ line, column });
    }
    expect(positionsIn('')(0)).toEqual({ line: 1, column: 1 });
  });
});
