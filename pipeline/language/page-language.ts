// Reads the language an HTML page declares: `<html lang>`, `og:locale` or a Content-Language meta.

/** The parts of a parsed HTML document that state its language. */
interface LanguageSource {
  documentElement: { getAttribute(name: string): string | null } | null;
  querySelector(selector: string): { getAttribute(name: string): string | null } | null;
}

/**
 * The language an HTML page declares, as written: `<html lang>` (or `xml:lang`), else `og:locale`, else a
 * `Content-Language` meta; null when it states none. A prior for detection, not the answer.
 */
export function pageLanguage(document: LanguageSource): string | null {
  const root = document.documentElement;
  const stated = [
    root?.getAttribute('lang'),
    root?.getAttribute('xml:lang'),
    document.querySelector('meta[property="og:locale"]')?.getAttribute('content'),
    document.querySelector('meta[http-equiv="content-language" i]')?.getAttribute('content'),
  ];
  return stated.map((s) => s?.trim()).find(Boolean) ?? null;
}
