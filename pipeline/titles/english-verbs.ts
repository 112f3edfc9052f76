// The two English verb forms a headline uses: present tense and past participle.

/**
 * The two verb forms an English headline uses: the present ("India sends troops") for an action, the past
 * participle ("14 killed in blast") for a passive. Regular spelling rules plus the common irregular verbs.
 */
const IRREGULAR: Record<string, string> = {
  be: 'been',
  begin: 'begun',
  break: 'broken',
  bring: 'brought',
  build: 'built',
  buy: 'bought',
  catch: 'caught',
  choose: 'chosen',
  come: 'come',
  cut: 'cut',
  do: 'done',
  draw: 'drawn',
  drive: 'driven',
  eat: 'eaten',
  fall: 'fallen',
  feel: 'felt',
  fight: 'fought',
  find: 'found',
  fly: 'flown',
  forget: 'forgotten',
  get: 'got',
  give: 'given',
  go: 'gone',
  grow: 'grown',
  hang: 'hung',
  have: 'had',
  hear: 'heard',
  hide: 'hidden',
  hit: 'hit',
  hold: 'held',
  hurt: 'hurt',
  keep: 'kept',
  know: 'known',
  lay: 'laid',
  lead: 'led',
  leave: 'left',
  lend: 'lent',
  let: 'let',
  lose: 'lost',
  make: 'made',
  mean: 'meant',
  meet: 'met',
  pay: 'paid',
  put: 'put',
  read: 'read',
  ride: 'ridden',
  rise: 'risen',
  run: 'run',
  say: 'said',
  see: 'seen',
  seek: 'sought',
  sell: 'sold',
  send: 'sent',
  set: 'set',
  shake: 'shaken',
  shoot: 'shot',
  show: 'shown',
  shut: 'shut',
  sink: 'sunk',
  sit: 'sat',
  speak: 'spoken',
  spend: 'spent',
  stand: 'stood',
  steal: 'stolen',
  strike: 'struck',
  swear: 'sworn',
  take: 'taken',
  teach: 'taught',
  tear: 'torn',
  tell: 'told',
  think: 'thought',
  throw: 'thrown',
  understand: 'understood',
  win: 'won',
  write: 'written',
};

/** "send" → "sends", "carry" → "carries", "catch" → "catches". */
export function presentTense(verb: string): string {
  // A phrasal verb inflects its first word: "call for" → "calls for".
  if (/^[a-z]+ [a-z ]+$/u.test(verb)) return verb.replace(/^[a-z]+/u, presentTense);
  if (!/^[a-z]+$/u.test(verb) || /(ed|ing|ght)$/u.test(verb)) return verb;
  if (verb === 'be') return 'is';
  if (verb === 'have') return 'has';
  if (/(s|x|z|ch|sh|o)$/u.test(verb)) return `${verb}es`;
  if (/[^aeiou]y$/u.test(verb)) return `${verb.slice(0, -1)}ies`;
  return `${verb}s`;
}

/** "kill" → "killed", "arrest" → "arrested", "send" → "sent", "stop" → "stopped". */
export function pastParticiple(verb: string): string {
  if (/^[a-z]+ [a-z ]+$/u.test(verb)) return verb.replace(/^[a-z]+/u, pastParticiple);
  if (!/^[a-z]+$/u.test(verb) || /(ed|ing)$/u.test(verb)) return verb;
  if (IRREGULAR[verb]) return IRREGULAR[verb];
  if (verb.endsWith('e')) return `${verb}d`;
  if (/[^aeiou]y$/u.test(verb)) return `${verb.slice(0, -1)}ied`;
  // One-syllable verbs ending consonant-vowel-consonant double the consonant: "stop" → "stopped".
  if (/^[^aeiou]*[aeiou][bdgklmnprt]$/u.test(verb)) return `${verb}${verb.at(-1)}ed`;
  return `${verb}ed`;
}
