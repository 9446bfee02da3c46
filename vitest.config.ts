import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.{ts,tsx}'],
    environment: 'node',
    // Generous: a timeout only catches a hang. Speed is the benchmarks' business, and a loaded
    // machine runs the heavy corpus tests several times slower.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    env: { TZ: 'UTC' },
  },
});
