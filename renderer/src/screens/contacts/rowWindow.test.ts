import { describe, expect, it } from 'vitest';
import { steadyWindow, type RowRange } from './rowWindow';

/** Scrolls a 600 px viewport of 40 px rows over `count` rows in steps of `step` px, as TanStack reports it. */
function scroll(count: number, step: number): RowRange[] {
  const ranges: RowRange[] = [];
  for (let top = 0; top <= count * 40 - 600; top += step) {
    ranges.push({ startIndex: Math.floor(top / 40), endIndex: Math.min(count - 1, Math.floor((top + 599) / 40)), overscan: 5, count });
  }
  return ranges;
}

describe('the rendered row window', () => {
  it('keeps one length while scrolling, half-visible rows and list ends included, so slot keys never change', () => {
    let longest = 0;
    const lengths = new Set<number>();
    for (const range of scroll(1000, 13)) {
      const w = steadyWindow(range, longest, 16);
      longest = w.longest;
      lengths.add(w.indexes.length);
      // Every row in view is rendered, the indexes are consecutive and inside the list.
      expect(w.indexes[0]).toBeLessThanOrEqual(range.startIndex);
      expect(w.indexes.at(-1)).toBeGreaterThanOrEqual(range.endIndex);
      expect(w.indexes.at(-1)).toBeLessThan(range.count);
      w.indexes.forEach((index, i) => expect(index).toBe((w.indexes[0] ?? 0) + i));
      // Slot keys (index modulo length) are unique inside the window.
      expect(new Set(w.indexes.map((index) => index % w.indexes.length)).size).toBe(w.indexes.length);
    }
    expect([...lengths]).toEqual([26]);
  });

  it('never renders more rows than the list has, and grows when the viewport does', () => {
    expect(steadyWindow({ startIndex: 0, endIndex: 3, overscan: 5, count: 4 }, 26, 16).indexes).toEqual([0, 1, 2, 3]);
    expect(steadyWindow({ startIndex: 0, endIndex: 0, overscan: 5, count: 0 }, 26, 16).indexes).toEqual([]);
    const taller = steadyWindow({ startIndex: 100, endIndex: 130, overscan: 5, count: 1000 }, 26, 16);
    expect(taller.longest).toBe(41);
    expect(taller.indexes[0]).toBe(95);
    expect(steadyWindow({ startIndex: 100, endIndex: 114, overscan: 5, count: 1000 }, taller.longest, 16).indexes).toHaveLength(41);
  });
});
