/**
 * The block editor: the variant's MJML body as a column of blocks (text, image, button, divider, columns,
 * the item list) to edit, add, move and remove. It reads the MJML with shared/newsletters/blocks.ts and
 * writes every edit back as MJML; the parsed blocks are kept while the user edits here (so the fields keep
 * their focus) and read anew only when the text changed elsewhere (code view, undo).
 */
import { ActionIcon, Alert, Badge, Button, Code, Group, Menu, Paper, SimpleGrid, Stack, Text, TextInput, Textarea, Tooltip } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconCode, IconPlus, IconTrash } from '@tabler/icons-react';
import { memo, useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  attrValue,
  blockText,
  editableHtml,
  editBlock,
  gapForNew,
  newBlock,
  parseBlocks,
  serialiseBlocks,
  withAttr,
  type Block,
  type BlockDoc,
  type ParseError,
  type SimpleBlock,
} from '../../../../shared/newsletters/blocks';
import { move } from './composerModel';

interface Props {
  mjml: string;
  /** `key` names the edited field so typing folds into one undo step. */
  onChange(mjml: string, key: string): void;
  onEditInCode(line: number): void;
}

type Parsed = { text: string; doc: BlockDoc | null; error: ParseError | null };

function parse(text: string): Parsed {
  const r = parseBlocks(text);
  return r.ok ? { text, doc: r.doc, error: null } : { text, doc: null, error: r.error };
}

/** 1-based line each block starts on, for "edit in code view". */
function blockLines(doc: BlockDoc): number[] {
  const lines: number[] = [];
  let line = 1 + (doc.head.match(/\n/g)?.length ?? 0);
  for (const b of doc.blocks) {
    line += b.gap.match(/\n/g)?.length ?? 0;
    lines.push(line);
    line += blockText(b).match(/\n/g)?.length ?? 0;
  }
  return lines;
}

function SimpleFields({ block, onChange, label }: { block: SimpleBlock; onChange(b: SimpleBlock): void; label: string }) {
  const { t } = useTranslation();
  switch (block.type) {
    case 'text': {
      const editable = editableHtml(block.html);
      // Rows from the text itself rather than autosize, which measures the page's layout on every keystroke.
      const rows = Math.min(14, Math.max(1, editable.text.split('\n').reduce((n, l) => n + Math.max(1, Math.ceil(l.length / 64)), 0)));
      return <Textarea aria-label={label} value={editable.text} onChange={(e) => onChange({ ...block, html: editable.back(e.currentTarget.value) })} rows={rows} resize="vertical" styles={{ input: { fontSize: 13 } }} />;
    }
    case 'button':
      return (
        <Group grow gap="xs" align="flex-start">
          <TextInput size="xs" label={t('newsletters.blocks.buttonLabel')} value={block.html} onChange={(e) => onChange({ ...block, html: e.currentTarget.value })} />
          <TextInput size="xs" label={t('newsletters.blocks.link')} value={attrValue(block.attrs, 'href') ?? ''} onChange={(e) => onChange({ ...block, attrs: withAttr(block.attrs, 'href', e.currentTarget.value) })} />
        </Group>
      );
    case 'image':
      return (
        <Stack gap={4}>
          <TextInput size="xs" label={t('newsletters.blocks.imageUrl')} value={attrValue(block.attrs, 'src') ?? ''} onChange={(e) => onChange({ ...block, attrs: withAttr(block.attrs, 'src', e.currentTarget.value) })} />
          <Group grow gap="xs" align="flex-start">
            <TextInput size="xs" label={t('newsletters.blocks.alt')} value={attrValue(block.attrs, 'alt') ?? ''} onChange={(e) => onChange({ ...block, attrs: withAttr(block.attrs, 'alt', e.currentTarget.value) })} />
            <TextInput size="xs" label={t('newsletters.blocks.link')} value={attrValue(block.attrs, 'href') ?? ''} onChange={(e) => onChange({ ...block, attrs: withAttr(block.attrs, 'href', e.currentTarget.value) })} />
          </Group>
        </Stack>
      );
    case 'divider':
      return (
        <Text size="xs" c="dimmed">
          {t('newsletters.blocks.dividerHint')}
        </Text>
      );
  }
}

