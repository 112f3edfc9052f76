// Reads a feed's entries one at a time from text chunks, without building a tree of the whole document.
import { Parser } from 'htmlparser2';
import { BadInputError } from './extract-articles.js';
import { parseFeed, type FeedEntry } from './parse-feed.js';

/** One entry of a feed read piece by piece, parsed or with why not; `line` is where it starts. */
export type FeedEntryEvent = { line: number; entry: FeedEntry } | { line: number; error: string };

/** Where rss-parser looks for entries: Atom `feed>entry`, RSS 0.9x/2.0 `rss>channel>item`, RSS 1.0 `rdf:RDF>item`. */
const ENTRY_PATHS = new Set(['feed>entry', 'rss>channel>item', 'rdf:RDF>item']);
/** Where a channel states its language; not among the start tags an entry's envelope keeps. */
const LANGUAGE_PATHS = new Set(['rss>channel>language', 'rss>channel>dc:language', 'rdf:RDF>channel>dc:language']);

/** An entry cut out of the document: its text in an envelope of its own, or why it cannot be read. */
interface Piece {
  line: number;
  envelope: string;
  closers: string;
  text?: string;
  error?: string;
}

/**
 * The entries of a feed document given as text chunks, one at a time, so no tree of the whole document is
 * ever built: a tolerant streaming tokenizer (htmlparser2, XML mode) finds where each entry starts and ends,
 * and each entry is parsed by parseFeed in a document of its own — the start tags of the elements around it
 * (root attributes and all), the entry, their end tags — so it reads as it would in the whole feed, quirks
 * repaired alike; the channel's `<language>`, read on the way, goes to entries that declare none. A bad entry
 * is one error and the others go on; an entry over `maxBytes` is not held.
 * Throws BadInputError when the document is no readable feed (its root is not one, or it has no entries).
 */
export async function* feedEntries(chunks: AsyncIterable<string>, maxBytes: number): AsyncGenerator<FeedEntryEvent> {
  let buf = '';
  let bufStart = 0;
  let sawEntry = false;
  let keepAll = true;
  let line = 1;
  let countedTo = 0;
  let ending = false;
  const stack: Array<{ name: string; tag: string }> = [];
  let language: string | undefined;
  let channelLanguage: string | undefined;
  let open: (Piece & { start: number; depth: number; tooLong: boolean }) | undefined;
  const pieces: Piece[] = [];

  const countLines = (to: number) => {
    for (let i = countedTo - bufStart; i < to - bufStart; i++) if (buf.charCodeAt(i) === 10) line++;
    countedTo = to;
  };
  const parser = new Parser(
    {
      onopentag(name) {
        const start = parser.startIndex;
        if (!open && ENTRY_PATHS.has([...stack.map((e) => e.name), name].join('>'))) {
          sawEntry = true;
          countLines(start);
          // rss-parser reads RSS 1.0 entries only next to a channel; the channel's own content is not needed.
          const rdf = stack.length === 1 && stack[0]!.name === 'rdf:RDF';
          const envelope = stack.map((e) => e.tag).join('') + (rdf ? '<channel/>' : '');
          const closers = stack
            .map((e) => `</${e.name}>`)
            .reverse()
            .join('');
          open = { line, envelope, closers, start, depth: stack.length, tooLong: false };
        }
        // Start tags of the elements around entries come before the first entry, while everything is kept.
        const tag = start >= bufStart ? buf.slice(start - bufStart, parser.endIndex + 1 - bufStart) : `<${name}>`;
        stack.push({ name, tag });
        if (!open && LANGUAGE_PATHS.has(stack.map((e) => e.name).join('>'))) language = '';
      },
      ontext(text) {
        if (language !== undefined) language += text;
      },
      onclosetag(name, implied) {
        if (language !== undefined) [channelLanguage, language] = [language.trim() || channelLanguage, undefined];
        stack.pop();
        if (!open || stack.length !== open.depth) return;
        const text = open.tooLong ? '' : buf.slice(open.start - bufStart, parser.endIndex + 1 - bufStart);
        const { line: at, envelope, closers } = open;
        const piece: Piece = { line: at, envelope, closers };
        const tooLong = open.tooLong || Buffer.byteLength(text) > maxBytes;
        const unclosed = implied && !/\/\s*>$/u.test(text);
        if (unclosed) piece.error = ending ? 'the document ends inside this entry' : `<${name}> is not closed`;
        else if (tooLong) piece.error = `entry is over the ${maxBytes}-byte limit (ingest.maxBytes)`;
        else piece.text = text;
        pieces.push(piece);
        open = undefined;
      },
    },
    { xmlMode: true },
  );

  const checked = new Set<string>();
  async function* drain(): AsyncGenerator<FeedEntryEvent> {
    for (const piece of pieces.splice(0)) {
      // A root rss-parser cannot read would fail every entry alike: one error for the document instead.
      if (!checked.has(piece.envelope)) {
        await parseFeed(piece.envelope + piece.closers);
        checked.add(piece.envelope);
      }
      const event = await readPiece(piece);
      if ('entry' in event && !event.entry.lang && channelLanguage) event.entry.lang = channelLanguage;
      yield event;
    }
  }

  for await (const chunk of chunks) {
    buf += chunk;
    parser.write(chunk);
    // Kept: the whole document until its first entry (for the error of a document with none), then the
    // open entry, or else from the last `<` (a tag cut by the chunk's end, maybe an entry's start tag).
    if (keepAll && (sawEntry || buf.length > maxBytes)) keepAll = false;
    if (open && !open.tooLong && bufStart + buf.length - open.start > maxBytes) open.tooLong = true;
    const lt = buf.lastIndexOf('<');
    const keep = keepAll ? bufStart : open && !open.tooLong ? open.start : bufStart + (lt < 0 ? buf.length : lt);
    if (keep > bufStart) {
      countLines(Math.max(countedTo, keep));
      buf = buf.slice(keep - bufStart);
      bufStart = keep;
    }
    yield* drain();
  }
  ending = true;
  parser.end();
  yield* drain();
  if (sawEntry) return;
  if (!keepAll) throw new BadInputError(`not a readable RSS/Atom feed: no entry in its first ${maxBytes} bytes`);
  await parseFeed(buf);
  throw new BadInputError('feed has no entries');
}

async function readPiece(piece: Piece): Promise<FeedEntryEvent> {
  if (piece.error !== undefined) return { line: piece.line, error: piece.error };
  try {
    const { items } = await parseFeed(piece.envelope + piece.text! + piece.closers);
    return items[0] ? { line: piece.line, entry: items[0] } : { line: piece.line, error: 'entry not recognised' };
  } catch (err) {
    const reason = (err as Error).message.replace(/^not a readable RSS\/Atom feed: /u, '');
    return { line: piece.line, error: `unreadable entry: ${reason}` };
  }
}
