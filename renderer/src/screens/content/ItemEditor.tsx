/**
 * The item editor: DE and EN versions (title and markdown text), what the item is about, who may read it —
 * with the circle picker that appears for a project group (a project) or a confidential item (a hand-picked
 * list) — an image with its description, a link, an embargo date and the status. Problems are shown under
 * the fields they concern, checked here with the server's own schema first and then by the server.
 */
import {
  Alert,
  Autocomplete,
  Badge,
  Button,
  FileButton,
  Group,
  Image,
  List,
  Loader,
  Modal,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Tabs,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { IconPhotoUp, IconTrash } from '@tabler/icons-react';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_IMAGE_BYTES, type Asset, type ContentItem, type ContentOptions } from '../../../../shared/content/schemas';
import { CONFIDENTIALITY_LEVELS, INFORMATION_KINDS, type Confidentiality, type InformationKind } from '../../../../shared/domain';
import { ApiCallError, call } from '../../api';
import { ErrorNotice } from '../../ErrorNotice';
import { fileToBase64 } from '../../files';
import { FormModal } from '../../FormModal';
import { emptyForm, fieldOf, formOf, localProblems, saveInput, type FieldErrors, type FieldKey, type ItemForm, type Lang } from './itemForm';
import { itemTitle } from './ItemLibrary';

export interface ItemEditorProps {
  target: number | 'new' | null;
  options: ContentOptions | undefined;
  onClose(): void;
  onSaved(item: ContentItem, created: boolean): void;
  onDeleted(title: string): void;
}

export function ItemEditor({ target, options, onClose, onSaved, onDeleted }: ItemEditorProps) {
  const { t } = useTranslation();
  return (
    <FormModal opened={target !== null} title={target === 'new' ? t('content.editor.newTitle') : t('content.editor.editTitle')} onClose={onClose} size="xl">
      {(onDirty) =>
        target !== null && <ItemEditorBody key={String(target)} target={target} options={options} onDirty={onDirty} onClose={onClose} onSaved={onSaved} onDeleted={onDeleted} />
      }
    </FormModal>
  );
}

