/**
 * The person table: TanStack Table owns the columns and the sort state (sorting itself happens on the
 * server), TanStack Virtual decides which of possibly 100,000 rows exist in the DOM. It is a real
 * <table role="grid"> with a sticky header; spacer rows above and below the rendered window give the
 * scroll area its full height. Rows are memoised: scrolling mounts the rows coming into view and leaves
 * the others alone.
 */
import { Text } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconArrowsSort, IconMailCheck, IconMailOff } from '@tabler/icons-react';
import { createColumnHelper, flexRender, getCoreRowModel, useReactTable, type SortingState, type Updater } from '@tanstack/react-table';
import { useVirtualizer, type Range } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { ContactSort, type ContactRow } from '../../../../shared/contacts/schemas';
import { ORGANISATION_KINDS, PERSON_STATUSES, type OrganisationKind, type PersonStatus } from '../../../../shared/domain';
import { EMPTY, personName, useFormatters, type Formatters } from '../../format';
import classes from './ContactsTable.module.css';
import type { PageCache } from './pageCache';
import { steadyWindow } from './rowWindow';

export const ROW_HEIGHT = 40;
/** Matches `.table th { height }` in the CSS: rows start below the sticky header. */
const HEADER_HEIGHT = 48;

const COLUMN_IDS = ['name', 'email', 'organisation', 'kind', 'country', 'language', 'keyContact', 'status', 'lastVerified', 'consent'] as const;
type ColumnId = (typeof COLUMN_IDS)[number];

/** Fixed widths in px; the two text columns without one share what is left. */
const WIDTHS: Partial<Record<ColumnId, number>> = {
  // The name cell also holds the selection checkbox (40 px).
  name: 250,
  kind: 132,
  country: 108,
  language: 80,
  keyContact: 140,
  status: 100,
  lastVerified: 104,
  consent: 104,
};


const SORTABLE = new Set<string>(ContactSort.options);

/**
 * Everything a cell needs from the UI language, looked up once per language: translating each cell's
 * label anew cost more script time than React itself while rows scroll by.
 */
interface CellContext {
  fmt: Formatters;
  kinds: Readonly<Record<OrganisationKind, string>>;
  statuses: Readonly<Record<PersonStatus, string>>;
  yes: string;
  no: string;
  never: string;
  consentYes: string;
  consentNo: string;
  loadingRow: string;
  /** "Select {{name}}" split around the name, so the label is joined instead of interpolated per row. */
  selectPerson: readonly [string, string];
}

const NAME_MARK = '\u0000';

function cellContext(t: TFunction, fmt: Formatters): CellContext {
  const [before = '', after = ''] = t('contacts.selectPerson', { name: NAME_MARK, interpolation: { escapeValue: false } }).split(NAME_MARK);
  return {
    fmt,
    kinds: Object.fromEntries(ORGANISATION_KINDS.map((k) => [k, t(`kinds.${k}`)])) as Record<OrganisationKind, string>,
    statuses: Object.fromEntries(PERSON_STATUSES.map((k) => [k, t(`statuses.${k}`)])) as Record<PersonStatus, string>,
    yes: t('common.yes'),
    no: t('common.no'),
    never: t('common.never'),
    consentYes: t('contacts.consentYes'),
    consentNo: t('contacts.consentNo'),
    loadingRow: t('contacts.loadingRow'),
    selectPerson: [before, after],
  };
}

/**
 * Every cell has the same elements whatever its value (a span whose class and text change), so a recycled
 * row only updates texts and classes. Full texts of cut-off cells appear as a tooltip on hover (showFullText)
 * instead of a title attribute per cell, which cost an attribute write per cell and scrolled frame.
 */
