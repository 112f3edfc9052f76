/**
 * The migration behind ranked cluster lists: one row per article and per copy with its cluster, time
 * (publication, else arrival, in UTC, and whether it was dated), language and outlet, kept in step by
 * triggers and back-filled from the stored articles and copies; and per cluster the totals over all of
 * them (`cluster_stats`), kept by triggers on those rows. A period's top stories then read one index
 * range, and those of the whole store one row per cluster, instead of grouping every article and copy
 * (and working out outlets) per request.
 */

/** UTC ISO time of `p` (publication) else `i` (arrival): offsets are resolved so times compare as text. */
const at = (p: string, i: string) =>
  `COALESCE(strftime('%Y-%m-%dT%H:%M:%fZ', ${p}), strftime('%Y-%m-%dT%H:%M:%fZ', substr(${p}, 1, 19)),
    strftime('%Y-%m-%dT%H:%M:%fZ', ${i}), ${i})`;

/** The host of an http(s) URL without `www.` (as `outletOf` counts outlets), else the source. */
const outlet = (url: string, source: string) => {
  const rest = `substr(${url}, instr(${url}, '://') + 3) || '/'`;
  const host = `substr(${rest}, 1, instr(${rest}, '/') - 1)`;
  const bare = `lower(substr(${host} || ':', 1, instr(${host} || ':', ':') - 1))`;
  return `CASE WHEN lower(substr(${url}, 1, 7)) = 'http://' OR lower(substr(${url}, 1, 8)) = 'https://'
    THEN CASE WHEN ${bare} LIKE 'www.%' THEN substr(${bare}, 5) ELSE ${bare} END ELSE ${source} END`;
};

/** A cluster's newest report: its newest publication time, its newest arrival only when nothing is dated. */
const NEWEST = 'COALESCE(MAX(CASE WHEN dated THEN at END), MAX(at))';
/** Milliseconds since 1970 of an ISO time, so ranking many clusters parses no dates. */
const ms = (t: string) => `CAST(round((julianday(${t}) - 2440587.5) * 86400000.0) AS INTEGER)`;

/**
 * A cluster's totals from its rows, as `cluster_stats` keeps them; `dated` adds the count of dated rows, which
 * the totals keep from CLUSTER_STATS_STEP_MIGRATION on.
 */
const totals = (
  dated = false,
) => `INSERT INTO cluster_stats(cluster_id, articles, outlets, languages, langs, newest, newest_ms${dated ? ', dated_items' : ''})
     SELECT cluster_id, COUNT(*), COUNT(DISTINCT outlet), COUNT(DISTINCT lang),
       ',' || group_concat(DISTINCT lang) || ',', ${NEWEST}, ${ms(NEWEST)}${dated ? ', SUM(dated)' : ''} FROM cluster_items`;
const TOTALS = totals();

/** Recomputes the totals of cluster `id` from its rows (a cluster has a few dozen; merges move them all). */
const restat = (id: string, dated = false) => `DELETE FROM cluster_stats WHERE cluster_id = ${id};
     ${totals(dated)} WHERE cluster_id = ${id} GROUP BY cluster_id;`;

/** The values of an item's row after its ids, from an article or copy row `r` (`new`, a table alias or none). */
const item = (r: string) => `${at(`${r}published_at`, `${r}ingested_at`)}, ${r}published_at IS NOT NULL, ${r}lang,
  ${outlet(`${r}url`, `${r}source`)}`;
const ITEM_COLUMNS = 'cluster_items(kind, item_id, article_id, cluster_id, at, dated, lang, outlet)';

