// The caps of src/shared/limits.ts as the validator applies them: a file they refuse is refused
// with a line naming the field, before it can reach the matcher or the database.

import { describe, expect, it } from 'vitest';
import { BUNDLE_FORMAT, compileBundle, parseBundle } from '../../../src/dataset/dataset';
import { MAX_ENTITIES, MAX_NAME_LENGTH, MAX_NAMES_PER_LIST } from '../../../src/shared/limits';

import type { Entity } from '../../../src/shared/types';

function entity(id: string, en: string[] = [id.toUpperCase()]): Entity {
  return {
    id,
    type: 'organization',
    name: { en: id.toUpperCase(), ru: `Организация ${id}` },
    aliases: { en, ru: [`Организация ${id}`] },
    summary: { en: 'An organisation.', ru: 'Организация.' },
    timeline: [{ date: '1949-04-04', kind: 'founded', label: { en: 'Founded', ru: 'Основана' } }],
    sources: [{ url: 'https://example.org/', title: 'Example' }],
  };
}

/** Through JSON, as an imported file arrives. */
const asFile = (value: unknown) => JSON.parse(JSON.stringify(value));

describe('the dataset caps', () => {
  it('refuse an alias of 300,000 characters, naming it', () => {
    const bundle = compileBundle([entity('long', [`A${'b'.repeat(299_999)}`])], '2026-11-27');
    const { bundle: parsed, errors } = parseBundle(asFile(bundle));
    expect(parsed).toBeUndefined();
    expect(errors.join('\n')).toContain(
      `entity "long": aliases.en[0]: 300000 characters, more than ${MAX_NAME_LENGTH}`,
    );
  });

  it('accept an alias at the cap and refuse one over it', () => {
    const at = compileBundle([entity('at', [`A${'b'.repeat(MAX_NAME_LENGTH - 1)}`])], '2026-11-27');
    expect(parseBundle(asFile(at)).errors).toEqual([]);
    const over = compileBundle([entity('over', [`A${'b'.repeat(MAX_NAME_LENGTH)}`])], '2026-11-27');
    expect(parseBundle(asFile(over)).errors).toHaveLength(1);
  });

  it('refuse more names in a list than the cap', () => {
    const names = Array.from({ length: MAX_NAMES_PER_LIST + 1 }, (_, i) => `Name ${i}`);
    const { errors } = parseBundle(asFile(compileBundle([entity('many', names)], '2026-11-27')));
    expect(errors).toEqual([
      `dataset bundle: entity "many": aliases.en: ${MAX_NAMES_PER_LIST + 1} names, more than ${MAX_NAMES_PER_LIST} in one language`,
    ]);
  });

  it('refuse more entities than the cap before checking each one', () => {
    const raw = {
      format: BUNDLE_FORMAT,
      version: '2026-11-27+00000000',
      date: '2026-11-27',
      entities: new Array(MAX_ENTITIES + 1).fill(0),
    };
    expect(parseBundle(raw).errors).toEqual([
      `dataset bundle: entities: ${MAX_ENTITIES + 1} entities, more than ${MAX_ENTITIES}`,
    ]);
  });

  it('take hundreds of thousands of problems without overflowing the stack, and list the first', () => {
    // Each empty object is several problems; the list used to be spread into push().
    const raw = {
      format: BUNDLE_FORMAT,
      version: '2026-11-27+00000000',
      date: '2026-11-27',
      entities: [] as unknown[],
    };
    for (let i = 0; i < MAX_ENTITIES; i++) raw.entities.push({});
    const { bundle, errors } = parseBundle(raw);
    expect(bundle).toBeUndefined();
    expect(errors.length).toBeGreaterThan(100);
    expect(errors.at(-1)).toMatch(/more/);
  });
});
