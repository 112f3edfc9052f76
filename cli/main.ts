// The `storywatch` command line: every command and option, each loading its module on demand.
import { Command, Option } from 'commander';
import { run } from './context.js';

// Commands load their modules on demand: `--help` and `export` need no queue or NLP libraries.
const ingestCommand = async (...a: Parameters<typeof import('./ingest-command.js').ingestCommand>) =>
  (await import('./ingest-command.js')).ingestCommand(...a);
const exportCommand = async (...a: Parameters<typeof import('./export-command.js').exportCommand>) =>
  (await import('./export-command.js')).exportCommand(...a);
const startCommand = async (...a: Parameters<typeof import('./start-command.js').startCommand>) =>
  (await import('./start-command.js')).startCommand(...a);
const evalXlingCommand = async (...a: Parameters<typeof import('./eval-command.js').evalXlingCommand>) =>
  (await import('./eval-command.js')).evalXlingCommand(...a);
const evalStorylinesCommand = async (...a: Parameters<typeof import('./eval-command.js').evalStorylinesCommand>) =>
  (await import('./eval-command.js')).evalStorylinesCommand(...a);
const evalTitlesCommand = async (...a: Parameters<typeof import('./eval-command.js').evalTitlesCommand>) =>
  (await import('./eval-command.js')).evalTitlesCommand(...a);
const evalLangCommand = async (...a: Parameters<typeof import('./eval-command.js').evalLangCommand>) =>
  (await import('./eval-command.js')).evalLangCommand(...a);
const evalClustersCommand = async (...a: Parameters<typeof import('./eval-command.js').evalClustersCommand>) =>
  (await import('./eval-command.js')).evalClustersCommand(...a);
const evalCalibrateCommand = async (...a: Parameters<typeof import('./eval-command.js').evalCalibrateCommand>) =>
  (await import('./eval-command.js')).evalCalibrateCommand(...a);
const feeds = () => import('./feeds-command.js');
const evalFeedsCommand = async (...a: Parameters<typeof import('./eval-command.js').evalFeedsCommand>) =>
  (await import('./eval-command.js')).evalFeedsCommand(...a);
const evalHtmlCommand = async (...a: Parameters<typeof import('./eval-command.js').evalHtmlCommand>) =>
  (await import('./eval-command.js')).evalHtmlCommand(...a);
const alerts = () => import('./alerts-command.js');
const webhooks = () => import('./webhooks-command.js');
const storylines = () => import('./storylines-command.js');
const workerCommand = async (...a: Parameters<typeof import('./start-command.js').workerCommand>) =>
  (await import('./start-command.js')).workerCommand(...a);

const program = new Command()
  .name('storywatch')
  .description('Multilingual news monitoring: story clusters across languages, tracked storylines, alerts.')
  .option('-c, --config <file>', 'config file (default: config/storywatch.yaml)')
  .showHelpAfterError();

program
  .command('ingest')
  .description('ingest pages, feeds and article lists through the queues; wait until clustered; print a summary')
  .argument('<paths...>', '.txt/.html pages, .xml/.rss/.atom feeds, .jsonl/.json article lists, or directories')
  .option('-r, --report <file>', 'write the report JSON (everything in the store) to this file')
  .option('--no-progress', 'no progress bar')
  .option('--all-rows', 'a summary row for every article (by default only small runs get them)')
  .action((paths: string[], opts) => run(() => ingestCommand(paths, { ...program.opts(), ...opts })));

program
  .command('export')
  .description('print (or write) the report JSON of everything in the store')
  .option('-o, --out <file>', 'write to this file instead of stdout')
  .action((opts) => run(() => exportCommand({ ...program.opts(), ...opts })));

program
  .command('start')
  .description('run the daemon: all workers, and ingest files dropped into the inbox folder')
  .option('--inbox <dir>', 'folder to watch (default: ingest.inbox from the config)')
  .option('--port <n>', 'port of the API (default: web.port from the config; 0 picks a free one)')
  .option('--host <addr>', 'interface of the API (default: web.host from the config, 127.0.0.1)')
  .action((opts) => run(() => startCommand({ ...program.opts(), ...opts })));

program
  .command('worker')
  .description("run the workers of one role against the instance's Redis (for scaling out)")
  .requiredOption('--role <role>', 'fetch | ingest | cluster | alert')
  .option('--metrics-port <n>', "serve this process's Prometheus metrics on /metrics (0 picks a free port)")
  .option('--host <addr>', 'interface of the metrics endpoint (default 127.0.0.1)')
  .action((opts) => run(() => workerCommand({ ...program.opts(), ...opts })));

const feedsCmd = program.command('feeds').description('manage the feeds the daemon polls');
feedsCmd
  .command('list')
  .description('configured feeds with last fetch, status, error count and last error')
  .action(() => run(async () => (await feeds()).feedsListCommand(program.opts())));
