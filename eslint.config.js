// Lint: only the type-aware promise rules (SPEC Z5 made every store async; a forgotten await type-checks but breaks).
// `npm run lint` over src, views, test, bench and scripts; formatting and style are left to review.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'scripts/**/*.mjs', 'bench/**/*.mjs'] },
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { '@typescript-eslint': tseslint.plugin },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // a Promise nobody awaits: its failure is lost and its write may land after the answer
      '@typescript-eslint/no-floating-promises': 'error',
      // `if (!flows.advance(…))` on a Promise is always false: the guard that was meant never runs
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
);
