import { Badge, Group, Text } from '@mantine/core';

/** A row of plain badges (topics, tags, networks …), or a dimmed word when there are none. */
export function BadgeList({ values, empty }: { values: string[]; empty: string }) {
  if (values.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {empty}
      </Text>
    );
  }
  return (
    <Group gap={6}>
      {values.map((v) => (
        <Badge key={v} variant="light" color="gray" tt="none" fw={500}>
          {v}
        </Badge>
      ))}
    </Group>
  );
}
