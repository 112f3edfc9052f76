// The SQLite schema as numbered migrations, applied in order and never edited once shipped.
import { CLUSTER_ITEMS_MIGRATION, CLUSTER_STATS_STEP_MIGRATION } from './cluster-items-migration.js';

/** The triggers that keep the full-text index in step with the articles (made, and made again with the index). */
const FTS_TRIGGERS = `CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
     INSERT INTO articles_fts(rowid, title, title_en, text) VALUES (new.rowid, new.title, new.title_en, new.text);
   END;
   CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
     INSERT INTO articles_fts(articles_fts, rowid, title, title_en, text) VALUES ('delete', old.rowid, old.title, old.title_en, old.text);
   END;
   CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, title_en, text ON articles BEGIN
     INSERT INTO articles_fts(articles_fts, rowid, title, title_en, text) VALUES ('delete', old.rowid, old.title, old.title_en, old.text);
     INSERT INTO articles_fts(rowid, title, title_en, text) VALUES (new.rowid, new.title, new.title_en, new.text);
   END;`;

/** Schema migrations, applied in order; `PRAGMA user_version` records how many ran. Never edit a shipped one. */
export const MIGRATIONS: string[] = [
  `CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
   CREATE TABLE clusters (
     id TEXT PRIMARY KEY,
     seq INTEGER NOT NULL UNIQUE,
     title TEXT NOT NULL,
     created_at TEXT NOT NULL,
     first_seen INTEGER,
     last_seen INTEGER,
     centroids TEXT NOT NULL
   );
   CREATE INDEX clusters_last_seen ON clusters(last_seen);
   CREATE TABLE articles (
     id TEXT PRIMARY KEY,
     content_hash TEXT NOT NULL UNIQUE,
     url TEXT UNIQUE,
     source TEXT NOT NULL,
     title TEXT NOT NULL,
     title_en TEXT NOT NULL,
     lang TEXT NOT NULL,
     lang_confidence REAL NOT NULL,
     published_at TEXT,
     text TEXT NOT NULL,
     cluster_id TEXT NOT NULL REFERENCES clusters(id),
     vector TEXT NOT NULL,
     mode TEXT NOT NULL,
     ingested_at TEXT NOT NULL
   );
   CREATE INDEX articles_cluster ON articles(cluster_id);
   CREATE TABLE storyline_matches (
     storyline_id TEXT NOT NULL,
     article_id TEXT NOT NULL REFERENCES articles(id),
     cluster_id TEXT NOT NULL REFERENCES clusters(id),
     score REAL NOT NULL,
     evidence TEXT NOT NULL,
     matched_at TEXT NOT NULL,
     PRIMARY KEY (storyline_id, article_id)
   );
   CREATE TABLE term_df (term TEXT PRIMARY KEY, df INTEGER NOT NULL);`,
  // Clusters that converged later are merged; the merge is kept so old cluster ids still resolve.
  `CREATE TABLE cluster_merges (
     from_id TEXT PRIMARY KEY,
     into_id TEXT NOT NULL,
     similarity REAL NOT NULL,
     merged_at TEXT NOT NULL
   );`,
  // What each storyline learned from its confirmed matches.
  `CREATE TABLE storyline_memory (storyline_id TEXT PRIMARY KEY, memory TEXT NOT NULL);`,
  // Tracked storylines: those of the config file (source 'config') and those created through the API.
  `CREATE TABLE storylines (
     id TEXT PRIMARY KEY,
     definition TEXT NOT NULL,
     source TEXT NOT NULL CHECK (source IN ('config', 'api')),
     updated_at TEXT NOT NULL
   );`,
  // Near-duplicates (syndicated copies) are linked to the first copy instead of being stored again.
  `CREATE TABLE article_copies (
     content_hash TEXT PRIMARY KEY,
     article_id TEXT NOT NULL,
     url TEXT UNIQUE,
     duplicate_of TEXT NOT NULL REFERENCES articles(id),
     source TEXT NOT NULL,
     title TEXT NOT NULL,
     similarity REAL NOT NULL,
     seen_at TEXT NOT NULL
   );`,
  // The alert outbox: one row per (event, endpoint), written with the match that caused it, so an event
  // is sent exactly once however often articles are re-ingested or jobs retried.
  `CREATE TABLE deliveries (
     id TEXT PRIMARY KEY,
     event_id TEXT NOT NULL,
     endpoint TEXT NOT NULL,
     type TEXT NOT NULL,
     body TEXT NOT NULL,
     enqueued INTEGER NOT NULL DEFAULT 0,
     created_at TEXT NOT NULL,
     UNIQUE (event_id, endpoint)
   );`,
  // Webhook subscriptions (config ones synced at start, others made through the API or CLI), and what
  // became of each delivery: pending, held for a digest, digested, delivered or failed for good.
  `CREATE TABLE webhooks (
     id TEXT PRIMARY KEY,
     url TEXT NOT NULL UNIQUE,
     secret TEXT NOT NULL,
     definition TEXT NOT NULL,
     source TEXT NOT NULL CHECK (source IN ('config', 'api', 'cli')),
     updated_at TEXT NOT NULL
   );
   ALTER TABLE deliveries ADD COLUMN status TEXT NOT NULL DEFAULT 'pending';
   ALTER TABLE deliveries ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
   ALTER TABLE deliveries ADD COLUMN http_status INTEGER;
   ALTER TABLE deliveries ADD COLUMN last_error TEXT;
   ALTER TABLE deliveries ADD COLUMN finished_at TEXT;
   ALTER TABLE deliveries ADD COLUMN digest_id TEXT;
   CREATE INDEX deliveries_status ON deliveries(status, endpoint);`,
  // The dashboard: full-text search over titles and texts (kept in step by triggers), each match's article
  // language and day (timelines without a join), and the indexes its pages read by.
  `CREATE VIRTUAL TABLE articles_fts USING fts5(title, title_en, text, content='articles', content_rowid='rowid', tokenize='unicode61');
${FTS_TRIGGERS}
   INSERT INTO articles_fts(articles_fts) VALUES ('rebuild');
   ALTER TABLE storyline_matches ADD COLUMN lang TEXT;
   ALTER TABLE storyline_matches ADD COLUMN day TEXT;
   UPDATE storyline_matches SET
     lang = (SELECT a.lang FROM articles a WHERE a.id = article_id),
     day = (SELECT substr(COALESCE(a.published_at, a.ingested_at), 1, 10) FROM articles a WHERE a.id = article_id);
   CREATE INDEX storyline_matches_days ON storyline_matches(storyline_id, day, lang);
   CREATE INDEX storyline_matches_time ON storyline_matches(storyline_id, matched_at);
   CREATE INDEX storyline_matches_clusters ON storyline_matches(storyline_id, cluster_id, matched_at);
   CREATE INDEX storyline_matches_cluster ON storyline_matches(cluster_id);
   CREATE INDEX articles_when ON articles(id, lang, published_at, ingested_at);
   CREATE INDEX articles_published ON articles(published_at);`,
  // Every copy is kept, with its own id, source, URL, time and language: many outlets may carry the same
  // content, so copies are keyed by their id, not their content. Articles and copies keep the id their input
  // gave (an article renamed because its id was taken keeps it too), so the same input read again is known.
  // Copies linked before keep their id, else (taken by an article) the id with their content hash appended.
  `ALTER TABLE article_copies RENAME TO article_copies_old;
   CREATE TABLE article_copies (
     id TEXT PRIMARY KEY,
     input_id TEXT NOT NULL,
     source TEXT NOT NULL,
     url TEXT,
     title TEXT NOT NULL,
     title_en TEXT NOT NULL,
     lang TEXT NOT NULL,
     published_at TEXT,
     content_hash TEXT NOT NULL,
     duplicate_of TEXT NOT NULL REFERENCES articles(id),
     similarity REAL NOT NULL,
     ingested_at TEXT NOT NULL
   );
   INSERT OR IGNORE INTO article_copies(id, input_id, source, url, title, title_en, lang, published_at, content_hash, duplicate_of, similarity, ingested_at)
     SELECT o.article_id, o.article_id, o.source, o.url, o.title, o.title, COALESCE(a.lang, 'und'), NULL, o.content_hash, o.duplicate_of, o.similarity, o.seen_at
     FROM article_copies_old o LEFT JOIN articles a ON a.id = o.duplicate_of
     WHERE NOT EXISTS (SELECT 1 FROM articles x WHERE x.id = o.article_id) ORDER BY o.rowid;
   INSERT INTO article_copies(id, input_id, source, url, title, title_en, lang, published_at, content_hash, duplicate_of, similarity, ingested_at)
     SELECT o.article_id || '-' || o.content_hash, o.article_id, o.source, o.url, o.title, o.title, COALESCE(a.lang, 'und'), NULL, o.content_hash,
       o.duplicate_of, o.similarity, o.seen_at
     FROM article_copies_old o LEFT JOIN articles a ON a.id = o.duplicate_of
     WHERE NOT EXISTS (SELECT 1 FROM article_copies c WHERE c.content_hash = o.content_hash) ORDER BY o.rowid;
   DROP TABLE article_copies_old;
   CREATE INDEX article_copies_hash ON article_copies(content_hash);
   CREATE INDEX article_copies_url ON article_copies(url);
   CREATE INDEX article_copies_of ON article_copies(duplicate_of);
   ALTER TABLE articles ADD COLUMN input_id TEXT;
   UPDATE articles SET input_id = CASE WHEN length(id) > 7 AND substr(id, -7) = '-' || substr(content_hash, 1, 6)
     THEN substr(id, 1, length(id) - 7) ELSE id END;`,
  // Ids of clusters merged away before their highest number was kept: never given again.
  `INSERT OR REPLACE INTO meta(key, value)
     SELECT 'lastMergedSeq', CAST(MAX(CAST(substr(from_id, 2) AS INTEGER)) AS TEXT) FROM cluster_merges WHERE from_id GLOB 'c[0-9]*' HAVING COUNT(*) > 0;`,
  // Back-fill: a storyline created or changed (or asked to re-score) is matched against the articles stored
  // up to then (rowid <= upto), in rowid order, by the cluster writer between its batches; the cursor moves
  // in the same transaction as the matches, so a killed writer goes on where it stopped. Matches say whether
  // real time or a back-fill made them. Storylines may come from the CLI too.
  `CREATE TABLE storyline_backfills (
     storyline_id TEXT PRIMARY KEY,
     state TEXT NOT NULL CHECK (state IN ('pending', 'running', 'done')),
     upto INTEGER NOT NULL,
     cursor INTEGER NOT NULL DEFAULT 0,
     done INTEGER NOT NULL DEFAULT 0,
     total INTEGER NOT NULL,
     matched INTEGER NOT NULL DEFAULT 0,
     added INTEGER NOT NULL DEFAULT 0,
     removed INTEGER NOT NULL DEFAULT 0,
     requested_at TEXT NOT NULL,
     finished_at TEXT
   );
   ALTER TABLE storyline_matches ADD COLUMN origin TEXT NOT NULL DEFAULT 'live';
   CREATE TABLE storylines_next (
     id TEXT PRIMARY KEY,
     definition TEXT NOT NULL,
     source TEXT NOT NULL CHECK (source IN ('config', 'api', 'cli')),
     updated_at TEXT NOT NULL
   );
   INSERT INTO storylines_next(id, definition, source, updated_at) SELECT id, definition, source, updated_at FROM storylines ORDER BY rowid;
   DROP TABLE storylines;
   ALTER TABLE storylines_next RENAME TO storylines;`,
  // A match's day is the UTC day its article was published on, and none for an undated article (which used
  // to count on the day it arrived). SQLite's date() reads offsets and gives the UTC day.
  `UPDATE storyline_matches SET day = (SELECT CASE WHEN a.published_at IS NULL THEN NULL
     ELSE COALESCE(date(a.published_at), substr(a.published_at, 1, 10)) END FROM articles a WHERE a.id = article_id);`,
  // A cluster is titled by its most central article (pipeline/cluster/cluster-title.ts), kept with its one-line lead
  // and the check that chose it. Clusters stored before keep their title until they next grow (then every
  // member is compared); meanwhile their lead is the first sentence of the article their title came from.
  `ALTER TABLE clusters ADD COLUMN lead TEXT NOT NULL DEFAULT '';
   ALTER TABLE clusters ADD COLUMN central_id TEXT;
   ALTER TABLE clusters ADD COLUMN central_lang TEXT;
   ALTER TABLE clusters ADD COLUMN central_checked INTEGER NOT NULL DEFAULT 0;
   UPDATE clusters SET lead = COALESCE((SELECT lead_of(a.text, a.title) FROM articles a
     WHERE a.cluster_id = clusters.id AND (a.title = clusters.title OR a.title_en = clusters.title) ORDER BY a.rowid LIMIT 1), '');`,
  // Every article and copy with its cluster, time, language and outlet, for ranked cluster lists (top stories).
  CLUSTER_ITEMS_MIGRATION,
  // Search: Devanagari vowel signs and viramas (Unicode marks) are part of words, not separators, so "ईरान"
  // is one word in the index, not the fragments "ईर" "न"; and an index to list hits newest first.
  `DROP TRIGGER articles_fts_insert;
   DROP TRIGGER articles_fts_delete;
   DROP TRIGGER articles_fts_update;
   DROP TABLE articles_fts;
   CREATE VIRTUAL TABLE articles_fts USING fts5(title, title_en, text, content='articles', content_rowid='rowid',
     tokenize="unicode61 categories 'L* N* Co M*'");
${FTS_TRIGGERS}
   INSERT INTO articles_fts(articles_fts) VALUES ('rebuild');
   CREATE VIRTUAL TABLE articles_fts_terms USING fts5vocab(articles_fts, 'row');
   CREATE INDEX articles_time ON articles(COALESCE(published_at, ingested_at));`,
  // The hash of each article's body alone (pipeline/prepare-article.ts), so the same report carried again under
  // another headline finds the stored one without comparing clusters; stored articles get theirs now.
  `ALTER TABLE articles ADD COLUMN body_hash TEXT;
   UPDATE articles SET body_hash = body_hash_of(text);
   CREATE INDEX articles_body ON articles(body_hash, lang) WHERE body_hash IS NOT NULL;`,
  // A cluster's totals follow each new row by one step instead of recounting the cluster (store/cluster-items-migration.ts).
  CLUSTER_STATS_STEP_MIGRATION,
];
