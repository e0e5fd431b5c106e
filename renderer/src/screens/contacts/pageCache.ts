/**
 * A sparse cache of result pages for one query + sort. The table asks for the rows it is about to show;
 * only pages nobody has asked for yet are fetched, so scrolling through 100,000 persons loads what is
 * looked at, not everything. Pure (no React, no API) so the bookkeeping can be unit-tested.
 */
export const PAGE_SIZE = 200;

export class PageCache<Row, Params = undefined> {
  total: number | undefined;
  private readonly pages = new Map<number, Row[]>();
  private readonly pending = new Set<number>();

  constructor(
    readonly key: string,
    /** What the pages are fetched with (query, sort …); the key is its identity. */
    readonly params: Params,
    private readonly maxPages = 50,
  ) {}

  /** The row at a list index, or undefined while its page is not loaded. */
  row(index: number): Row | undefined {
    return this.pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE];
  }

  has(page: number): boolean {
    return this.pages.has(page);
  }

  get loaded(): boolean {
    return this.total !== undefined;
  }

  /** Pages overlapping the index range [first, last] that are neither loaded nor on their way. */
  missing(first: number, last: number): number[] {
    const out: number[] = [];
    const end = this.total === undefined ? last : Math.min(last, this.total - 1);
    for (let page = Math.floor(Math.max(0, first) / PAGE_SIZE); page <= Math.floor(end / PAGE_SIZE); page++) {
      if (!this.pages.has(page) && !this.pending.has(page)) out.push(page);
    }
    return out;
  }

  markPending(page: number): void {
    this.pending.add(page);
  }

  /** A failed request: the page may be asked for again. */
  release(page: number): void {
    this.pending.delete(page);
  }

  /** Stores one page; keeps at most maxPages, dropping those farthest from this one. */
  store(page: number, rows: Row[], total: number): void {
    this.pending.delete(page);
    this.pages.set(page, rows);
    this.total = total;
    if (this.pages.size <= this.maxPages) return;
    const far = [...this.pages.keys()].sort((a, b) => Math.abs(b - page) - Math.abs(a - page));
    for (const p of far.slice(0, this.pages.size - this.maxPages)) this.pages.delete(p);
  }

  /** Replaces a row wherever it is loaded (after an edit), keeping its position. */
  replace(match: (row: Row) => boolean, next: Row): boolean {
    let found = false;
    for (const [page, rows] of this.pages) {
      const i = rows.findIndex(match);
      if (i >= 0) {
        const copy = rows.slice();
        copy[i] = next;
        this.pages.set(page, copy);
        found = true;
      }
    }
    return found;
  }

  /** The loaded rows, in list order, for "select what is loaded" style operations and tests. */
  loadedRows(): Row[] {
    return [...this.pages.keys()].sort((a, b) => a - b).flatMap((p) => this.pages.get(p) ?? []);
  }
}