feedsCmd
  .command('add')
  .description('add a feed to the config file')
  .argument('<url>')
  .option('--name <name>', 'display name')
  .option('--every <minutes>', 'poll interval in minutes (default 15)')
  .option('--full-text', 'fetch the page of summary-only entries')
  .action((url: string, opts) => run(async () => (await feeds()).feedsAddCommand(url, { ...program.opts(), ...opts })));
feedsCmd
  .command('remove')
  .description('remove a feed from the config file')
  .argument('<url>')
  .action((url: string) => run(async () => (await feeds()).feedsRemoveCommand(url, program.opts())));

const collect = (value: string, previous: string[] = []) => [...previous, value];
const webhooksCmd = program
  .command('webhooks')
  .description('manage webhook subscriptions (signed alerts on storyline matches)');
webhooksCmd
  .command('list')
  .description('subscriptions with their events, secret (masked) and delivery counts')
  .action(() => run(async () => (await webhooks()).webhooksListCommand(program.opts())));
webhooksCmd
  .command('add')
  .description('subscribe an endpoint; prints a new signing secret once unless --secret is given')
  .argument('<url>')
  .option('--storyline <id>', 'a storyline to send (repeatable; default every storyline)', collect)
  .option('--event <type>', 'storyline.matched | cluster.created (repeatable; default storyline.matched)', collect)
  .option('--min-score <n>', 'send matches scoring at least this (0–1)')
  .option('--digest-minutes <n>', 'batch events into one storyline.digest at most this often')
  .option('--secret <whsec>', 'use this Standard Webhooks secret (whsec_…)')
  .option(
    '--backfill',
    'also send matches a back-fill finds among stored articles (default: only matches as articles arrive)',
  )
  .action((url: string, opts) =>
    run(async () => (await webhooks()).webhooksAddCommand(url, { ...program.opts(), ...opts })),
  );
webhooksCmd
  .command('remove')
  .description('unsubscribe an endpoint (by id or URL); past deliveries stay on record')
  .argument('<id-or-url>')
  .action((id: string) => run(async () => (await webhooks()).webhooksRemoveCommand(id, program.opts())));

const storylinesCmd = program
  .command('storylines')
  .description('tracked storylines: list, add, remove, and re-score stored articles');
storylinesCmd
  .command('list')
  .description('storylines with their source, matched articles and back-fill state')
  .option('--json', 'JSON instead of a table')
  .action((opts) => run(async () => (await storylines()).storylinesListCommand({ ...program.opts(), ...opts })));
storylinesCmd
  .command('add')
  .description('add storylines from a YAML/JSON file or from flags; back-fills them over the stored articles')
  .argument('[file]', 'a storyline, a list of them, or storylines: with a list (YAML or JSON)')
  .option('--id <id>', 'lowercase letters, digits and dashes')
  .option('--name <name>', 'display name')
  .option('--description <text>')
  .option('--keyword <phrase>', 'a phrase in any language (repeatable)', collect)
  .option('--example <text>', 'an example text (repeatable)', collect)
  .option('--threshold <n>', 'score at or above which an article matches (0–1, default 0.5)')
  .option('--replace', 'change a storyline of the same id made through the API or CLI (re-scoring its stored articles)')
  .action((file: string | undefined, opts) =>
    run(async () => (await storylines()).storylinesAddCommand(file, { ...program.opts(), ...opts })),
  );
storylinesCmd
  .command('remove')
  .description('remove a storyline made through the API or CLI; its past matches stay on record')
  .argument('<id>')
  .action((id: string) => run(async () => (await storylines()).storylinesRemoveCommand(id, program.opts())));
storylinesCmd
  .command('rescore')
  .description(
    're-score stored articles against the current definitions (every storyline without ids); waits until done',
  )
  .argument('[ids...]')
  .action((ids: string[]) => run(async () => (await storylines()).storylinesRescoreCommand(ids, program.opts())));

const alertsCmd = program.command('alerts').description('alert deliveries: list them, replay failed ones');
alertsCmd
  .command('list')
  .description('deliveries, newest first')
  .option('--status <s>', 'pending | retrying | held | digested | delivered | failed')
  .option('--limit <n>', 'at most this many (default 100)')
  .option('--json', 'JSON instead of a table')
  .action((opts) => run(async () => (await alerts()).alertsListCommand({ ...program.opts(), ...opts })));
alertsCmd
  .command('failed')
  .description('deliveries that failed for good (secrets never shown)')
  .option('--limit <n>', 'at most this many (default 100)')
  .option('--json', 'JSON instead of a table')
  .action((opts) =>
    run(async () => (await alerts()).alertsListCommand({ ...program.opts(), ...opts, status: 'failed' })),
  );
alertsCmd
  .command('retry')
  .description('replay failed deliveries (same webhook-id, fresh attempts) and wait for the outcome')
  .argument('[ids...]')
  .option('--all', 'every failed delivery')
  .action((ids: string[], opts) =>
    run(async () => (await alerts()).alertsRetryCommand(ids, { ...program.opts(), ...opts })),
  );