function cellContent(id: ColumnId, row: ContactRow, ctx: CellContext): ReactNode {
  const { fmt } = ctx;
  const text = (value: string | null, empty: string = EMPTY): ReactNode => <span className={value ? undefined : classes.dim}>{value ?? empty}</span>;
  switch (id) {
    case 'name':
      return <span className={classes.name}>{personName(row)}</span>;
    case 'email':
      return text(row.email);
    case 'organisation':
      return text(row.organisation);
    case 'kind':
      return text(row.kind ? ctx.kinds[row.kind] : null);
    case 'country':
      return text(row.country ? fmt.country(row.country) : null);
    case 'language':
      return <abbr title={fmt.languageName(row.language)}>{row.language.toUpperCase()}</abbr>;
    // Badges here are plain spans styled by the module CSS: a Mantine Badge brings inline style variables and
    // a component tree per cell, which costs frames when thousands of rows scroll by.
    case 'keyContact':
      return <span className={row.keyContact ? cx(classes.badge, classes.badgeTeal) : classes.hidden}>{row.keyContact ? ctx.yes : ctx.no}</span>;
    case 'status':
      return (
        <span className={row.status === 'active' ? classes.dim : cx(classes.badge, row.status === 'bounced' ? classes.badgeRed : classes.badgeGray)}>
          {ctx.statuses[row.status]}
        </span>
      );
    case 'lastVerified':
      return text(row.lastVerified ? fmt.date(row.lastVerified) : null, ctx.never);
    case 'consent':
      return row.newsletterConsent ? (
        <IconMailCheck size={18} color="var(--mantine-color-teal-7)" role="img" aria-label={ctx.consentYes} />
      ) : (
        <IconMailOff size={18} color="var(--mantine-color-gray-5)" role="img" aria-label={ctx.consentNo} />
      );
  }
}

/** On hover, a cell whose text is cut off gets its full text as a tooltip; one that fits gets none. */
function showFullText(e: MouseEvent<HTMLTableSectionElement>): void {
  const cell = e.target instanceof Element ? e.target.closest('td') : null;
  if (!cell) return;
  // The name is cut inside its cell (beside the checkbox); the other texts by the cell itself.
  const box = cell.querySelector<HTMLElement>(`.${classes.name}`) ?? cell;
  const full = box.textContent ?? '';
  if (box.scrollWidth > box.clientWidth) {
    if (box.title !== full) box.title = full;
  } else if (box.hasAttribute('title')) {
    box.removeAttribute('title');
  }
}

interface RowActions {
  open(id: number): void;
  toggle(id: number, index: number, range: boolean): void;
  focus(index: number): void;
}

interface RowProps {
  index: number;
  row: ContactRow | undefined;
  selected: boolean;
  tabbable: boolean;
  columns: readonly ColumnId[];
  ctx: CellContext;
  actions: RowActions;
}

/**
 * Keyboard focus sits on the name cell of a row (one roving tab stop for the whole grid, as the ARIA grid
 * pattern has it). The name cell is sticky, so focusing it never scrolls the table sideways.
 */
