import { describe, expect, it } from 'vitest';
import type { Mention } from '../../../src/shared/types';
import { indexMentions, snippet } from '../../../src/ui/layout/mention-index';

const mention = (text: string, needle: string, entityId: string, from = 0): Mention => {
  const start = text.indexOf(needle, from);
  return { start, end: start + needle.length, text: needle, entityId };
};

describe('indexMentions', () => {
  const text = 'NATO said the OSCE should meet. Later NATO repeated it, and NATO allies agreed.';
  const mentions = [
    mention(text, 'NATO', 'nato'),
    mention(text, 'OSCE', 'osce'),
    mention(text, 'NATO', 'nato', 20),
    mention(text, 'NATO', 'nato', 45),
  ];

  it('counts each entity and remembers where its mentions are, in article order', () => {
    const index = indexMentions(text, mentions);
    expect(index.counts).toEqual({ nato: 3, osce: 1 });
    expect(index.positions.nato).toEqual([0, 2, 3]);
    expect(index.positions.osce).toEqual([1]);
  });

  it('gives each mention a one-line snippet that contains it', () => {
    const index = indexMentions(text, mentions);
    expect(index.snippets.nato).toHaveLength(3);
    for (const line of index.snippets.nato!) expect(line).toContain('NATO');
    expect(index.snippets.osce![0]).toMatch(/^….*the OSCE should meet.*…$/);
  });

  it('treats ids such as constructor and __proto__ as plain ids', () => {
    const tricky = 'constructor and __proto__ and toString';
    const index = indexMentions(tricky, [
      mention(tricky, 'constructor', 'constructor'),
      mention(tricky, '__proto__', '__proto__'),
      mention(tricky, 'toString', 'toString'),
    ]);
    expect(index.counts.constructor).toBe(1);
    expect(Object.keys(index.counts)).toEqual(['constructor', '__proto__', 'toString']);
    expect(index.positions.toString).toEqual([2]);
  });
});

describe('snippet', () => {
  it('cuts the context at word boundaries and puts the text on one line', () => {
    const text = `${'word '.repeat(20)}the Geneva\nsummit ${'more '.repeat(20)}`;
    const start = text.indexOf('Geneva');
    const line = snippet(text, start, start + 'Geneva'.length);
    expect(line).not.toMatch(/\n/);
    expect(line).toContain('the Geneva summit');
    expect(line.startsWith('…word')).toBe(true);
  });
});
