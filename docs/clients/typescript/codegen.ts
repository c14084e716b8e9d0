// GraphQL Code Generator: the operation types of docs/queries/*.graphql against the served
// schema (schema.graphql at the repository root), and Apollo Client's possibleTypes.
//
//   npm ci && npm run codegen && npm run typecheck
//
// tests/test_clients.py runs the same and fails when src/generated/ is stale (it writes
// elsewhere, to CODEGEN_OUT, and compares).
import type { CodegenConfig } from "@graphql-codegen/cli";

const out = process.env["CODEGEN_OUT"] ?? "src/generated";

const config: CodegenConfig = {
  schema: "../../../schema.graphql",
  documents: ["../../queries/*.graphql"],
  generates: {
    [`${out}/graphql.ts`]: {
      plugins: ["typescript-operations", "typed-document-node"],
      config: {
        enumsAsTypes: true,
        useTypeImports: true,
        avoidOptionals: { field: true, inputValue: false, object: false },
        scalars: { ID: "string" },
        nonOptionalTypename: false,
        skipTypename: true,
      },
    },
    [`${out}/possible-types.ts`]: {
      plugins: ["fragment-matcher"],
      config: { apolloClientVersion: 3, useExplicitTyping: true },
    },
  },
};

export default config;