const ContactTableRow = memo(function ContactTableRow({ index, row, selected, tabbable, columns, ctx, actions }: RowProps) {
  const focusProps = { 'data-index': index, tabIndex: tabbable ? 0 : -1, onFocus: () => actions.focus(index) };
  if (!row) {
    return (
      <tr aria-rowindex={index + 2} aria-busy="true" className={classes.row}>
        <td className={cx(classes.stickyName, classes.focusCell)} {...focusProps}>
          {/* A still placeholder: an animated skeleton on every row repaints the whole window each frame. */}
          <span className={cx(classes.placeholder, classes.namePlaceholder)} />
          <span className={classes.hidden}>{ctx.loadingRow}</span>
        </td>
        <td colSpan={columns.length - 1}>
          <span className={classes.placeholder} />
        </td>
      </tr>
    );
  }
  const name = personName(row);
  return (
    <tr aria-rowindex={index + 2} aria-selected={selected} className={classes.row} onClick={() => actions.open(row.id)}>
      {columns.map((id) => {
        if (id === 'name') {
          // One sticky cell for checkbox and name: every sticky cell costs Chromium work on each scrolled
          // frame, and two per row pushed frames past 50 ms at 100,000 persons.
          return (
            <td key={id} className={cx(classes.stickyName, classes.focusCell)} {...focusProps}>
              <span className={classes.nameCell}>
                <span
                  className={classes.checkArea}
                  onClick={(e) => {
                    // The area around the box is the hit area too; the row's own click would open the detail instead.
                    e.stopPropagation();
                    actions.toggle(row.id, index, e.shiftKey);
                  }}
                >
                  {/* A native checkbox: one element per row instead of a component tree, which matters when scrolling fast. */}
                  <input type="checkbox" className={classes.check} tabIndex={-1} checked={selected} onChange={noop} aria-label={`${ctx.selectPerson[0]}${name}${ctx.selectPerson[1]}`} />
                </span>
                {cellContent(id, row, ctx)}
              </span>
            </td>
          );
        }
        return <td key={id}>{cellContent(id, row, ctx)}</td>;
      })}
    </tr>
  );
});

function cx(...names: (string | undefined | false)[]): string {
  return names.filter(Boolean).join(' ');
}

function noop(): void {
  // The checkbox is controlled through the cell's click handler, which also sees the Shift key.
}

export interface ContactsTableProps {
  cache: PageCache<ContactRow, unknown> | undefined;
  stale: boolean;
  sort: ContactSort;
  desc: boolean;
  onSort(sort: ContactSort, desc: boolean): void;
  selected: ReadonlySet<number>;
  allSelected: 'none' | 'some' | 'all';
  onToggle(id: number, index: number, range: boolean): void;
  onToggleAll(): void;
  onOpen(id: number): void;
  onRange(first: number, last: number): void;
  /** Changes with the search: the table scrolls back to the top. */
  resetKey: string;
  empty: ReactNode;
}

const NO_ROWS: ContactRow[] = [];