/** Migration SQL: tables `cluster_items` and `cluster_stats`, indexes, triggers, back-fill of existing stores. */
export const CLUSTER_ITEMS_MIGRATION = `CREATE TABLE cluster_items (
     kind TEXT NOT NULL CHECK (kind IN ('article', 'copy')),
     item_id TEXT NOT NULL,
     article_id TEXT NOT NULL,
     cluster_id TEXT NOT NULL,
     at TEXT NOT NULL,
     dated INTEGER NOT NULL,
     lang TEXT NOT NULL,
     outlet TEXT NOT NULL,
     PRIMARY KEY (kind, item_id)
   );
   INSERT INTO ${ITEM_COLUMNS} SELECT 'article', id, id, cluster_id, ${item('')} FROM articles;
   INSERT INTO ${ITEM_COLUMNS} SELECT 'copy', c.id, c.duplicate_of, a.cluster_id, ${item('c.')}
     FROM article_copies c JOIN articles a ON a.id = c.duplicate_of;
   CREATE INDEX cluster_items_at ON cluster_items(at, cluster_id, lang, outlet, dated);
   CREATE INDEX cluster_items_cluster ON cluster_items(cluster_id, at, lang, outlet);
   CREATE INDEX cluster_items_article ON cluster_items(article_id);
   CREATE INDEX cluster_items_lang ON cluster_items(lang, at);
   CREATE TABLE cluster_stats (
     cluster_id TEXT PRIMARY KEY,
     articles INTEGER NOT NULL,
     outlets INTEGER NOT NULL,
     languages INTEGER NOT NULL,
     langs TEXT NOT NULL,
     newest TEXT NOT NULL,
     newest_ms INTEGER NOT NULL
   );
   ${TOTALS} GROUP BY cluster_id;
   CREATE TRIGGER cluster_stats_insert AFTER INSERT ON cluster_items BEGIN ${restat('new.cluster_id')} END;
   CREATE TRIGGER cluster_stats_update AFTER UPDATE ON cluster_items BEGIN
     ${restat('old.cluster_id')} ${restat('new.cluster_id')}
   END;
   CREATE TRIGGER cluster_stats_delete AFTER DELETE ON cluster_items BEGIN ${restat('old.cluster_id')} END;
   CREATE TRIGGER cluster_items_article_insert AFTER INSERT ON articles BEGIN
     INSERT INTO ${ITEM_COLUMNS} VALUES ('article', new.id, new.id, new.cluster_id, ${item('new.')});
   END;
   CREATE TRIGGER cluster_items_copy_insert AFTER INSERT ON article_copies BEGIN
     INSERT INTO ${ITEM_COLUMNS} SELECT 'copy', new.id, new.duplicate_of, a.cluster_id, ${item('new.')}
       FROM articles a WHERE a.id = new.duplicate_of;
   END;
   CREATE TRIGGER cluster_items_article_move AFTER UPDATE OF cluster_id ON articles BEGIN
     UPDATE cluster_items SET cluster_id = new.cluster_id WHERE article_id = new.id;
   END;
   CREATE TRIGGER cluster_items_article_update AFTER UPDATE OF published_at, ingested_at, lang, url, source ON articles
   BEGIN
     UPDATE cluster_items SET (at, dated, lang, outlet) = (SELECT ${item('new.')})
       WHERE kind = 'article' AND item_id = new.id;
   END;
   CREATE TRIGGER cluster_items_article_delete AFTER DELETE ON articles BEGIN
     DELETE FROM cluster_items WHERE article_id = old.id;
   END;
   CREATE TRIGGER cluster_items_copy_delete AFTER DELETE ON article_copies BEGIN
     DELETE FROM cluster_items WHERE kind = 'copy' AND item_id = old.id;
   END;`;

/**
 * A cluster's newest report once row `new` joins it, from its totals before: a dated row counts against the
 * newest dated one (or replaces an undated newest), an undated row only while the cluster has no dated row.
 */
const STEPPED_NEWEST = `CASE WHEN new.dated THEN (CASE WHEN dated_items > 0 THEN max(newest, new.at) ELSE new.at END)
       ELSE (CASE WHEN dated_items > 0 THEN newest ELSE max(newest, new.at) END) END`;

/**
 * Migration SQL: a row joining a cluster updates its totals by one step (count, outlet and language when new to
 * it, newest report, dated rows) instead of recounting all of the cluster's rows, which cost a big story's every
 * new article or copy time in proportion to its size (0.44 ms at 1,000 rows, 2 ms at 5,000). Rows that move
 * (merges) or go still recount both clusters. The totals gain the count of dated rows, which the step needs.
 */
export const CLUSTER_STATS_STEP_MIGRATION = `ALTER TABLE cluster_stats ADD COLUMN dated_items INTEGER NOT NULL DEFAULT 0;
   UPDATE cluster_stats SET dated_items =
     (SELECT COUNT(*) FROM cluster_items i WHERE i.cluster_id = cluster_stats.cluster_id AND i.dated);
   CREATE INDEX cluster_items_outlet ON cluster_items(cluster_id, outlet);
   DROP TRIGGER cluster_stats_insert;
   DROP TRIGGER cluster_stats_update;
   DROP TRIGGER cluster_stats_delete;
   CREATE TRIGGER cluster_stats_insert AFTER INSERT ON cluster_items BEGIN
     INSERT INTO cluster_stats(cluster_id, articles, outlets, languages, langs, newest, newest_ms, dated_items)
       VALUES (new.cluster_id, 1, 1, 1, ',' || new.lang || ',', new.at, ${ms('new.at')}, new.dated)
     ON CONFLICT(cluster_id) DO UPDATE SET
       articles = articles + 1,
       outlets = outlets + NOT EXISTS (SELECT 1 FROM cluster_items i
         WHERE i.cluster_id = new.cluster_id AND i.outlet = new.outlet AND i.rowid <> new.rowid),
       languages = languages + (instr(langs, ',' || new.lang || ',') = 0),
       langs = CASE WHEN instr(langs, ',' || new.lang || ',') > 0 THEN langs ELSE langs || new.lang || ',' END,
       newest = ${STEPPED_NEWEST},
       newest_ms = ${ms(STEPPED_NEWEST)},
       dated_items = dated_items + new.dated;
   END;
   CREATE TRIGGER cluster_stats_update AFTER UPDATE ON cluster_items BEGIN
     ${restat('old.cluster_id', true)} ${restat('new.cluster_id', true)}
   END;
   CREATE TRIGGER cluster_stats_delete AFTER DELETE ON cluster_items BEGIN ${restat('old.cluster_id', true)} END;`;
