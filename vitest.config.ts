import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Builds dist/ when it is older than the sources (the CLI tests spawn dist/src/cli/main.js).
    globalSetup: ["test/global-setup.ts"],
    environment: "node",
    // One child process per test file: a crash or leaked global stays in its file.
    pool: "forks",
    // Generous for a slow 2-core CI machine. Timing is never asserted in a test (bench/ does that).
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
