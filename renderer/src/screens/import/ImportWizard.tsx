/**
 * The import wizard: Datei → Zuordnung → Prüfung → Import. The file is read once in the page and sent
 * to imports/open, which keeps it on the Node side (the upload id stands for it afterwards); every later
 * step sends only the mapping and settings. Each step is a form, so Enter goes on, and focus moves to the
 * new step's heading so keyboard and screen-reader users know where they are.
 */
import { Button, Group, Stack, Stepper, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconArrowLeft, IconArrowRight, IconPlayerPlay } from '@tabler/icons-react';
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportCheck, ImportPreview, ImportRequest } from '../../../../shared/contacts/import-schemas';
import type { ImportField } from '../../../../shared/contacts/mapping';
import { call } from '../../api';
import { fileToBase64, MAX_IMPORT_BYTES } from '../../files';
import { useFormatters } from '../../format';
import { filterText, listHash } from '../contacts/contactsHash';
import { CheckStep } from './CheckStep';
import { FileStep, type ReadOverrides } from './FileStep';
import { ImportHistory } from './ImportHistory';
import {
  buildRequest,
  defaultInputs,
  FileProblem,
  hasIdentity,
  inputProblems,
  localIsoDate,
  summaryCounts,
  type CheckInputs,
  type DuplicatePolicy,
  type Mapping,
} from './importModel';
import { MappingStep } from './MappingStep';
import { RunStep, type RunState } from './RunStep';
import { UndoImportDialog } from './UndoImportDialog';

const STEPS = ['file', 'mapping', 'check', 'run'] as const;
const POLL_MS = 200;
const CHECK_DEBOUNCE_MS = 350;

interface OpenedFile {
  name: string;
  base64: string;
}

