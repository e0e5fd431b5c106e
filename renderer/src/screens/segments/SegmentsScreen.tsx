/** Zielgruppen: the list of saved segments, or one segment's editor, depending on the address (segmentsHash.ts). */
import { useHash } from '../../useHash';
import { SegmentEditorPage } from './SegmentEditor';
import { SegmentList } from './SegmentList';
import { parseSegmentsHash } from './segmentsHash';

export function SegmentsScreen() {
  const hash = useHash();
  const location = parseSegmentsHash(hash);
  // Keyed by the address: opening another segment (or "new" again) starts from its saved state.
  if (location.page === 'edit') return <SegmentEditorPage key={`edit-${location.id}`} id={location.id} initialQuery="" />;
  if (location.page === 'new') return <SegmentEditorPage key={`new-${hash}`} id={null} initialQuery={location.query} />;
  return <SegmentList />;
}
