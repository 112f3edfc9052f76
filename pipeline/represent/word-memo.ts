// Remembers what a pure function of one word gave for the words met lately.

/** How many words a memo keeps before it starts over. @defaultValue 50,000 */
const WORDS_KEPT = 50_000;

/**
 * `fn` remembered for the words met lately: a stream repeats most of its words, and the offline
 * representation asks for a stem and a sound skeleton of every token. The memo is cleared whole when full,
 * so it stays small whatever the vocabulary. `fn` must depend on the word alone.
 */
export function wordMemo(fn: (word: string) => string, kept = WORDS_KEPT): (word: string) => string {
  const memo = new Map<string, string>();
  return (word) => {
    let value = memo.get(word);
    if (value === undefined) {
      value = fn(word);
      if (memo.size >= kept) memo.clear();
      memo.set(word, value);
    }
    return value;
  };
}