export function ImportWizard() {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const [active, setActive] = useState(0);

  // Step 1
  const [file, setFile] = useState<OpenedFile>();
  const [reading, setReading] = useState(false);
  const [openError, setOpenError] = useState<unknown>();
  const [preview, setPreview] = useState<ImportPreview>();
  const [format, setFormat] = useState<ImportPreview['format']>();
  const [overrides, setOverrides] = useState<ReadOverrides>({});
  const openSeq = useRef(0);

  // Step 2
  const [mapping, setMapping] = useState<Mapping>([]);

  // Step 3
  const [inputs, setInputs] = useState<CheckInputs>(() => defaultInputs(''));
  const [decisions, setDecisions] = useState<ReadonlyMap<number, DuplicatePolicy>>(() => new Map());
  const [showErrors, setShowErrors] = useState(false);
  const [check, setCheck] = useState<{ key: string; result?: ImportCheck; error?: unknown }>();

  // Step 4
  const [run, setRun] = useState<RunState>();
  const [started, setStarted] = useState<ImportRequest>();
  const [jobId, setJobId] = useState<string>();
  const [undoOpen, setUndoOpen] = useState(false);
  const [historyVersion, setHistoryVersion] = useState(0);

  const heading = useRef<HTMLHeadingElement>(null);
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    heading.current?.focus();
  }, [active]);

  const open = useCallback(async (f: OpenedFile, opts: ReadOverrides, fresh: boolean) => {
    const seq = ++openSeq.current;
    setReading(true);
    setOpenError(undefined);
    if (fresh) setFormat(undefined);
    try {
      const p = await call('imports/open', { fileName: f.name, base64: f.base64, options: opts });
      if (seq !== openSeq.current) return;
      setPreview(p);
      setFormat(p.format);
      setMapping(p.mapping);
      setDecisions(new Map());
      setCheck(undefined);
    } catch (err) {
      if (seq !== openSeq.current) return;
      // Nothing else happens: no preview means no way on until a readable file is chosen.
      setPreview(undefined);
      setOpenError(err);
    } finally {
      if (seq === openSeq.current) setReading(false);
    }
  }, []);

  const onFile = useCallback(
    (picked: File) => {
      setPreview(undefined);
      setOverrides({});
      setFormat(undefined);
      setFile({ name: picked.name, base64: '' });
      setInputs(defaultInputs(t('import.check.sourceDefault', { file: picked.name, date: fmt.date(localIsoDate(new Date())) })));
      // A newer file wins: answers about an earlier one that arrive late are dropped.
      const seq = ++openSeq.current;
      if (picked.size > MAX_IMPORT_BYTES) {
        setReading(false);
        setOpenError(
          new FileProblem(t('import.file.tooBig', { file: picked.name, size: fmt.number(Math.ceil(picked.size / 1e6)), max: fmt.number(Math.floor(MAX_IMPORT_BYTES / 1e6)) })),
        );
        return;
      }
      setReading(true);
      setOpenError(undefined);
      fileToBase64(picked).then(
        (base64) => {
          if (seq !== openSeq.current) return;
          const f = { name: picked.name, base64 };
          setFile(f);
          void open(f, {}, true);
        },
        () => {
          if (seq !== openSeq.current) return;
          setReading(false);
          setOpenError(new FileProblem(t('import.file.unreadable', { file: picked.name })));
        },
      );
    },
    [open, t, fmt],
  );

  const onOverrides = (next: ReadOverrides): void => {
    setOverrides(next);
    if (file?.base64) void open(file, next, false);
  };

  const onMap = useCallback((index: number, field: ImportField | null) => {
    setMapping((m) => m.map((f, i) => (i === index ? field : f)));
  }, []);

  // Step 3: check again whenever mapping, inputs or row decisions change (debounced for typing).
  const request = useMemo(() => (preview ? buildRequest(preview.uploadId, mapping, inputs, decisions) : null), [preview, mapping, inputs, decisions]);
  const requestKey = request ? JSON.stringify(request) : '';
  const [debouncedKey] = useDebouncedValue(requestKey, CHECK_DEBOUNCE_MS);
  useEffect(() => {
    if (active !== 2 || debouncedKey === '' || check?.key === debouncedKey) return;
    let live = true;
    const req = JSON.parse(debouncedKey) as ImportRequest;
    call('imports/check', req).then(
      (result) => live && setCheck({ key: debouncedKey, result }),
      (error: unknown) => live && setCheck({ key: debouncedKey, error }),
    );
    return () => {
      live = false;
    };
  }, [active, debouncedKey, check?.key]);
  const checkCurrent = check !== undefined && check.key === requestKey && check.result !== undefined;

  // Step 4: the job's progress, every POLL_MS until it is done or failed.
  useEffect(() => {
    if (!jobId) return;
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = (): void => {
      call('imports/progress', { jobId }).then(
        (p) => {
          if (!live) return;
          if (p.state === 'running') {
            setRun({ phase: 'running', done: p.done, total: p.total });
            timer = setTimeout(tick, POLL_MS);
          } else if (p.state === 'done' && p.result) {
            setRun({ phase: 'done', importId: p.result.importId, total: p.total, counts: summaryCounts(p.result) });
            setHistoryVersion((v) => v + 1);
          } else {
            setRun({ phase: 'failed', reason: p.error ?? '' });
          }
        },
        (error: unknown) => live && setRun({ phase: 'failed', error }),
      );
    };
    tick();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [jobId]);

  const start = (): void => {
    if (!request) return;
    setStarted(request);
    setRun({ phase: 'starting' });
    setActive(3);
    call('imports/start', request).then(
      (res) => setJobId(res.jobId),
      (error: unknown) => setRun({ phase: 'failed', error }),
    );
  };

  const reset = (): void => {
    openSeq.current++;
    setActive(0);
    setFile(undefined);
    setReading(false);
    setOpenError(undefined);
    setPreview(undefined);
    setFormat(undefined);
    setOverrides({});
    setMapping([]);
    setInputs(defaultInputs(''));
    setDecisions(new Map());
    setShowErrors(false);
    setCheck(undefined);
    setRun(undefined);
    setStarted(undefined);
    setJobId(undefined);
  };

  const missing = inputProblems(inputs);
  const incomplete = missing.source || missing.wording;
  // On the check step the button stays usable while inputs are missing, so pressing it can point them out.
  const canNext = [preview !== undefined && !reading, preview !== undefined && hasIdentity(mapping), checkCurrent || incomplete][active] ?? false;

  // Enter in a field goes on to the next step, but never starts the import: that takes the button itself.
  const next = (e: FormEvent): void => {
    e.preventDefault();
    if (canNext && active < 2) setActive((a) => a + 1);
  };

  const onStart = (): void => {
    setShowErrors(true);
    if (!incomplete && checkCurrent) start();
  };

  const stepTitle = (i: number): string => t(`import.steps.${STEPS[i] ?? 'file'}`);
  const failed = run?.phase === 'failed';
  const running = run?.phase === 'starting' || run?.phase === 'running';
  const source = started?.source ?? inputs.source;
  const contactsHref = listHash(filterText('source', source));

  let body: ReactNode = null;
  if (active === 0) {
    body = (
      <FileStep
        fileName={file?.name}
        reading={reading}
        error={openError}
        preview={preview}
        format={format}
        overrides={overrides}
        onFile={onFile}
        onOverrides={onOverrides}
      />
    );
  } else if (active === 1 && preview) {
    body = <MappingStep preview={preview} mapping={mapping} onChange={onMap} />;
  } else if (active === 2) {
    body = (
      <CheckStep
        inputs={inputs}
        onInputs={setInputs}
        showErrors={showErrors}
        result={check?.result}
        checking={requestKey !== '' && !checkCurrent && check?.key !== requestKey}
        error={check?.key === requestKey ? check.error : undefined}
        decisions={decisions}
        onDecision={(line, policy) => setDecisions((d) => new Map(d).set(line, policy))}
      />
    );
  } else if (active === 3 && run) {
    body = (
      <RunStep
        state={run}
        source={source}
        contactsHref={contactsHref}
        onUndo={() => setUndoOpen(true)}
        onAgain={reset}
        onBack={() => {
          setRun(undefined);
          setJobId(undefined);
          setActive(2);
        }}
      />
    );
  }

  return (
    <Stack gap="xl">
      <div>
        <Stepper
          // A finished import completes every step.
          active={run?.phase === 'done' ? STEPS.length : active}
          onStepClick={(i) => {
            // Earlier steps can be revisited until the import has started; later ones only through "Weiter".
            if (i < active && active < 3) setActive(i);
          }}
          allowNextStepsSelect={false}
          size="sm"
          mb="lg"
        >
          {STEPS.map((s, i) => (
            <Stepper.Step key={s} label={stepTitle(i)} description={t(`import.stepHints.${s}`)} allowStepSelect={i < active && active < 3} />
          ))}
        </Stepper>
        <form onSubmit={next} noValidate aria-label={t('import.title')}>
        <Stack gap="md">
          <Title order={3} ref={heading} tabIndex={-1} style={{ outline: 'none' }}>
            {t('import.stepHeading', { n: active + 1, total: STEPS.length, title: stepTitle(active) })}
          </Title>
          {body}
          {active < 3 && (
            <Group justify="space-between" mt="sm">
              {active > 0 ? (
                <Button variant="default" leftSection={<IconArrowLeft size={16} aria-hidden="true" />} onClick={() => setActive((a) => a - 1)}>
                  {t('import.back')}
                </Button>
              ) : (
                <span />
              )}
              <Button
                type={active === 2 ? 'button' : 'submit'}
                onClick={active === 2 ? onStart : undefined}
                disabled={!canNext}
                rightSection={active === 2 ? <IconPlayerPlay size={16} aria-hidden="true" /> : <IconArrowRight size={16} aria-hidden="true" />}
              >
                {active === 2 ? t('import.start') : t('import.next')}
              </Button>
            </Group>
          )}
        </Stack>
        </form>
      </div>

      {(active === 0 || (active === 3 && !running && !failed)) && (
        <ImportHistory
          version={historyVersion}
          onUndone={(id, result) => setRun((r) => (r?.phase === 'done' && r.importId === id ? { ...r, undone: result } : r))}
        />
      )}

      <UndoImportDialog
        target={undoOpen && run?.phase === 'done' ? { id: run.importId, name: source } : null}
        onClose={() => setUndoOpen(false)}
        onUndone={(_target, result) => {
          setUndoOpen(false);
          setRun((r) => (r?.phase === 'done' ? { ...r, undone: result } : r));
          setHistoryVersion((v) => v + 1);
        }}
      />
    </Stack>
  );
}
