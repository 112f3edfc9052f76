// The canonical form of an article URL, so one page reached through different links is stored once.

// Query parameters that identify a campaign or a click, not a page.
const TRACKING =
  /^(utm_\w+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|mc_cid|mc_eid|igshid|yclid|_ga|_gl|ocid|cmpid|ito|at_medium|at_campaign|at_custom\d|ref|ref_src|src|spm|share|s_cid|cid|rss|feed)$/i;

/**
 * The canonical form of an article URL, so one page reached through different links is stored once:
 * lower-case scheme and host, no `www.`, no default port, no fragment, no tracking parameters, the
 * remaining parameters sorted, no trailing slash. Returns null for what is not an http(s) URL.
 */
export function canonicalUrl(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  url.protocol = 'https:';
  url.hostname = url.hostname.toLowerCase().replace(/^www\./, '');
  url.port = url.port === '80' || url.port === '443' ? '' : url.port;
  url.hash = '';
  const params = [...url.searchParams].filter(([k]) => !TRACKING.test(k)).sort(([a], [b]) => a.localeCompare(b));
  url.search = new URLSearchParams(params).toString();
  if (url.pathname.length > 1) url.pathname = url.pathname.replace(/\/+$/, '');
  return url.toString();
}