function blockKind(b: Block): string {
  if (b.type === 'single') return b.child.type;
  if (b.type === 'columns' && b.columns.length === 1) return 'section';
  return b.type;
}

const BlockCard = memo(function BlockCard({
  block,
  index,
  count,
  line,
  onEdit,
  onMove,
  onRemove,
  onEditInCode,
}: {
  block: Block;
  index: number;
  count: number;
  line: number;
  onEdit(index: number, b: Block): void;
  onMove(index: number, to: number): void;
  onRemove(index: number): void;
  onEditInCode(line: number): void;
}) {
  const { t } = useTranslation();
  const kind = t(`newsletters.blocks.kind.${blockKind(block)}`);
  const label = t('newsletters.blocks.blockLabel', { n: index + 1, kind });
  return (
    <Paper withBorder p="xs" radius="sm" role="group" aria-label={label} bg={block.type === 'raw' ? 'gray.0' : undefined}>
      <Group justify="space-between" gap={4} mb={6} wrap="nowrap">
        <Badge variant="light" color={block.type === 'raw' ? 'gray' : block.type === 'slot' ? 'grape' : 'teal'} size="sm" fw={500}>
          {kind}
        </Badge>
        <Group gap={2} wrap="nowrap">
          <Tooltip label={t('newsletters.blocks.moveUp')} openDelay={400}>
            <ActionIcon variant="subtle" size="sm" aria-label={`${label}: ${t('newsletters.blocks.moveUp')}`} disabled={index === 0} onClick={() => onMove(index, index - 1)}>
              <IconArrowUp size={14} aria-hidden="true" />
            </ActionIcon>
          </Tooltip>
          <Tooltip label={t('newsletters.blocks.moveDown')} openDelay={400}>
            <ActionIcon variant="subtle" size="sm" aria-label={`${label}: ${t('newsletters.blocks.moveDown')}`} disabled={index === count - 1} onClick={() => onMove(index, index + 1)}>
              <IconArrowDown size={14} aria-hidden="true" />
            </ActionIcon>
          </Tooltip>
          <Tooltip label={t('newsletters.blocks.editInCode')} openDelay={400}>
            <ActionIcon variant="subtle" size="sm" aria-label={`${label}: ${t('newsletters.blocks.editInCode')}`} onClick={() => onEditInCode(line)}>
              <IconCode size={14} aria-hidden="true" />
            </ActionIcon>
          </Tooltip>
          <Tooltip label={t('newsletters.blocks.remove')} openDelay={400}>
            <ActionIcon variant="subtle" color="red" size="sm" aria-label={`${label}: ${t('newsletters.blocks.remove')}`} onClick={() => onRemove(index)}>
              <IconTrash size={14} aria-hidden="true" />
            </ActionIcon>
          </Tooltip>
        </Group>
      </Group>
      {block.type === 'single' && <SimpleFields block={block.child} label={label} onChange={(child) => onEdit(index, editBlock(block, { ...block, child }))} />}
      {block.type === 'columns' && (
        <SimpleGrid cols={Math.min(block.columns.length, 3)} spacing="xs">
          {block.columns.map((c, ci) => (
            <Stack key={ci} gap={6}>
              {block.columns.length > 1 && (
                <Text size="xs" c="dimmed">
                  {t('newsletters.blocks.column', { n: ci + 1 })}
                </Text>
              )}
              {c.children.map((k, ki) => (
                <SimpleFields
                  key={ki}
                  block={k}
                  label={`${label}, ${t('newsletters.blocks.column', { n: ci + 1 })}, ${ki + 1}`}
                  onChange={(nk) =>
                    onEdit(index, editBlock(block, { ...block, columns: block.columns.map((col, cj) => (cj === ci ? { ...col, children: col.children.map((x, kj) => (kj === ki ? nk : x)) } : col)) }))
                  }
                />
              ))}
            </Stack>
          ))}
        </SimpleGrid>
      )}
      {block.type === 'slot' && (
        <Text size="sm" c="dimmed">
          {t('newsletters.blocks.slotHint')}
        </Text>
      )}
      {block.type === 'raw' && (
        <Stack gap={4}>
          <Code block fz={11} style={{ maxHeight: 120, overflow: 'hidden' }}>
            {(block.source ?? '').slice(0, 600)}
          </Code>
          <Text size="xs" c="dimmed">
            {t('newsletters.blocks.rawHint')}
          </Text>
        </Stack>
      )}
    </Paper>
  );
});

