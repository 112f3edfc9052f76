// Streams the entries of a feed file as one input record each, as the feed poller hands them on.
import path from 'node:path';
import { canonicalUrl } from '../../pipeline/extract/canonical-url.js';
import { feedEntries } from '../../pipeline/extract/feed-entries.js';
import type { FeedEntry } from '../../pipeline/extract/parse-feed.js';
import type { IngestItem } from '../../queue/queues.js';
import { textChunks } from './decode-text.js';
import type { InputEvent } from './read-inputs.js';

/**
 * The entries of a feed file as one `record` input each (as the feed poller hands them on), read as they
 * are asked for. Ids are the ones whole-feed ingestion gave: `<name>-<n>`, n counting the entries with a
 * title, or `<name>` for a feed of one entry; the source is the file. `maxBytes` limits each entry.
 */
export async function* streamFeed(file: string, head: Uint8Array, maxBytes: number): AsyncGenerator<InputEvent> {
  const idBase = path.basename(file, path.extname(file));
  let n = 0;
  // The first entry waits for a second to know whether it is the only one.
  let first: FeedEntry | undefined;
  try {
    for await (const event of feedEntries(textChunks(file, head, 'declared'), maxBytes)) {
      if ('error' in event) {
        n++;
        yield { error: { source: `${file}:${event.line}`, message: event.error } };
        continue;
      }
      if (!event.entry.title) continue;
      if (++n === 1) {
        first = event.entry;
        continue;
      }
      if (first) yield { item: entryItem(file, first, `${idBase}-1`) };
      first = undefined;
      yield { item: entryItem(file, event.entry, `${idBase}-${n}`) };
    }
  } catch (err) {
    // The document is no feed (or, past its first entries, has a part that is none): said once for the file.
    yield { error: { source: file, message: (err as Error).message } };
    if (n === 0) return;
  }
  if (first) yield { item: entryItem(file, first, n === 1 ? idBase : `${idBase}-1`) };
  if (n === 0) yield { error: { source: file, message: 'feed has no entry with a title' } };
}

function entryItem(file: string, entry: FeedEntry, id: string): IngestItem {
  // A link that is no http(s) URL was never stored (canonicalUrl); the record schema would refuse it.
  const url = canonicalUrl(entry.link) ? entry.link! : undefined;
  const { title, text, isoDate, lang } = entry;
  const record = { title, text, url, publishedAt: isoDate ?? undefined, lang: lang ?? undefined };
  return { kind: 'record', source: file, idBase: id, content: JSON.stringify(record) };
}
