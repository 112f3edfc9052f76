// ESLint's rules: the recommended JavaScript and typescript-eslint sets, a limit on function length, and none about
// layout (Prettier formats; eslint-config-prettier turns off the rules that would disagree with it).
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import prettier from 'eslint-config-prettier/flat';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Longest function, blank and comment lines not counted, as Prettier lays it out (its line breaks make functions
 * longer than hand-packed lines do).
 */
const MAX_FUNCTION_LINES = 100;

export default defineConfig(
  globalIgnores([
    'data/',
    'dist/',
    'test-artifacts/',
    'tests/.tmp/',
    '.scratch/',
    'tests/fixtures/',
    'bench/fixtures/',
  ]),
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
    // A test file's describe block is the list of its cases: its length is the file's, not one function's.
    files: ['tests/**/*.test.ts'],
    rules: { 'max-lines-per-function': 'off' },
  },
  {
    // The dashboard's one browser script, loaded by a <script> tag.
    files: ['web/assets/**/*.js'],
    languageOptions: { sourceType: 'script', globals: globals.browser },
  },
  prettier,
);
