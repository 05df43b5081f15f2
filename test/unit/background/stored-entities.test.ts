// The stored form of the entities: what a worker reads back is the dataset that was written, an
// entity or a card is read when it is asked for, and damage is found rather than served.

import { describe, expect, it } from 'vitest';
import {
  asLines,
  DamagedEntity,
  entityTexts,
  listedCards,
  pendingEntitySet,
  recordedCards,
} from '../../../src/background/stored-entities';
import type { Entity, EntityOutline } from '../../../src/shared/types';

function entity(id: string, type: Entity['type'] = 'organization'): Entity {
  return {
    id,
    type,
    name: { en: `${id} name`, ru: `${id} имя` },
    aliases: { en: [id.toUpperCase()], ru: [id.toUpperCase()] },
    summary: { en: `About ${id}.`, ru: `О ${id}.` },
    timeline: [{ date: '2001-02-03', kind: 'founded', label: { en: 'Founded', ru: 'Основана' } }],
    sources: [{ url: `https://example.org/${id}`, title: id }],
    parties: [{ en: 'Line one\nline two', ru: 'Строка' }],
  };
}

const ENTITIES = [entity('nato'), entity('osce'), entity('csto', 'treaty')];

function stored(entities: Entity[] = ENTITIES) {
  const texts = entityTexts(entities);
  const outlines = JSON.parse(texts.outlines) as EntityOutline[];
  return { texts, outlines };
}

/** The entity set of stored outlines once `text` has been read, or null when it does not fit. */
function storedEntitySet(outlines: EntityOutline[], text: unknown) {
  const pending = pendingEntitySet(outlines);
  return pending.attach(text) ? pending.entities : null;
}

/** The lines of stored UTF-8 texts, and back. */
const linesOf = (texts: Uint8Array) => new TextDecoder().decode(texts).split('\n');
const fromLines = (lines: string[]) => new TextEncoder().encode(lines.join('\n'));

describe('the stored entities', () => {
  it('read back as they were written: outlines, the matcher fields and the cards', () => {
    const { texts, outlines } = stored();
    expect(outlines).toEqual([
      { id: 'nato', type: 'organization', timeline: [{ date: '2001-02-03', kind: 'founded' }] },
      { id: 'osce', type: 'organization', timeline: [{ date: '2001-02-03', kind: 'founded' }] },
      { id: 'csto', type: 'treaty', timeline: [{ date: '2001-02-03', kind: 'founded' }] },
    ]);
    const set = storedEntitySet(outlines, texts.matching);
    const cards = recordedCards(new Map(texts.cards.map((card) => [card.id, structuredClone(card)])));
    // The previous version's form, one list, which a worker reads once to move it into records.
    const listed = listedCards(outlines, asLines(texts.cards));
    for (const whole of ENTITIES) {
      const { summary, sources, parties, ...matching } = whole;
      expect(set?.byId.get(whole.id)).toEqual(matching);
      // A line break inside a value does not split the stored lines.
      expect(cards.get(whole.id)).toEqual({ id: whole.id, summary, sources, parties });
      expect(listed?.get(whole.id)).toEqual({ id: whole.id, summary, sources, parties });
    }
    expect(cards.get('un')).toBeUndefined();
    expect(set?.byId.get('un')).toBeUndefined();
    expect(set?.byId.size).toBe(3);
  });

  it('parse only what is asked for: a damaged entity elsewhere does not stop the others', () => {
    const { texts, outlines } = stored();
    const lines = linesOf(texts.matching);
    lines[1] = '{"id": "osce", "type": "organization", "name"';
    const set = storedEntitySet(outlines, fromLines(lines));
    expect(set?.byId.get('nato')?.name.en).toBe('nato name');
    expect(set?.byId.get('csto')?.type).toBe('treaty');
    expect(() => set?.byId.get('osce')).toThrow(DamagedEntity);
    expect(() => [...(set?.byId.values() ?? [])]).toThrow(DamagedEntity);
  });

  it('refuse a line that holds another entity, or lacks a field the matcher or the cards read', () => {
    const { texts, outlines } = stored();
    const swapped = linesOf(texts.matching);
    [swapped[0], swapped[1]] = [swapped[1]!, swapped[0]!];
    expect(() => storedEntitySet(outlines, fromLines(swapped))?.byId.get('nato')).toThrow(DamagedEntity);
    const cards = linesOf(asLines(texts.cards));
    cards[2] = JSON.stringify({ id: 'csto', summary: { en: 'x' }, sources: [] });
    expect(() => listedCards(outlines, fromLines(cards))?.get('csto')).toThrow(DamagedEntity);
    // A card record that is damaged, another entity's, or missing although the entity is there.
    const records = new Map<string, unknown>([
      ['nato', { id: 'nato', summary: { en: 'x' }, sources: [] }],
      ['osce', texts.cards[2]],
      ['csto', undefined],
    ]);
    for (const id of ['nato', 'osce', 'csto'])
      expect(() => recordedCards(records).get(id), id).toThrow(DamagedEntity);
    // Bytes that are not UTF-8, as a disk might return them.
    const broken = texts.matching.slice();
    broken[2] = 0xff;
    expect(() => storedEntitySet(outlines, broken)?.byId.get('nato')).toThrow(DamagedEntity);
  });

  it('are refused whole when the texts do not have one line for each outline', () => {
    const { texts, outlines } = stored();
    const lines = linesOf(texts.matching);
    expect(storedEntitySet(outlines, fromLines(lines.slice(0, 2)))).toBeNull();
    expect(storedEntitySet(outlines, fromLines([...lines, lines[0]!]))).toBeNull();
    expect(storedEntitySet(outlines, lines.join('\n'))).toBeNull();
    expect(storedEntitySet(outlines, 42)).toBeNull();
    expect(listedCards(outlines, undefined)).toBeNull();
  });
});