/** Messages the server sends in English for fields the editor knows get the UI language's wording. */
function fieldMessage(t: (k: string, o?: Record<string, unknown>) => string, field: FieldKey, path: string, message: string, form: ItemForm): string {
  switch (field) {
    case 'de.title':
    case 'en.title': {
      const other = field === 'de.title' ? form.texts.de : form.texts.en;
      return other.body.trim() !== '' && other.title.trim() === '' ? t('content.errors.titleOther') : t('content.errors.title');
    }
    case 'groupProjectId':
    case 'groupSegmentId':
    case 'imageAlt':
    case 'link':
      // A message about a list that is rule-based or gone is more specific than "choose one".
      return path === 'groupSegmentId' && /hand-picked list \(/.test(message) ? message : t(`content.errors.${field}`);
    case 'region':
      return t('content.errors.region');
    default:
      return message;
  }
}

function uploadMessage(t: (k: string, o?: Record<string, unknown>) => string, name: string, err: unknown): string | null {
  if (!(err instanceof ApiCallError) || err.shape.code !== 'bad_input') return null;
  const m = err.shape.message;
  if (/is not an image|is empty/.test(m)) return t('content.errors.notImage', { name });
  if (/SVG/.test(m)) return t('content.errors.svg', { name });
  if (/at most/.test(m)) return t('content.errors.tooLarge', { name });
  return m;
}

function ItemEditorBody({
  target,
  options,
  onDirty,
  onClose,
  onSaved,
  onDeleted,
}: {
  target: number | 'new';
  options: ContentOptions | undefined;
  onDirty(d: boolean): void;
  onClose(): void;
  onSaved(item: ContentItem, created: boolean): void;
  onDeleted(title: string): void;
}) {
  const { t, i18n } = useTranslation();
  const [item, setItem] = useState<ContentItem | null>(null);
  const [form, setForm] = useState<ItemForm | null>(target === 'new' ? emptyForm() : null);
  const [loadError, setLoadError] = useState<unknown>();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saveError, setSaveError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [lang, setLang] = useState<Lang>(i18n.language === 'en' ? 'en' : 'de');
  const [preview, setPreview] = useState<{ id: number; url: string } | null>(null);
  const [assetInfo, setAssetInfo] = useState<Asset | null>(null);
  const [uploading, setUploading] = useState(false);
  const [uploadError, setUploadError] = useState<string>();
  const [deleting, setDeleting] = useState(false);
  const resetFile = useRef<() => void>(null);

  useEffect(() => {
    if (target === 'new') return;
    call('content/get', { id: target }).then((i) => {
      setItem(i);
      setForm(formOf(i));
    }, setLoadError);
  }, [target]);

  // The image preview comes from the API as base64, so it works the same in Electron and in the browser.
  const assetId = form?.imageAssetId ?? null;
  useEffect(() => {
    if (assetId === null || preview?.id === assetId) return;
    let live = true;
    call('assets/get', { id: assetId }).then(
      (a) => live && setPreview({ id: a.id, url: `data:${a.mime};base64,${a.base64}` }),
      () => live && setPreview(null),
    );
    return () => {
      live = false;
    };
  }, [assetId, preview?.id]);

  if (loadError !== undefined) return <ErrorNotice error={loadError} />;
  if (!form) return <Loader aria-label={t('app.loading')} />;

  const update = (patch: Partial<ItemForm>): void => {
    setForm({ ...form, ...patch });
    setSaved(false);
    onDirty(true);
    // A field's message goes once the field is changed.
    const touched = new Set<string>(Object.keys(patch));
    if ('confidentiality' in patch) touched.add('groupProjectId').add('groupSegmentId');
    setErrors(Object.fromEntries(Object.entries(errors).filter(([k]) => !touched.has(k))) as FieldErrors);
  };
  const setText = (l: Lang, part: 'title' | 'body', value: string): void => {
    const texts = { ...form.texts, [l]: { ...form.texts[l], [part]: value } };
    update({ texts });
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => k !== `${l}.title`)) as FieldErrors);
  };

  const showProblems = (problems: { field: FieldKey; path: string; message: string }[]): void => {
    const next: FieldErrors = {};
    for (const p of problems) next[p.field] ??= fieldMessage(t, p.field, p.path, p.message, form);
    setErrors(next);
    // Show the language tab whose title is missing.
    if (next['de.title'] && !next['en.title']) setLang('de');
    else if (next['en.title'] && !next['de.title']) setLang('en');
  };

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    const local = localProblems(form);
    if (local.length > 0) return showProblems(local);
    setBusy(true);
    setSaveError(undefined);
    const created = form.id === undefined;
    call('content/save', saveInput(form))
      .then(
        (saved) => {
          setItem(saved);
          setForm(formOf(saved));
          setErrors({});
          setSaved(true);
          onDirty(false);
          onSaved(saved, created);
        },
        (err: unknown) => {
          if (err instanceof ApiCallError && err.shape.code === 'bad_input' && err.shape.issues?.length) {
            showProblems(err.shape.issues.map((i) => ({ field: fieldOf(i.path), path: i.path, message: i.message })));
            if (err.shape.issues.every((i) => fieldOf(i.path) !== 'form')) return;
          }
          setSaveError(err);
        },
      )
      .finally(() => setBusy(false));
  };

  const upload = (file: File | null): void => {
    resetFile.current?.();
    if (!file) return;
    setUploadError(undefined);
    // The server says the same; checking here spares sending a large file for nothing.
    if (file.size > MAX_IMAGE_BYTES) {
      setUploadError(t('content.errors.tooLarge', { name: file.name }));
      return;
    }
    setUploading(true);
    fileToBase64(file)
      .then((base64) => call('assets/upload', { fileName: file.name, base64 }))
      .then(
        (info) => {
          setAssetInfo(info);
          update({ imageAssetId: info.id });
        },
        (err: unknown) => setUploadError(uploadMessage(t, file.name, err) ?? (err instanceof Error ? err.message : String(err))),
      )
      .finally(() => setUploading(false));
  };

  const projects = (options?.projects ?? []).map((p) => ({ value: String(p.id), label: `${p.acronym} – ${p.title}` }));
  const lists = (options?.lists ?? []).map((l) => ({ value: String(l.id), label: t('content.editor.listMembers', { name: l.name, count: l.members }) }));
  const title = item ? itemTitle(item, i18n.language) : '';

  return (
    <form onSubmit={submit} noValidate aria-label={target === 'new' ? t('content.editor.newTitle') : t('content.editor.editTitle')}>
      <Stack gap="md">
        <Tabs value={lang} onChange={(v) => setLang(v === 'en' ? 'en' : 'de')} aria-label={t('content.editor.textTabs')}>
          <Tabs.List>
            {(['de', 'en'] as const).map((l) => (
              <Tabs.Tab key={l} value={l} color={errors[`${l}.title`] ? 'red' : undefined}>
                {t(`content.languages.${l}`)}
                {form.texts[l].title.trim() === '' && form.texts[l].body.trim() === '' ? '' : ' ✓'}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          {(['de', 'en'] as const).map((l) => (
            <Tabs.Panel key={l} value={l} pt="sm">
              <Stack gap="xs">
                <TextInput
                  label={t('content.editor.titleLabel')}
                  value={form.texts[l].title}
                  onChange={(e) => setText(l, 'title', e.currentTarget.value)}
                  error={errors[`${l}.title`]}
                  maxLength={200}
                  data-autofocus={l === lang ? true : undefined}
                  lang={l}
                />
                <Textarea
                  label={t('content.editor.bodyLabel')}
                  description={t('content.editor.bodyHint')}
                  value={form.texts[l].body}
                  onChange={(e) => setText(l, 'body', e.currentTarget.value)}
                  autosize
                  minRows={5}
                  maxRows={14}
                  lang={l}
                />
                <Text size="xs" c="dimmed">
                  {t('content.editor.emptyLanguage')}
                </Text>
              </Stack>
            </Tabs.Panel>
          ))}
        </Tabs>

        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Select
            label={t('content.editor.kind')}
            data={INFORMATION_KINDS.map((k) => ({ value: k, label: t(`content.kinds.${k}`) }))}
            value={form.informationKind}
            onChange={(v) => v && update({ informationKind: v as InformationKind })}
            allowDeselect={false}
            required
          />
          <Autocomplete
            label={t('content.editor.topic')}
            description={t('content.editor.topicHint')}
            data={options?.topics ?? []}
            value={form.topic}
            onChange={(v) => update({ topic: v })}
            error={errors.topic}
          />
          <Select
            label={t('content.editor.project')}
            placeholder={t('content.editor.none')}
            data={projects}
            value={form.projectId === null ? null : String(form.projectId)}
            onChange={(v) => update({ projectId: v === null ? null : Number(v) })}
            clearable
            searchable
          />
          <Select
            label={t('content.editor.region')}
            placeholder={t('content.editor.none')}
            data={options?.regions ?? []}
            value={form.region}
            onChange={(v) => update({ region: v })}
            error={errors.region}
            clearable
          />
        </SimpleGrid>

        <Paper withBorder p="sm" radius="md">
          <Stack gap="xs">
            <Text size="sm" fw={500} id="confidentiality-label">
              {t('content.editor.confidentiality')}
            </Text>
            <SegmentedControl
              aria-labelledby="confidentiality-label"
              data={CONFIDENTIALITY_LEVELS.map((k) => ({ value: k, label: t(`content.levels.${k}`) }))}
              value={form.confidentiality}
              onChange={(v) => update({ confidentiality: v as Confidentiality })}
              fullWidth
            />
            {form.confidentiality === 'project_group' && (
              <Select
                label={t('content.editor.groupProject')}
                description={t('content.editor.groupProjectHint')}
                data={projects}
                value={form.groupProjectId === null ? null : String(form.groupProjectId)}
                onChange={(v) => {
                  const id = v === null ? null : Number(v);
                  // A project group's item is about that project, unless another one was chosen already.
                  update(form.projectId === null && id !== null ? { groupProjectId: id, projectId: id } : { groupProjectId: id });
                }}
                error={errors.groupProjectId}
                required
                searchable
              />
            )}
            {form.confidentiality === 'confidential' &&
              (lists.length === 0 ? (
                <Alert color="orange" variant="light">
                  {errors.groupSegmentId ? `${errors.groupSegmentId} ` : ''}
                  {t('content.editor.noLists')}
                </Alert>
              ) : (
                <Select
                  label={t('content.editor.groupList')}
                  description={t('content.editor.groupListHint')}
                  data={lists}
                  value={form.groupSegmentId === null ? null : String(form.groupSegmentId)}
                  onChange={(v) => update({ groupSegmentId: v === null ? null : Number(v) })}
                  error={errors.groupSegmentId}
                  required
                  searchable
                />
              ))}
          </Stack>
        </Paper>

        <Paper withBorder p="sm" radius="md">
          <Stack gap="xs">
            <Text size="sm" fw={500}>
              {t('content.editor.image')}
            </Text>
            <Group align="flex-start" wrap="nowrap">
              {form.imageAssetId !== null && preview?.id === form.imageAssetId ? (
                <Image src={preview.url} alt={form.imageAlt} w={160} h={110} fit="contain" radius="sm" bg="gray.1" />
              ) : null}
              <Stack gap={6} flex={1}>
                <Group gap="xs">
                  <FileButton onChange={upload} accept="image/png,image/jpeg,image/gif,image/webp" resetRef={resetFile} inputProps={{ 'aria-label': t('content.editor.upload') }}>
                    {(props) => (
                      <Button {...props} variant="light" size="xs" leftSection={<IconPhotoUp size={14} aria-hidden="true" />} loading={uploading}>
                        {form.imageAssetId === null ? t('content.editor.upload') : t('content.editor.replace')}
                      </Button>
                    )}
                  </FileButton>
                  {form.imageAssetId !== null && (
                    <Button variant="subtle" color="red" size="xs" onClick={() => update({ imageAssetId: null, imageAlt: '' })}>
                      {t('content.editor.removeImage')}
                    </Button>
                  )}
                </Group>
                {uploadError && (
                  <Text size="sm" c="red" role="alert" data-testid="upload-error">
                    {uploadError}
                  </Text>
                )}
                {assetInfo && assetInfo.id === form.imageAssetId && assetInfo.width !== null && (
                  <Text size="xs" c="dimmed">
                    {t('content.editor.imageInfo', { name: assetInfo.name, width: assetInfo.width, height: assetInfo.height, size: Math.max(1, Math.round(assetInfo.bytes / 1024)) })}
                  </Text>
                )}
                {form.imageAssetId !== null && (
                  <TextInput
                    label={t('content.editor.imageAlt')}
                    description={t('content.editor.imageAltHint')}
                    value={form.imageAlt}
                    onChange={(e) => update({ imageAlt: e.currentTarget.value })}
                    error={errors.imageAlt}
                    required
                    maxLength={300}
                  />
                )}
              </Stack>
            </Group>
          </Stack>
        </Paper>

        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <TextInput label={t('content.editor.link')} placeholder={t('content.editor.linkHint')} value={form.link} onChange={(e) => update({ link: e.currentTarget.value })} error={errors.link} type="url" />
          <TextInput
            label={t('content.editor.embargo')}
            description={t('content.editor.embargoHint')}
            type="date"
            value={form.embargoUntil}
            onChange={(e) => update({ embargoUntil: e.currentTarget.value })}
            error={errors.embargoUntil}
          />
          <Stack gap={4}>
            <Text size="sm" fw={500} id="status-label">
              {t('content.editor.status')}
            </Text>
            <SegmentedControl
              aria-labelledby="status-label"
              data={[
                { value: 'draft', label: t('content.status.draft') },
                { value: 'ready', label: t('content.status.ready') },
              ]}
              value={form.status}
              onChange={(v) => update({ status: v === 'ready' ? 'ready' : 'draft' })}
            />
            {item?.status === 'used' && (
              <Badge variant="light" color="violet" tt="none" title={t('content.editor.usedStatusHint')}>
                {t('content.status.used')}
              </Badge>
            )}
          </Stack>
        </SimpleGrid>

        {item && (
          <div>
            <Text size="sm" fw={500}>
              {t('content.editor.usedIn')}
            </Text>
            {item.usedIn.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('content.editor.notUsed')}
              </Text>
            ) : (
              <List size="sm">
                {item.usedIn.map((u) => (
                  <List.Item key={u.id}>
                    {t(`content.editor.usedKinds.${u.kind}`)}: {u.title}
                  </List.Item>
                ))}
              </List>
            )}
          </div>
        )}

        {Object.keys(errors).length > 0 && (
          <Text size="sm" c="red" role="alert">
            {errors.form ?? t('content.editor.fixFields')}
          </Text>
        )}
        {saveError !== undefined && <ErrorNotice error={saveError} />}
        <Group justify="space-between">
          <Group gap="xs">
            {item && (
              <Button variant="subtle" color="red" leftSection={<IconTrash size={16} aria-hidden="true" />} onClick={() => setDeleting(true)}>
                {t('content.editor.delete')}
              </Button>
            )}
          </Group>
          <Group gap="xs">
            {saved && (
              <Text size="sm" c="teal.8" role="status">
                {t('content.editor.saved')}
              </Text>
            )}
            <Button variant="default" onClick={onClose}>
              {t('common.close')}
            </Button>
            <Button type="submit" loading={busy}>
              {t('content.editor.save')}
            </Button>
          </Group>
        </Group>
      </Stack>
      {item && <DeleteItemDialog opened={deleting} item={item} title={title} onCancel={() => setDeleting(false)} onDeleted={() => onDeleted(title)} />}
    </form>
  );
}

function DeleteItemDialog({ opened, item, title, onCancel, onDeleted }: { opened: boolean; item: ContentItem; title: string; onCancel(): void; onDeleted(): void }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const used = item.usedIn.length > 0;
  return (
    <Modal opened={opened} onClose={onCancel} title={t('content.delete.title')} centered zIndex={400}>
      <Stack gap="sm">
        {used ? (
          <Alert color="orange">{t('content.delete.used', { names: item.usedIn.map((u) => `„${u.title}“`).join(', ') })}</Alert>
        ) : (
          <Text size="sm">{t('content.delete.body', { title })}</Text>
        )}
        {error !== undefined && <ErrorNotice error={error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel} data-autofocus>
            {t('common.cancel')}
          </Button>
          {!used && (
            <Button
              color="red"
              loading={busy}
              onClick={() => {
                setBusy(true);
                call('content/delete', { id: item.id, confirm: true })
                  .then(onDeleted, setError)
                  .finally(() => setBusy(false));
              }}
            >
              {t('content.delete.confirm')}
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}

