/**
 * The MJML code view: CodeMirror 6 with XML highlighting and line numbers. The composer owns the text;
 * a change from outside (block editor, undo) replaces the editor's text, a keystroke here goes up. Undo is
 * the composer's (one history over the whole issue), so CodeMirror's own history is left out.
 */
import { cursorLineEnd, defaultKeymap, indentWithTab, selectLineEnd } from '@codemirror/commands';
import { xml } from '@codemirror/lang-xml';
import { bracketMatching, defaultHighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { Annotation, EditorState } from '@codemirror/state';
import { EditorView, drawSelection, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers } from '@codemirror/view';
import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react';

/** Marks the composer's own replacements, so they are not reported back as the user's typing. */
const fromOutside = Annotation.define<boolean>();

export interface CodeViewHandle {
  /** Puts the caret at the start of a line (1-based) and scrolls it into view. */
  goToLine(line: number, column?: number): void;
}

interface Props {
  value: string;
  onChange(value: string): void;
  label: string;
}

export const CodeView = forwardRef<CodeViewHandle, Props>(function CodeView({ value, onChange, label }, ref) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  // Texts this editor reported and the composer has not rendered back yet: while the user types faster than
  // React renders, an older value coming back is ours, not a change from outside to apply over newer keys.
  const emitted = useRef<string[]>([]);

  useEffect(() => {
    if (!host.current) return;
    const v = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: value,
        extensions: [
          lineNumbers(),
          highlightActiveLineGutter(),
          highlightActiveLine(),
          drawSelection(),
          bracketMatching(),
          xml(),
          syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
          // End goes to the end of the text line; the default stops at the visible edge of a long line.
          keymap.of([{ key: 'End', run: cursorLineEnd, shift: selectLineEnd }, ...defaultKeymap, indentWithTab]),
          EditorView.contentAttributes.of({ 'aria-label': label }),
          // The app's CSP admits <style> only with the page's nonce; CodeMirror's theme is such a <style>.
          EditorView.cspNonce.of(document.querySelector<HTMLMetaElement>('meta[name="spillover-style-nonce"]')?.content ?? ''),
          EditorView.updateListener.of((u) => {
            if (u.docChanged && !u.transactions.some((tr) => tr.annotation(fromOutside))) {
              const text = u.state.doc.toString();
              emitted.current.push(text);
              onChangeRef.current(text);
            }
          }),
          EditorView.theme({ '&': { fontSize: '12.5px', height: '100%' }, '.cm-scroller': { fontFamily: 'var(--mantine-font-family-monospace)' } }),
        ],
      }),
    });
    view.current = v;
    return () => {
      v.destroy();
      view.current = null;
    };
    // The editor is made once; later values arrive through the effect below.
  }, []);

  useEffect(() => {
    const v = view.current;
    if (!v) return;
    const ours = emitted.current.indexOf(value);
    if (ours >= 0) {
      emitted.current = emitted.current.slice(ours + 1);
      return;
    }
    emitted.current = [];
    const current = v.state.doc.toString();
    if (current === value) return;
    // Replace only what differs, so the caret and scroll position stay where they were (undo, block edits).
    let start = 0;
    while (start < current.length && start < value.length && current.charCodeAt(start) === value.charCodeAt(start)) start++;
    let endCur = current.length;
    let endVal = value.length;
    while (endCur > start && endVal > start && current.charCodeAt(endCur - 1) === value.charCodeAt(endVal - 1)) {
      endCur--;
      endVal--;
    }
    v.dispatch({ changes: { from: start, to: endCur, insert: value.slice(start, endVal) }, annotations: fromOutside.of(true) });
  }, [value]);

  useImperativeHandle(ref, () => ({
    goToLine(line, column = 1) {
      const v = view.current;
      if (!v) return;
      const l = v.state.doc.line(Math.max(1, Math.min(line, v.state.doc.lines)));
      const pos = Math.min(l.from + Math.max(0, column - 1), l.to);
      v.dispatch({ selection: { anchor: pos }, effects: EditorView.scrollIntoView(pos, { y: 'center' }) });
      v.focus();
    },
  }));

  return <div ref={host} style={{ border: '1px solid var(--mantine-color-gray-4)', borderRadius: 4, height: '100%', minHeight: 360, overflow: 'auto' }} />;
});
