// Two names that share their last words: "the Donetsk and Lugansk People's Republics", "the BRICS and
// SCO summits". The second is a name in the plural; the first is a name when the shared words are
// added to it: "Donetsk People's Republic". Then both are mentions, the first one its own word.

import type { Mention } from '../../shared/types';
import { wordBefore } from './words';

/** "X and " or "X, " before the second name: X is one or two capitalised words or an acronym. */
const FIRST = /(\p{Lu}[\p{L}'-]*(?:\s+\p{Lu}[\p{L}'-]*)?)\s+(?:and|&|и)\s+$/u;

/** English plural of a name's last word, and its singular. */
function singular(word: string): string | null {
  if (/ies$/.test(word)) return `${word.slice(0, -3)}y`;
  if (/(?:ch|sh|x)es$/.test(word)) return word.slice(0, -2);
  if (/[^s]s$/.test(word)) return word.slice(0, -1);
  return null;
}

/**
 * For each mention written in the plural after "X and", the mention of X when X with the mention's
 * shared words is a name too. `lookUp` names a phrase (or gives null).
 */
export function linkCoordinatedNames(
  text: string,
  mentions: readonly Mention[],
  lookUp: (phrase: string) => string | null,
): Mention[] {
  const found: Mention[] = [];
  for (const mention of mentions) {
    const words = mention.text.split(/\s+/);
    if (words.length < 2) continue;
    const last = singular(words.at(-1)!);
    if (last === null) continue;
    const conjunction = wordBefore(text, mention.start);
    if (conjunction === null || !/^(?:and|&|и)$/.test(text.slice(conjunction[0], conjunction[1]))) continue;
    const first = FIRST.exec(text.slice(Math.max(0, mention.start - 40), mention.start));
    if (!first) continue;
    const shared = [...words.slice(1, -1), last].join(' ');
    const x = first[1]!;
    const id = lookUp(`${x} ${shared}`);
    if (id === null || id === mention.entityId) continue;
    const start = mention.start - first[0].length;
    found.push({ start, end: start + x.length, text: x, entityId: id });
  }
  return found;
}