const evaluate = program.command('eval').description('measure the pipeline on labelled data');
evaluate
  .command('xling')
  .description('cross-lingual retrieval (Recall@1/5, MRR) and co-clustering of strong EN–HI pairs on the AIR set')
  .option('--data <dir>', 'the air-en-hi folder (articles.jsonl, pairs.csv)', '../shared/eval/air-en-hi')
  .option('--json', 'one JSON object instead of text')
  .action((opts) => run(() => evalXlingCommand({ ...program.opts(), ...opts })));

evaluate
  .command('storylines')
  .description('storyline matching on a labelled AIR stream: precision, recall, F1 per storyline, recall per language')
  .option(
    '--labels <file>',
    'one {id, lang, storylines} line per article',
    'evaluation/labelled/air-storylines/labels.jsonl',
  )
  .option('--storylines <file>', 'the storyline definitions (YAML list); default: storylines.yaml beside the labels')
  .option('--data <dir>', 'the air-en-hi folder (articles.jsonl)', '../shared/eval/air-en-hi')
  .option('--misses', 'list the ids of wrong matches and of missed articles per storyline')
  .option('--json', 'one JSON object instead of text')
  .action((opts) => run(() => evalStorylinesCommand({ ...program.opts(), ...opts })));

evaluate
  .command('titles')
  .description(
    "chrF of the English title shown for each Hindi article against its strong English pair's title (AIR set)",
  )
  .option('--data <dir>', 'the air-en-hi folder (articles.jsonl, pairs.csv)', '../shared/eval/air-en-hi')
  .option('--since <day>', 'only Hindi articles published on or after this day (YYYY-MM-DD, India time)')
  .option('--until <day>', 'only Hindi articles published on or before this day (YYYY-MM-DD, India time)')
  .option('--worst <n>', 'also list the n renderings with the lowest chrF, to read')
  .option('--json', 'one JSON object instead of text')
  .action((opts) => run(() => evalTitlesCommand({ ...program.opts(), ...opts })));

evaluate
  .command('lang')
  .description(
    'language ID accuracy on AIR English–Hindi (title+text, titles alone), BBC Hindi and OG2021 titles per language',
  )
  .option('--air <dir>', 'the air-en-hi folder', '../shared/eval/air-en-hi')
  .option('--bbc <file>', 'the BBC Hindi CSV', '../shared/eval/hindi-bbc/hindi-cleaned-test.csv')
  .option('--og2021 <file>', 'the OG2021 titles TSV', '../shared/eval/og2021-dev/og2021_dev_titles_clusters.tsv')
  .option('--misses', 'list every missed text under its set')
  .option('--json', 'one JSON array instead of text')
  .action((opts) => run(() => evalLangCommand({ ...program.opts(), ...opts })));

evaluate
  .command('clusters')
  .description(
    'replay a labelled stream (or the OG2021 titles) through the pipeline; BCubed and pairwise precision/recall/F1 of its clusters',
  )
  .option('--labels <file>', 'JSONL of {id, title, text?, publishedAt, label}')
  .option(
    '--compare <file>',
    'with --labels: a second labelling of the same ids ({id, label} per line), scored side by side',
  )
  .addOption(
    new Option(
      '--og2021 [file]',
      "instead of --labels, the OG2021 titles TSV (alone: the file below): each language replayed alone, scored beside Event Registry's events",
    ).preset('../shared/eval/og2021-dev/og2021_dev_titles_clusters.tsv'),
  )
  .option(
    '--lang <code>',
    'with --og2021: only this language (eng, spa, por, fra, deu, rus, slv, ara, zho; or en, es, …)',
  )
  .option('--json', 'one JSON object instead of text')
  .action((opts) => run(() => evalClustersCommand({ ...program.opts(), ...opts })));

evaluate
  .command('calibrate')
  .description('ROC-AUC of article similarity for same-event vs unrelated SemEval-2022 pairs, per language pair')
  .option(
    '--data <file>',
    'SemEval-2022 Task 8 pairs with text',
    '../shared/eval/semeval2022-train/training_set_subset.csv',
  )
  .option('--json', 'one JSON object instead of text')
  .action((opts) => run(() => evalCalibrateCommand({ ...program.opts(), ...opts })));

evaluate
  .command('feeds')
  .description(
    'feed parsing: feedparser edge cases (crash, hang, decoded titles), gofeed expected fields, the 1.6 MB feed',
  )
  .option('--data <dir>', 'the feeds folder', '../shared/eval/feeds')
  .option('--json', 'one JSON object instead of text')
  .action((opts) => run(() => evalFeedsCommand({ ...program.opts(), ...opts })));

evaluate
  .command('html')
  .description('article extraction from HTML pages: token precision/recall/F1 against expected bodies')
  .option('--data <dir>', 'the html folder', '../shared/eval/html')
  .option('--json', 'one JSON array instead of text')
  .action((opts) => run(() => evalHtmlCommand({ ...program.opts(), ...opts })));

await program.parseAsync(process.argv);
