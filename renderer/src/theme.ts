import { Badge, createTheme } from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'teal',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Ubuntu, Cantarell, sans-serif',
  defaultRadius: 'md',
  components: {
    // Badges carry words ("gefördert", "Großunternehmen"); capitals would turn ß into SS and shout.
    Badge: Badge.extend({ defaultProps: { tt: 'none' } }),
  },
});
