// Abbreviations an article defines: "the Treaty on Open Skies (OST)", "Совет коллективной
// безопасности (СКБ)". From the definition on, each use of the abbreviation in that article names
// the same entity, whether or not the dataset knows the abbreviation (and over what it means
// elsewhere: the article said what it means here).

import type { Mention } from '../../shared/types';

/** "(OST)", "(СКБ)": an abbreviation in brackets right after a name, two capitals at least. */
const DEFINITION = /^\s*\(\s*(\p{Lu}[\p{Lu}\p{Ll}\d+&-]{1,11})\s*\)/u;
const CAPITALS = /\p{Lu}.*\p{Lu}/u;
const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);

/**
 * Mentions of the abbreviations the text defines after a mention (`mentions` in text order), in text
 * order. Each use names what the latest definition before it says; the text is searched once per
 * distinct abbreviation, however often the article defines it again.
 */
export function linkDefinedAbbreviations(text: string, mentions: readonly Mention[]): Mention[] {
  /** Per abbreviation, its definitions in text order: where each takes effect, and whom it names. */
  const definitions = new Map<string, { from: number; entityId: string }[]>();
  for (const mention of mentions) {
    const definition = DEFINITION.exec(text.slice(mention.end, mention.end + 24));
    if (!definition || !CAPITALS.test(definition[1]!)) continue;
    const list = definitions.get(definition[1]!) ?? [];
    list.push({ from: mention.end + definition[0].length, entityId: mention.entityId });
    definitions.set(definition[1]!, list);
  }
  const found: Mention[] = [];
  for (const [abbreviation, list] of definitions) {
    let k = -1;
    for (
      let at = text.indexOf(abbreviation, list[0]!.from);
      at >= 0;
      at = text.indexOf(abbreviation, at + 1)
    ) {
      const end = at + abbreviation.length;
      if (isWordChar(text[at - 1]) || isWordChar(text[end])) continue;
      while (k + 1 < list.length && list[k + 1]!.from <= at) k++;
      found.push({ start: at, end, text: abbreviation, entityId: list[k]!.entityId });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}
