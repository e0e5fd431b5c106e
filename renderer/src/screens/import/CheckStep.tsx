/**
 * Step 3: where the data comes from, what to do with persons already on record, whether the file proves
 * consent — and the check's report, recomputed whenever one of these changes: how many persons would be
 * new, updated, skipped, invalid or blocked, and every row that needs a look, with its line number.
 */
import { Alert, Badge, Checkbox, Collapse, Group, Input, Loader, NativeSelect, Pagination, Paper, SegmentedControl, Select, SimpleGrid, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { IconAlertTriangle, IconInfoCircle } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportCheck } from '../../../../shared/contacts/import-schemas';
import { CONSENT_PURPOSES } from '../../../../shared/domain';
import { ErrorNotice } from '../../ErrorNotice';
import { EMPTY, useFormatters } from '../../format';
import { inputProblems, type CheckInputs, type DuplicatePolicy, type ProblemRow } from './importModel';

const POLICIES: readonly DuplicatePolicy[] = ['skip', 'fill', 'overwrite'];
const PAGE = 50;

const ACTION_COLORS: Record<ProblemRow['action'], string> = { create: 'teal', update: 'blue', skip: 'gray', invalid: 'red' };

function isPolicy(v: string): v is DuplicatePolicy {
  return (POLICIES as readonly string[]).includes(v);
}

/** Everything to say about one row, each in a sentence of the UI language. */
export function rowNotes(p: ProblemRow, t: TFunction): string[] {
  const out: string[] = [];
  if (p.duplicate) {
    const by = t(`import.check.dupBy.${p.duplicate.by}`);
    out.push(
      p.duplicate.kind === 'file' && p.duplicate.firstLine !== null
        ? t('import.check.dupFile', { line: p.duplicate.firstLine, by })
        : t('import.check.dupDb', { name: p.duplicate.label, by }),
    );
  }
  for (const i of p.issues) {
    const field = i.field === 'row' ? '' : t(`import.fields.${i.field}`, { defaultValue: i.field });
    out.push(t(`import.issues.${i.code}`, { value: i.value, field, defaultValue: `${i.code}: ${i.value}` }));
  }
  if (p.suppressed) out.push(t('import.check.suppressedRow'));
  return out;
}

function Stat({ label, value, hint, color }: { label: string; value: string; hint?: string; color?: string }) {
  return (
    <Paper withBorder p="sm" component="section" aria-label={label}>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase">
        {label}
      </Text>
      <Text fz={26} fw={700} c={color}>
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Paper>
  );
}

export interface CheckStepProps {
  inputs: CheckInputs;
  onInputs(next: CheckInputs): void;
  /** Show "required" errors: after the user tried to go on. */
  showErrors: boolean;
  result: ImportCheck | undefined;
  checking: boolean;
  error: unknown;
  decisions: ReadonlyMap<number, DuplicatePolicy>;
  onDecision(line: number, policy: DuplicatePolicy): void;
}

