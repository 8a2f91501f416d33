import { defineConfig } from "vitest/config";

export default defineConfig({
  define: { __TSJS_CREATIVE_HASH__: JSON.stringify("test-hash") },
  test: {
    environment: "jsdom",
    globals: true,
    include: ["test/**/*.test.ts"],
    restoreMocks: true,
  },
});