type NewBlockKind = 'text' | 'image' | 'button' | 'divider' | 'columns' | 'slot';

/** "Add block": memoised, so typing in a block does not re-render the menu. */
const AddBlockMenu = memo(function AddBlockMenu({ onAdd }: { onAdd(kind: NewBlockKind): void }) {
  const { t } = useTranslation();
  return (
    <Menu position="bottom-start" withinPortal>
      <Menu.Target>
        <Button variant="light" size="xs" leftSection={<IconPlus size={14} aria-hidden="true" />} w="fit-content">
          {t('newsletters.blocks.add')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {(['text', 'image', 'button', 'divider', 'columns', 'slot'] as const).map((k) => (
          <Menu.Item key={k} onClick={() => onAdd(k)}>
            {t(`newsletters.blocks.kind.${k}`)}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
});

export function BlockEditor({ mjml, onChange, onEditInCode }: Props) {
  const { t } = useTranslation();
  const [parsed, setParsed] = useState<Parsed>(() => parse(mjml));
  // The text changed elsewhere: read it again (during render, so no stale frame shows the old blocks).
  let current = parsed;
  if (parsed.text !== mjml) {
    current = parse(mjml);
    setParsed(current);
  }
  const docRef = useRef(current.doc);
  docRef.current = current.doc;
  const lines = useMemo(() => (current.doc ? blockLines(current.doc) : []), [current.doc]);

  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  // Stable callbacks, so typing in one block re-renders only that block's card (they are memoised).
  const commit = useCallback((doc: BlockDoc, key: string): void => {
    const text = serialiseBlocks(doc);
    setParsed({ text, doc, error: null });
    onChangeRef.current(text, key);
  }, []);
  const onEdit = useCallback(
    (index: number, b: Block): void => {
      const doc = docRef.current;
      if (doc) commit({ ...doc, blocks: doc.blocks.map((x, i) => (i === index ? b : x)) }, `block.${b.key}`);
    },
    [commit],
  );
  const onMove = useCallback(
    (index: number, to: number): void => {
      const doc = docRef.current;
      if (doc) commit({ ...doc, blocks: move(doc.blocks, index, to) }, 'blocks.move');
    },
    [commit],
  );
  const onRemove = useCallback(
    (index: number): void => {
      const doc = docRef.current;
      if (doc) commit({ ...doc, blocks: doc.blocks.filter((_, i) => i !== index) }, 'blocks.remove');
    },
    [commit],
  );
  const add = useCallback(
    (kind: NewBlockKind): void => {
      const doc = docRef.current;
      if (doc) commit({ ...doc, blocks: [...doc.blocks, newBlock(kind, gapForNew(doc))] }, 'blocks.add');
    },
    [commit],
  );

  if (!current.doc) {
    const error = current.error;
    return (
      <Alert color="orange" title={t('newsletters.blocks.unreadable')} role="status">
        <Text size="sm">{t('newsletters.blocks.unreadableBody', { line: error?.line ?? 1, message: error?.message ?? '' })}</Text>
        <Button size="xs" variant="light" mt="xs" leftSection={<IconCode size={14} aria-hidden="true" />} onClick={() => onEditInCode(error?.line ?? 1)}>
          {t('newsletters.blocks.openCode')}
        </Button>
      </Alert>
    );
  }

  const blocks = current.doc.blocks;
  return (
    <Stack gap="xs" role="region" aria-label={t('newsletters.blocks.title')}>
      {blocks.map((b, i) => (
        <BlockCard key={b.key} block={b} index={i} count={blocks.length} line={lines[i] ?? 1} onEdit={onEdit} onMove={onMove} onRemove={onRemove} onEditInCode={onEditInCode} />
      ))}
      <AddBlockMenu onAdd={add} />
    </Stack>
  );
}
