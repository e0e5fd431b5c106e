import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['shared/**/*.test.ts', 'electron/**/*.test.ts', 'renderer/src/**/*.test.ts'],
    environment: 'node',
    // Real SQLite files and real sockets: keep runs on 2 cores predictable.
    pool: 'forks',
    testTimeout: 30_000,
  },
});
