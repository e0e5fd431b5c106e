/**
 * Which rows of a virtualised table exist in the DOM. The contact table keys its rows by slot (index modulo
 * the number of rows rendered), so a row scrolling in takes over the element of the row scrolling out and
 * React updates a few texts instead of building a row. That only holds while the number of rendered rows
 * stays the same: TanStack's own range grows and shrinks by one whenever a row is half in view, and by the
 * overscan at either end of the list, and each change re-keyed every row and rebuilt them all.
 *
 * So the window is always as long as the longest one so far: it grows with the viewport, never shrinks,
 * and at the ends of the list it extends inwards. Pure, so it can be tested without a browser.
 */
export interface RowRange {
  startIndex: number;
  endIndex: number;
  overscan: number;
  count: number;
}

/**
 * `longest` is the window length so far (0 at first); `viewportRows` the most rows the viewport can show
 * at once, counting a half-visible row at each edge. Returns the indexes to render and the new length.
 */
export function steadyWindow(range: RowRange, longest: number, viewportRows: number): { indexes: number[]; longest: number } {
  if (range.count <= 0) return { indexes: [], longest };
  // From the viewport, not from the range: a range that starts exactly on a row is one row shorter.
  const wanted = Math.max(viewportRows, range.endIndex - range.startIndex + 1) + 2 * range.overscan;
  const next = Math.max(longest, wanted);
  const size = Math.min(range.count, next);
  const natural = Math.max(0, range.startIndex - range.overscan);
  const start = Math.max(0, Math.min(natural, range.count - size));
  return { indexes: Array.from({ length: size }, (_, i) => start + i), longest: next };
}
