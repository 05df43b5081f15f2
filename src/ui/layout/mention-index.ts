// The sidebar's view of an article's mentions: per entity, how often it is mentioned, where (the
// mentions' positions, to reveal one), and a short snippet of text around each (its list of
// mentions). Pure, so it is unit-tested rather than trusted.
//
// Records with no prototype: an entity id is data, and an id such as "constructor" or "__proto__"
// must count as a plain key, not reach Object.prototype.

import type { Mention } from '../../shared/types';

export interface MentionIndex {
  counts: Record<string, number>;
  /** Indexes into the mentions array, per entity id, in article order. */
  positions: Record<string, number[]>;
  /** Text around each mention, per entity id, in article order. */
  snippets: Record<string, string[]>;
}

const SNIPPET_CONTEXT = 40;

/** Short text around a mention, cut at word boundaries, on one line. */
export function snippet(text: string, start: number, end: number): string {
  const before = text.slice(Math.max(0, start - SNIPPET_CONTEXT), start).replace(/^\S*\s/, '');
  const after = text.slice(end, end + SNIPPET_CONTEXT).replace(/\s\S*$/, '');
  return `…${before}${text.slice(start, end)}${after}…`.replace(/\s+/g, ' ');
}

export function indexMentions(text: string, mentions: readonly Mention[]): MentionIndex {
  const counts: Record<string, number> = Object.create(null);
  const positions: Record<string, number[]> = Object.create(null);
  const snippets: Record<string, string[]> = Object.create(null);
  mentions.forEach((mention, index) => {
    const id = mention.entityId;
    counts[id] = (counts[id] ?? 0) + 1;
    const around = snippet(text, mention.start, mention.end);
    if (positions[id]) {
      positions[id].push(index);
      snippets[id]!.push(around);
    } else {
      positions[id] = [index];
      snippets[id] = [around];
    }
  });
  return { counts, positions, snippets };
}
