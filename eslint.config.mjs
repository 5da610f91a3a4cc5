import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [
      ".next/**",
      ".next-*/**",
      ".data/**",
      "node_modules/**",
      "lib/generated/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
    ],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
    },
  },
  {
    // Tenancy as a type: only the authorization gates mint a TeamScope.
    files: ["**/*.ts", "**/*.tsx"],
    ignores: [
      "lib/auth/**",
      "lib/api/auth.ts",
      "test/**",
      "**/*.test.ts",
      "e2e/**",
      "scripts/**",
      "prisma/**",
    ],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            {
              name: "@/lib/auth/scope",
              importNames: ["mintTeamScope"],
              message: "Only authorization gates (lib/auth, lib/api/auth.ts) mint a TeamScope.",
            },
          ],
        },
      ],
    },
  },
];

export default config;
