// Prettier's settings: 120-character lines and single quotes, as the code is written; the rest are Prettier's defaults.
/** @type {import('prettier').Config} */
export default {
  printWidth: 120,
  singleQuote: true,
  // HTML in html`…` templates is the page's output: Prettier would change its whitespace (and with it the markup).
  embeddedLanguageFormatting: 'off',
  // YAML (config, Compose) keeps the double quotes its documentation and examples use.
  overrides: [{ files: ['*.yaml', '*.yml'], options: { singleQuote: false } }],
};
