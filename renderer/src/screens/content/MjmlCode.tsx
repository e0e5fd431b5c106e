/**
 * A CodeMirror 6 editor for MJML with the problems of the last check shown where they are: a marker in the
 * gutter and a tinted line for each problem line (the message as the marker's tooltip). Tab is left to the
 * browser, so the keyboard can always leave the editor; Ctrl/Cmd+S asks the caller to save.
 */
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { xml } from '@codemirror/lang-xml';
import { bracketMatching, defaultHighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { EditorState, RangeSet, StateEffect, StateField, type Extension } from '@codemirror/state';
import { Decoration, EditorView, gutter, GutterMarker, highlightActiveLine, keymap, lineNumbers, type DecorationSet } from '@codemirror/view';
import { useEffect, useRef } from 'react';
import type { RenderProblem } from '../../../../shared/newsletters/schemas';

class ProblemMarker extends GutterMarker {
  constructor(
    readonly severity: 'error' | 'warning',
    readonly text: string,
  ) {
    super();
  }
  override eq(other: GutterMarker): boolean {
    return other instanceof ProblemMarker && other.severity === this.severity && other.text === this.text;
  }
  override toDOM(): Node {
    const span = document.createElement('span');
    span.textContent = this.severity === 'error' ? '●' : '▲';
    span.title = this.text;
    span.className = `cm-problem-marker cm-problem-${this.severity}`;
    return span;
  }
}

const setProblems = StateEffect.define<readonly RenderProblem[]>();

interface ProblemState {
  markers: RangeSet<GutterMarker>;
  lines: DecorationSet;
}

function build(doc: EditorState['doc'], problems: readonly RenderProblem[]): ProblemState {
  const byLine = new Map<number, RenderProblem[]>();
  for (const p of problems) {
    const line = Math.min(Math.max(1, p.line), doc.lines);
    byLine.set(line, [...(byLine.get(line) ?? []), p]);
  }
  const markers = [];
  const lines = [];
  for (const [n, ps] of [...byLine.entries()].sort((a, b) => a[0] - b[0])) {
    const from = doc.line(n).from;
    const severity = ps.some((p) => p.severity === 'error') ? 'error' : 'warning';
    markers.push(new ProblemMarker(severity, ps.map((p) => p.message).join('\n')).range(from));
    lines.push(Decoration.line({ class: `cm-problem-line-${severity}`, attributes: { 'data-problem-line': String(n) } }).range(from));
  }
  return { markers: RangeSet.of(markers), lines: Decoration.set(lines) };
}

const problemField = StateField.define<ProblemState>({
  create: () => ({ markers: RangeSet.empty, lines: Decoration.none }),
  update(value, tr) {
    for (const e of tr.effects) if (e.is(setProblems)) return build(tr.state.doc, e.value);
    // Edits move the markers with the text until the next check replaces them.
    return tr.docChanged ? { markers: value.markers.map(tr.changes), lines: value.lines.map(tr.changes) } : value;
  },
  provide: (f) => EditorView.decorations.from(f, (v) => v.lines),
});

const problemGutter = gutter({
  class: 'cm-problem-gutter',
  markers: (view) => view.state.field(problemField).markers,
});

const theme = EditorView.theme({
  '&': { fontSize: '13px', border: '1px solid var(--mantine-color-gray-4)', borderRadius: '6px', backgroundColor: 'white' },
  '&.cm-focused': { outline: '2px solid var(--mantine-color-teal-6)', outlineOffset: '1px' },
  '.cm-scroller': { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', minHeight: '420px', maxHeight: '62vh' },
  '.cm-problem-gutter': { width: '16px' },
  '.cm-problem-marker': { cursor: 'default', fontSize: '11px', paddingLeft: '3px' },
  '.cm-problem-error': { color: 'var(--mantine-color-red-7)' },
  '.cm-problem-warning': { color: 'var(--mantine-color-orange-7)' },
  '.cm-problem-line-error': { backgroundColor: 'rgba(250, 82, 82, 0.10)' },
  '.cm-problem-line-warning': { backgroundColor: 'rgba(253, 126, 20, 0.08)' },
});

export interface MjmlCodeProps {
  value: string;
  onChange(value: string): void;
  problems: readonly RenderProblem[];
  label: string;
  onSave?: () => void;
  /** Moves the cursor to this line when it changes (clicking a problem). */
  goTo?: { line: number; seq: number } | null;
}

export function MjmlCode({ value, onChange, problems, label, onSave, goTo }: MjmlCodeProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const latest = useRef({ onChange, onSave });
  latest.current = { onChange, onSave };

  useEffect(() => {
    if (!host.current) return;
    const extensions: Extension[] = [
      lineNumbers(),
      problemGutter,
      history(),
      bracketMatching(),
      highlightActiveLine(),
      xml(),
      syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
      keymap.of([
        {
          key: 'Mod-s',
          preventDefault: true,
          run: () => {
            latest.current.onSave?.();
            return true;
          },
        },
        ...defaultKeymap,
        ...historyKeymap,
      ]),
      problemField,
      theme,
      // CodeMirror writes its styles into a <style> element; the CSP admits only those with the page's nonce.
      EditorView.cspNonce.of(document.querySelector<HTMLMetaElement>('meta[name="spillover-style-nonce"]')?.content ?? ''),
      EditorView.lineWrapping,
      EditorView.contentAttributes.of({ 'aria-label': label, 'aria-multiline': 'true' }),
      EditorView.updateListener.of((u) => {
        if (u.docChanged) latest.current.onChange(u.state.doc.toString());
      }),
    ];
    const v = new EditorView({ state: EditorState.create({ doc: value, extensions }), parent: host.current });
    view.current = v;
    return () => {
      v.destroy();
      view.current = null;
    };
    // The editor is created once (value and label at that moment); later values arrive through the effect below.
  }, []);

  // A value from outside (loading, a save that normalised nothing) replaces the text only when it differs.
  useEffect(() => {
    const v = view.current;
    if (v && v.state.doc.toString() !== value) v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: value } });
  }, [value]);

  useEffect(() => {
    view.current?.dispatch({ effects: setProblems.of(problems) });
  }, [problems]);

  useEffect(() => {
    const v = view.current;
    if (!v || !goTo) return;
    const line = v.state.doc.line(Math.min(Math.max(1, goTo.line), v.state.doc.lines));
    v.dispatch({ selection: { anchor: line.from }, effects: EditorView.scrollIntoView(line.from, { y: 'center' }) });
    v.focus();
  }, [goTo]);

  return <div ref={host} data-testid="mjml-code" />;
}
