// Type-aware linting: @pulumi/eslint-plugin's rules need type information to recognise Outputs.
import tseslint from "typescript-eslint";
import pulumi from "@pulumi/eslint-plugin";
// Last in the list: turns off every ESLint rule that would fight Prettier's layout (Prettier owns formatting).
import prettierConfig from "eslint-config-prettier/flat";

export default tseslint.config(
  { ignores: [".scratch/**", "node_modules/**", "bin/**", "dist/**", "examples/**/node_modules/**", "**/*.js", "**/*.mjs"] },
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts"],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { "@pulumi": pulumi },
    rules: {
      "@pulumi/no-output-in-template-literal": "error",
      "@pulumi/no-output-instance-in-template-literal": "error",
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-require-imports": "off",
    },
  },
  prettierConfig,
);
