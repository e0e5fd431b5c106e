/**
 * What the editor hands on when it navigates: the segment just saved (so the page at its new address opens
 * without loading it again and says "saved"), or the name of one just deleted (for the list to confirm).
 * Read during render, cleared after the receiving page has mounted, so a later visit starts afresh.
 */
import type { SegmentDetail } from '../../../../shared/segments/schemas';

let saved: SegmentDetail | undefined;
let deleted: string | undefined;

export function handOnSaved(detail: SegmentDetail): void {
  saved = detail;
  deleted = undefined;
}

export function handOnDeleted(name: string): void {
  deleted = name;
  saved = undefined;
}

export function peekSaved(id: number): SegmentDetail | undefined {
  return saved?.id === id ? saved : undefined;
}

export function peekDeleted(): string | undefined {
  return deleted;
}

export function clearHandoff(): void {
  saved = undefined;
  deleted = undefined;
}
