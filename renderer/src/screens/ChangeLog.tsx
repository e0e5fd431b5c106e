/** The change log of a person or organisation, newest first, in words rather than raw field names. */
import { Box, Stack, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ChangeEntry } from '../../../shared/contacts/schemas';
import { useFormatters, type Formatters } from '../format';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const CONTACT_FIELDS = new Set(['salutation', 'title', 'firstName', 'lastName', 'email', 'phone', 'mobile', 'function', 'keyContact', 'language', 'status', 'lastVerified', 'recontactOn', 'notes']);
/** Organisation fields; only "notes" is shared with persons, and it is called the same in both. */
const ORGANISATION_FIELDS = new Set(['name', 'kind', 'membership', 'employees', 'country', 'region', 'city', 'postcode', 'street', 'website', 'topics', 'notes']);

function fieldLabel(field: string, t: TFunction): string {
  if (CONTACT_FIELDS.has(field)) return t(`contacts.fields.${field}`);
  if (ORGANISATION_FIELDS.has(field)) return t(`organisations.fields.${field}`);
  return field;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function showValue(field: string, v: unknown, t: TFunction, fmt: Formatters): string {
  if (v === null || v === undefined || v === '') return t('changes.empty');
  if (field === 'keyContact') return v === true || v === 1 ? t('common.yes') : t('common.no');
  if (field === 'salutation' && typeof v === 'string') return t(`salutations.${v}`, { defaultValue: v });
  if (field === 'status' && typeof v === 'string') return t(`statuses.${v}`, { defaultValue: v });
  if (field === 'kind' && typeof v === 'string') return t(`kinds.${v}`, { defaultValue: v });
  if (field === 'membership' && typeof v === 'string') return t(`membershipOne.${v}`, { defaultValue: v });
  if (field === 'country' && typeof v === 'string') return fmt.country(v);
  if (field === 'employees' && typeof v === 'number') return fmt.number(v);
  if (Array.isArray(v)) return v.length === 0 ? t('changes.empty') : v.map((x) => `„${String(x)}“`).join(', ');
  if (typeof v === 'string' && DATE.test(v)) return fmt.date(v);
  if (typeof v === 'string') return `„${v.length > 80 ? `${v.slice(0, 80)}…` : v}“`;
  return typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v);
}

function describe(entry: ChangeEntry, t: TFunction, fmt: Formatters): { title: string; lines: string[] } {
  const d = entry.details;
  const text = (k: string): string => (typeof d[k] === 'string' ? d[k] : '');
  switch (entry.action) {
    case 'edited':
      return {
        title: t('changes.edited'),
        lines: Object.entries(d).map(([field, change]) => {
          const label = fieldLabel(field, t);
          const from = isRecord(change) ? change.from : undefined;
          const to = isRecord(change) ? change.to : change;
          return t('changes.field', { field: label, from: showValue(field, from, t, fmt), to: showValue(field, to, t, fmt) });
        }),
      };
    case 'created':
      return { title: t('changes.created'), lines: text('source') ? [t('changes.createdFrom', { source: text('source') })] : [] };
    case 'bulk:addTag':
      return { title: t('changes.addTag', { value: text('tag') }), lines: [] };
    case 'bulk:removeTag':
      return { title: t('changes.removeTag', { value: text('tag') }), lines: [] };
    case 'bulk:addTopic':
      return { title: t('changes.addTopic', { value: text('topic') }), lines: [] };
    case 'bulk:markVerified':
      return { title: t('changes.markVerified'), lines: [] };
    case 'bulk:setKeyContact':
      return { title: t(d.value === true ? 'changes.setKeyContact' : 'changes.unsetKeyContact'), lines: [] };
    case 'merged': {
      const took = Array.isArray(d.takenFromOther) ? d.takenFromOther.filter((f): f is string => typeof f === 'string') : [];
      const fields = took.map((f) => (CONTACT_FIELDS.has(f) ? t(`contacts.fields.${f}`) : f)).join(', ');
      return { title: t('changes.merged'), lines: fields ? [t('changes.mergedTook', { fields })] : [] };
    }
    case 'topic-renamed':
      return { title: t('changes.topicRenamed', { from: text('from'), to: text('to') }), lines: [] };
    case 'topic-merged':
      return { title: t('changes.topicMerged', { from: text('from'), into: text('into') }), lines: [] };
    case 'topic-removed':
      return { title: t('changes.topicRemoved', { name: text('name') }), lines: [] };
    case 'tag-renamed':
      return { title: t('changes.tagRenamed', { from: text('from'), to: text('to') }), lines: [] };
    case 'tag-merged':
      return { title: t('changes.tagMerged', { from: text('from'), into: text('into') }), lines: [] };
    case 'tag-removed':
      return { title: t('changes.tagRemoved', { name: text('name') }), lines: [] };
    case 'consent-given':
    case 'consent-withdrawn': {
      const purpose = t(`consentPurposes.${text('purpose')}`, { defaultValue: text('purpose') });
      return {
        title: t(entry.action === 'consent-given' ? 'changes.consentGiven' : 'changes.consentWithdrawn', { purpose }),
        lines: text('source') ? [t('changes.createdFrom', { source: text('source') })] : [],
      };
    }
    default: {
      // Actions added later (imports, merges …) still show up, if less nicely worded.
      const detail = Object.keys(d).length > 0 ? JSON.stringify(d) : '';
      return { title: entry.action, lines: detail ? [detail.length > 200 ? `${detail.slice(0, 200)}…` : detail] : [] };
    }
  }
}

export function ChangeLog({ entries, label }: { entries: readonly ChangeEntry[]; label: string }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  if (entries.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('contacts.detail.noHistory')}
      </Text>
    );
  }
  return (
    <Stack component="ol" gap="sm" aria-label={label} m={0} p={0} style={{ listStyle: 'none' }}>
      {entries.map((entry, i) => {
        const { title, lines } = describe(entry, t, fmt);
        return (
          <Box component="li" key={`${entry.at}-${i}`} pl="sm" style={{ borderLeft: '3px solid var(--mantine-color-teal-3)' }}>
            <Text size="sm" fw={600}>
              {title}
            </Text>
            {lines.map((line) => (
              <Text size="sm" key={line} style={{ overflowWrap: 'anywhere' }}>
                {line}
              </Text>
            ))}
            <Text size="xs" c="dimmed">
              {t('contacts.detail.by', { actor: entry.actor, when: fmt.dateTime(entry.at) })}
            </Text>
          </Box>
        );
      })}
    </Stack>
  );
}
