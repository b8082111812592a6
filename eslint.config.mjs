// br-guard's own ESLint config (the quality gate uses the project's config when one exists).
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', '.out-*/**', 'coverage/**', 'node_modules/**', 'test/fixtures/**'] },
  ...tseslint.configs.recommended,
  {
    // Dropping fields with a rest pattern (`const { a, ...rest } = x`) is how we narrow a type.
    rules: { '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }] },
  },
  {
    // Tests read JSON documents from the CLI; typing every one of them would add noise, not safety.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
