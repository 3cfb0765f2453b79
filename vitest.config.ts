import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['core/**/*.test.ts', 'cli/**/*.test.ts', 'reports/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    pool: 'forks',
    isolate: false,
    // vitest defaults to one worker fewer than the cores: on the 2-core reference machine that is one.
    maxWorkers: 2,
  },
});
