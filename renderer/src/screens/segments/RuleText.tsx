/**
 * The rule as search text — the same syntax as the Kontakte search box and the CLI's --query. Typing here
 * rebuilds the builder (after a short pause); what the parser cannot read is listed with its position and
 * marked in a copy of the text, and left out of the rule until it is fixed.
 */
import { Alert, Code, List, Mark, Stack, Text, Textarea } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { memo, useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueryProblem } from '../../../../shared/contacts/query';
import { markProblems, problemMessage } from './problems';
import classes from './Segments.module.css';

export interface RuleTextProps {
  text: string;
  onChange(text: string): void;
  problems: readonly QueryProblem[];
}

export const RuleText = memo(function RuleText({ text, onChange, problems }: RuleTextProps) {
  const { t } = useTranslation();
  const problemsId = useId();
  const pieces = problems.length > 0 ? markProblems(text, problems) : [];
  return (
    <Stack gap="xs">
      <Textarea
        label={t('segments.text.label')}
        description={t('segments.text.description')}
        placeholder={t('segments.text.placeholder')}
        value={text}
        onChange={(e) => onChange(e.currentTarget.value)}
        // A fixed height the user can drag: autosize measures the element on every render, which cost
        // ~15 ms per builder edit on top of the count.
        rows={3}
        resize="vertical"
        spellCheck={false}
        autoComplete="off"
        aria-invalid={problems.length > 0}
        aria-describedby={problems.length > 0 ? problemsId : undefined}
        classNames={{ input: classes.mono }}
      />
      {problems.length > 0 && (
        <Alert color="orange" variant="light" icon={<IconAlertTriangle />} p="sm" id={problemsId}>
          <Text size="sm" fw={600} mb={4}>
            {t('segments.text.problemsTitle', { count: problems.length })}
          </Text>
          <div className={classes.queryEcho} aria-hidden="true">
            {pieces.map((p, i) =>
              p.problem === null ? (
                <span key={i}>{p.text}</span>
              ) : (
                <Mark key={i} color="orange">
                  {p.text}
                </Mark>
              ),
            )}
          </div>
          <List size="sm" mt={6} spacing={2}>
            {problems.map((p, i) => (
              <List.Item key={`${p.start}-${i}`}>{problemMessage(t, p)}</List.Item>
            ))}
          </List>
          <Text size="xs" c="dimmed" mt={4}>
            {t('segments.text.leftOut')} <Code>kind:startup (lang:en OR lang:fr) -funded:yes</Code>
          </Text>
        </Alert>
      )}
    </Stack>
  );
});