export function ContactsTable(props: ContactsTableProps) {
  const { cache, stale, sort, desc, onSort, selected, allSelected, onToggleAll, onRange, resetKey, empty } = props;
  const { t } = useTranslation();
  const fmt = useFormatters();
  const ctx = useMemo(() => cellContext(t, fmt), [t, fmt]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const [focusIndex, setFocusIndex] = useState(0);
  const pendingFocus = useRef<number | null>(null);
  const headerCheck = useRef<HTMLInputElement>(null);
  // "Some selected" has no attribute in HTML; it is a property of the element.
  useEffect(() => {
    if (headerCheck.current) headerCheck.current.indeterminate = allSelected === 'some';
  }, [allSelected]);

  const columns = useMemo(() => {
    const h = createColumnHelper<ContactRow>();
    const label = (id: ColumnId) => t(`contacts.columns.${id}`);
    return [
      h.accessor((r) => personName(r), { id: 'name', header: () => label('name') }),
      h.accessor('email', { id: 'email', header: () => label('email') }),
      h.accessor('organisation', { id: 'organisation', header: () => label('organisation') }),
      h.accessor('kind', { id: 'kind', header: () => label('kind'), enableSorting: false }),
      h.accessor('country', { id: 'country', header: () => label('country'), enableSorting: false }),
      h.accessor('language', { id: 'language', header: () => label('language'), enableSorting: false }),
      h.accessor('keyContact', { id: 'keyContact', header: () => label('keyContact'), enableSorting: false }),
      h.accessor('status', { id: 'status', header: () => label('status'), enableSorting: false }),
      h.accessor('lastVerified', { id: 'lastVerified', header: () => label('lastVerified') }),
      h.accessor('newsletterConsent', { id: 'consent', header: () => label('consent'), enableSorting: false }),
    ];
  }, [t]);

  const sorting = useMemo<SortingState>(() => [{ id: sort, desc }], [sort, desc]);
  const onSortingChange = useCallback(
    (updater: Updater<SortingState>) => {
      const next = typeof updater === 'function' ? updater(sorting) : updater;
      const first = next[0];
      const parsed = ContactSort.safeParse(first?.id);
      if (first && parsed.success) onSort(parsed.data, first.desc);
    },
    [sorting, onSort],
  );
  const table = useReactTable({
    data: NO_ROWS,
    columns,
    state: { sorting },
    onSortingChange,
    manualSorting: true,
    enableMultiSort: false,
    enableSortingRemoval: false,
    // With no client-side rows TanStack would guess "descending first"; text columns read A→Z first.
    sortDescFirst: false,
    getCoreRowModel: getCoreRowModel(),
  });
  // The table object is stable; `columns` is listed so the ids follow new definitions (language switch).
  const columnIds = useMemo(() => table.getVisibleLeafColumns().flatMap((c) => COLUMN_IDS.filter((id) => id === c.id)), [table, columns]);

  const count = cache?.total ?? 0;
  // Keyed by slot, rows are recycled only while the window keeps its length (see rowWindow.ts).
  const longest = useRef(0);
  const rangeExtractor = useCallback((range: Range): number[] => {
    // The body's height below the sticky header, in rows, plus one for a row cut at each edge.
    const body = (scrollRef.current?.clientHeight ?? 0) - HEADER_HEIGHT;
    const w = steadyWindow(range, longest.current, Math.ceil(Math.max(0, body) / ROW_HEIGHT) + 1);
    longest.current = w.longest;
    return w.indexes;
  }, []);
  const virtualizer = useVirtualizer({
    count,
    rangeExtractor,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 5,
    paddingStart: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;

  useEffect(() => {
    if (count > 0) onRange(first, last);
  }, [first, last, count, onRange]);

  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
    setFocusIndex(0);
  }, [resetKey]);

  // Keyboard moves put the focus on a row that may only exist after the virtualizer has scrolled to it.
  useEffect(() => {
    const target = pendingFocus.current;
    if (target === null) return;
    const el = bodyRef.current?.querySelector<HTMLElement>(`td[data-index="${target}"]`);
    if (el) {
      pendingFocus.current = null;
      el.focus({ preventScroll: true });
    }
  });

  const latest = useRef(props);
  latest.current = props;
  const actions = useMemo<RowActions>(
    () => ({
      open: (id) => latest.current.onOpen(id),
      toggle: (id, index, range) => latest.current.onToggle(id, index, range),
      focus: (index) => setFocusIndex(index),
    }),
    [],
  );

  const moveTo = (index: number): void => {
    const next = Math.max(0, Math.min(count - 1, index));
    setFocusIndex(next);
    pendingFocus.current = next;
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTableSectionElement>): void => {
    if (!(e.target instanceof HTMLTableCellElement) || e.target.dataset.index === undefined) return;
    const index = Number(e.target.dataset.index);
    const pageRows = Math.max(1, Math.floor(((scrollRef.current?.clientHeight ?? 400) - HEADER_HEIGHT) / ROW_HEIGHT) - 1);
    const row = cache?.row(index);
    switch (e.key) {
      case 'ArrowDown':
        moveTo(index + 1);
        break;
      case 'ArrowUp':
        moveTo(index - 1);
        break;
      case 'PageDown':
        moveTo(index + pageRows);
        break;
      case 'PageUp':
        moveTo(index - pageRows);
        break;
      case 'Home':
        moveTo(0);
        break;
      case 'End':
        moveTo(count - 1);
        break;
      case 'Enter':
        if (row) props.onOpen(row.id);
        break;
      case ' ':
        if (row) props.onToggle(row.id, index, e.shiftKey);
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  const tabbableIndex = first <= focusIndex && focusIndex <= last ? focusIndex : first;
  const paddingTop = (items[0]?.start ?? HEADER_HEIGHT) - HEADER_HEIGHT;
  const paddingBottom = virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? HEADER_HEIGHT);
  const headers = table.getHeaderGroups()[0]?.headers ?? [];
  const noRows = count === 0;
  // The header changes with the sort, the selection and the language, never with scrolling: built once per
  // change instead of on every scrolled frame.
  const head = useMemo(
    () => (
    <thead>
      <tr aria-rowindex={1}>
        {headers.map((header) => {
          const id = header.column.id;
          const label = flexRender(header.column.columnDef.header, header.getContext());
          // Checkbox and name (one cell) stay in view when the table scrolls sideways, so a row always says whose it is.
          const sticky = id === 'name' ? classes.stickyName : undefined;
          if (!header.column.getCanSort() || !SORTABLE.has(id)) {
            return (
              <th key={id} className={sticky}>
                {label}
              </th>
            );
          }
          const dir = header.column.getIsSorted();
          const Icon = dir === 'asc' ? IconArrowUp : dir === 'desc' ? IconArrowDown : IconArrowsSort;
          const sortButton = (
            <button type="button" className={classes.sortButton} onClick={header.column.getToggleSortingHandler()}>
              {label}
              <Icon size={14} aria-hidden="true" stroke={dir ? 2.2 : 1.5} />
            </button>
          );
          return (
            <th
              key={id}
              className={sticky}
              aria-sort={dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : 'none'}
              // The column is called "Name", not after the select-all box that shares its cell.
              aria-label={id === 'name' ? t('contacts.columns.name') : undefined}
            >
              {id === 'name' ? (
                <span className={classes.nameCell}>
                  <span className={classes.checkArea}>
                    <input
                      type="checkbox"
                      ref={headerCheck}
                      className={classes.check}
                      checked={allSelected === 'all'}
                      onChange={onToggleAll}
                      disabled={noRows && allSelected === 'none'}
                      aria-label={t(allSelected === 'none' ? 'contacts.selectAll' : 'contacts.clearSelection')}
                    />
                  </span>
                  {sortButton}
                </span>
              ) : (
                sortButton
              )}
            </th>
          );
        })}
      </tr>
    </thead>
    ),
    [headers, sort, desc, allSelected, noRows, onToggleAll, t],
  );

  return (
    <div ref={scrollRef} className={classes.scroller}>
      <table
        role="grid"
        aria-label={t('contacts.table')}
        aria-rowcount={count + 1}
        aria-multiselectable="true"
        aria-busy={stale}
        className={cx(classes.table, stale && classes.stale)}
      >
        <colgroup>
          {columnIds.map((id) => (
            <col key={id} style={WIDTHS[id] ? { width: WIDTHS[id] } : undefined} />
          ))}
        </colgroup>
        {head}
        <tbody ref={bodyRef} onKeyDown={onKeyDown} onMouseOver={showFullText}>
          {paddingTop > 0 && (
            <tr aria-hidden="true" className={classes.spacer}>
              <td colSpan={columnIds.length} style={{ height: paddingTop }} />
            </tr>
          )}
          {items.map((item) => {
            const row = cache?.row(item.index);
            // Keyed by slot, not by index: the row scrolling in takes over the element of the row scrolling
            // out, so React updates a few texts instead of building and tearing down whole rows.
            return (
              <ContactTableRow
                key={item.index % items.length}
                index={item.index}
                row={row}
                selected={row ? selected.has(row.id) : false}
                tabbable={item.index === tabbableIndex}
                columns={columnIds}
                ctx={ctx}
                actions={actions}
              />
            );
          })}
          {paddingBottom > 0 && (
            <tr aria-hidden="true" className={classes.spacer}>
              <td colSpan={columnIds.length} style={{ height: paddingBottom }} />
            </tr>
          )}
        </tbody>
      </table>
      {cache?.loaded && count === 0 && (
        <Text className={classes.empty} c="dimmed" component="div">
          {empty}
        </Text>
      )}
    </div>
  );
}
