// The unit an English title is built from: one rendered piece before the pieces are put in order.

/** One rendered piece of a title, before the pieces are put into English order. */
export type Unit =
  | {
      kind: 'content';
      english: string;
      name: boolean;
      verb?: boolean;
      future?: boolean;
      /** A verb in the active voice, which English puts before its object. */
      active?: boolean;
    }
  | { kind: 'postposition'; english: string; subject?: boolean }
  | { kind: 'genitive' }
  | { kind: 'auxiliary'; passive?: boolean; future?: boolean }
  | { kind: 'conjunction'; english: string }
  | { kind: 'adverb'; english: string }
  | { kind: 'punctuation'; text: string };
