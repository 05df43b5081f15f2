import { describe, expect, it } from 'vitest';
import { shortNames } from '../../../src/engine/references/short-names';
import type { Entity } from '../../../src/shared/types';

const org = (en: string[], ru: string[] = [], type: Entity['type'] = 'organization'): Entity => ({
  id: 'x',
  type,
  name: { en: en[0] ?? '', ru: ru[0] ?? '' },
  aliases: { en, ru },
  summary: { en: '', ru: '' },
  timeline: [],
  sources: [],
});

describe('shortNames', () => {
  it("takes an English name's capitalised tail and the head before 'of'", () => {
    const unsc = shortNames(org(['UN Security Council', 'United Nations Security Council'])).en;
    expect(unsc).toContain('Security Council');
    // "the Council" alone names no one: stories name several councils.
    expect(unsc).not.toContain('Council');
    // One word alone is no short name: "the Commonwealth" is a place or a generic head too often.
    expect(shortNames(org(['Commonwealth of Independent States'])).en).toEqual([]);
    expect(shortNames(org(['Parliamentary Assembly of the Council of Europe'])).en).toEqual(
      expect.arrayContaining(['Parliamentary Assembly']),
    );
  });

  it("takes no tail from after 'of' or 'for': that names what the body is of or for, not the body", () => {
    // "the Defence Ministers", "the Armed Forces", "the Heads of State" are people and forces.
    expect(shortNames(org(['Council of CIS Defence Ministers'])).en).toEqual([]);
    const staff = shortNames(org(['General Staff of the Armed Forces of Russia'])).en;
    expect(staff).toContain('General Staff');
    expect(staff.filter((name) => name.startsWith('Armed') || name.startsWith('Forces'))).toEqual([]);
    expect(shortNames(org(['CIS Council of Heads of State'])).en).toEqual(['Council of Heads of State']);
    expect(shortNames(org(['Association of Southeast Asian Nations'])).en).toEqual([]);
  });

  it('never derives an acronym, a lower-case phrase or a name the entity already has', () => {
    const names = shortNames(org(['OSCE Permanent Council', 'Permanent Council of the OSCE', 'OSCE'])).en;
    expect(names).not.toContain('OSCE');
    expect(names.every((n) => /^\p{Lu}/u.test(n))).toBe(true);
    expect(shortNames(org(['NATO expansion'])).en).toEqual([]);
  });

  it('drops the acronym of a Russian name, unless a generic head is all that is left', () => {
    const unsc = shortNames(org([], ['Совет Безопасности ООН', 'Генассамблея ООН', 'Совет ЕС'])).ru;
    expect(unsc).toEqual(['Совет Безопасности', 'Генассамблея']);
    expect(shortNames(org([], ['Содружество Независимых Государств'])).ru).toEqual([]);
    expect(shortNames(org([], ['Евразийский экономический союз'])).ru).toEqual([]);
  });

  it('gives none for treaties and events: "the treaty" is not a name', () => {
    expect(shortNames(org(['Open Skies Treaty'], ['Договор по открытому небу'], 'treaty'))).toEqual({
      en: [],
      ru: [],
    });
  });
});