export function CheckStep({ inputs, onInputs, showErrors, result, checking, error, decisions, onDecision }: CheckStepProps) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const policyId = useId();
  const [page, setPage] = useState(1);
  const missing = inputProblems(inputs);
  const incomplete = missing.source || missing.wording;
  const set = <K extends keyof CheckInputs>(key: K, value: CheckInputs[K]): void => onInputs({ ...inputs, [key]: value });

  const problems = result?.problems ?? [];
  const pages = Math.max(1, Math.ceil(problems.length / PAGE));
  useEffect(() => {
    if (page > pages) setPage(pages);
  }, [page, pages]);
  const shown = problems.slice((page - 1) * PAGE, page * PAGE);

  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Stack gap="sm">
          <TextInput
            label={t('import.check.source')}
            description={t('import.check.sourceHint')}
            value={inputs.source}
            onChange={(e) => set('source', e.currentTarget.value)}
            error={missing.source ? t('import.check.sourceRequired') : undefined}
            required
            maxLength={200}
          />
          <div>
            <Input.Label id={policyId} labelElement="div">
              {t('import.check.policy')}
            </Input.Label>
            <Input.Description mb={6}>{t('import.check.policyHint')}</Input.Description>
            <SegmentedControl
              aria-labelledby={policyId}
              value={inputs.policy}
              onChange={(v) => isPolicy(v) && set('policy', v)}
              data={POLICIES.map((p) => ({ value: p, label: t(`import.policies.${p}`) }))}
            />
          </div>
        </Stack>
        <Stack gap="sm">
          <Checkbox
            label={t('import.check.consent')}
            description={t('import.check.consentHint')}
            checked={inputs.consent}
            onChange={(e) => set('consent', e.currentTarget.checked)}
          />
          <Collapse expanded={inputs.consent}>
            <Stack gap="sm" pl="xl">
              <Select
                label={t('import.check.purpose')}
                data={CONSENT_PURPOSES.map((p) => ({ value: p, label: t(`consentPurposes.${p}`) }))}
                value={inputs.purpose}
                onChange={(v) => {
                  const p = CONSENT_PURPOSES.find((x) => x === v);
                  if (p) set('purpose', p);
                }}
                allowDeselect={false}
              />
              <TextInput
                label={t('import.check.wording')}
                description={t('import.check.wordingHint')}
                value={inputs.wording}
                onChange={(e) => set('wording', e.currentTarget.value)}
                error={showErrors && missing.wording ? t('import.check.wordingRequired') : undefined}
                required
                maxLength={200}
              />
              <Textarea
                label={t('import.check.evidence')}
                description={t('import.check.evidenceHint')}
                value={inputs.evidence}
                onChange={(e) => set('evidence', e.currentTarget.value)}
                autosize
                minRows={2}
                maxLength={2000}
              />
            </Stack>
          </Collapse>
        </Stack>
      </SimpleGrid>

      <section aria-label={t('import.check.report')}>
        <Group gap="sm" mb="sm">
          <Title order={4}>{t('import.check.report')}</Title>
          {checking && (
            <Group gap={6} role="status">
              <Loader size="xs" />
              <Text size="sm" c="dimmed">
                {t('import.check.checking')}
              </Text>
            </Group>
          )}
        </Group>
        {error !== undefined && <ErrorNotice error={error} />}
        {incomplete && (
          <Alert color="yellow" icon={<IconInfoCircle />} mb="sm" py={6}>
            {t(missing.source ? 'import.check.needSource' : 'import.check.needWording')}
          </Alert>
        )}
        {result && (
          <Stack gap="md" style={{ opacity: checking || incomplete ? 0.55 : 1 }} aria-busy={checking}>
            <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} spacing="sm">
              <Stat label={t('import.stats.create')} value={fmt.number(result.create)} color={result.create > 0 ? 'teal.8' : undefined} />
              <Stat label={t('import.stats.update')} value={fmt.number(result.update)} color={result.update > 0 ? 'blue.8' : undefined} />
              <Stat label={t('import.stats.skip')} value={fmt.number(result.skip)} />
              <Stat label={t('import.stats.invalid')} value={fmt.number(result.invalid)} color={result.invalid > 0 ? 'red.8' : undefined} />
              <Stat
                label={t('import.stats.suppressed')}
                value={fmt.number(result.suppressed)}
                hint={t('import.stats.suppressedHint')}
                color={result.suppressed > 0 ? 'orange.8' : undefined}
              />
            </SimpleGrid>
            {result.bounced && (
              <Alert color="orange" icon={<IconInfoCircle />}>
                {t('import.check.bouncedFile')}
              </Alert>
            )}
            {problems.length === 0 ? (
              <Alert color="teal" variant="light">
                {t('import.check.noProblems')}
              </Alert>
            ) : (
              <>
                <Group justify="space-between">
                  <Text fw={600} size="sm">
                    {t('import.check.problems', { count: problems.length, n: fmt.number(problems.length) })}
                  </Text>
                  {pages > 1 && <Pagination size="sm" total={pages} value={page} onChange={setPage} aria-label={t('import.check.pages')} />}
                </Group>
                {result.problemsTruncated && (
                  <Alert color="yellow" icon={<IconAlertTriangle />} py={6}>
                    {t('import.check.truncated', { n: fmt.number(problems.length) })}
                  </Alert>
                )}
                <Table.ScrollContainer minWidth={820}>
                  <Table fz="sm" verticalSpacing={6} striped aria-label={t('import.check.problemsTable')}>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th w={70}>{t('import.line')}</Table.Th>
                        <Table.Th w={200}>{t('import.check.cols.name')}</Table.Th>
                        <Table.Th w={130}>{t('import.check.cols.result')}</Table.Th>
                        <Table.Th>{t('import.check.cols.notes')}</Table.Th>
                        <Table.Th w={200}>{t('import.check.cols.decision')}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {shown.map((p) => (
                        <Table.Tr key={p.line}>
                          <Table.Td>{p.line}</Table.Td>
                          <Table.Td style={{ overflowWrap: 'anywhere' }}>{p.label || EMPTY}</Table.Td>
                          <Table.Td>
                            <Badge size="sm" variant="light" color={ACTION_COLORS[p.action]}>
                              {t(`import.actions.${p.action}`)}
                            </Badge>
                          </Table.Td>
                          <Table.Td>
                            {rowNotes(p, t).map((n) => (
                              <Text key={n} size="sm">
                                {n}
                              </Text>
                            ))}
                          </Table.Td>
                          <Table.Td>
                            {p.duplicate ? (
                              <NativeSelect
                                size="xs"
                                aria-label={t('import.check.decisionFor', { line: p.line })}
                                value={decisions.get(p.line) ?? inputs.policy}
                                onChange={(e) => {
                                  const v = e.currentTarget.value;
                                  if (isPolicy(v)) onDecision(p.line, v);
                                }}
                                data={POLICIES.map((x) => ({ value: x, label: t(`import.policies.${x}`) }))}
                              />
                            ) : null}
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              </>
            )}
          </Stack>
        )}
      </section>
    </Stack>
  );
}
