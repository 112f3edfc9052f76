// Prettier's settings: 120-character lines and single quotes, as the code is written; the rest are Prettier's defaults.
/** @type {import('prettier').Config} */
export default {
  printWidth: 120,
  singleQuote: true,
  // YAML (config, Compose) keeps the double quotes its documentation and examples use.
  overrides: [{ files: ['*.yaml', '*.yml'], options: { singleQuote: false } }],
};
