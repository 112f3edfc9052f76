// ESLint's rules: the recommended JavaScript and typescript-eslint sets, a limit on function length, and none about
// layout (Prettier formats; eslint-config-prettier turns off the rules that would disagree with it).
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import prettier from 'eslint-config-prettier/flat';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Longest function body, blank and comment lines not counted. */
const MAX_FUNCTION_LINES = 80;
/** Tests: a describe block lists its cases, so it may run longer before it should be split. */
const MAX_TEST_FUNCTION_LINES = 150;

export default defineConfig(
  globalIgnores(['data/', 'dist/', 'test-artifacts/', 'tests/.tmp/', '.scratch/', 'tests/fixtures/', 'bench/fixtures/']),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { globals: globals.node },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      'max-lines-per-function': ['error', { max: MAX_FUNCTION_LINES, skipBlankLines: true, skipComments: true }],
      // `const { omitted: _omitted, ...rest } = value` is how a field is left out of a copy.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
      // NUL is matched to refuse binary input, and U+0001–U+0003 are in-band markers in transliteration and
      // search snippets: control characters in these patterns are meant.
      'no-control-regex': 'off',
    },
  },
  {
    files: ['tests/**'],
    rules: {
      'max-lines-per-function': ['error', { max: MAX_TEST_FUNCTION_LINES, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    // The dashboard's one browser script, loaded by a <script> tag.
    files: ['web/assets/**/*.js'],
    languageOptions: { sourceType: 'script', globals: globals.browser },
  },
  prettier,
);
