import { describe, expect, it } from 'vitest';
import { englishVariants, russianVariants } from '../../../src/engine/name-variants';

describe('englishVariants', () => {
  it('spells a name the British and the American way', () => {
    expect(englishVariants('Shanghai Cooperation Organisation')).toContain(
      'Shanghai Cooperation Organization',
    );
    expect(englishVariants('Council of Defense Ministers')).toContain('Council of Defence Ministers');
  });

  it('adds the possessive after an acronym only, before a common noun', () => {
    expect(englishVariants('NATO expansion')).toContain("NATO's expansion");
    expect(englishVariants('CSTO Rapid Reaction Force')).not.toContain("CSTO's Rapid Reaction Force");
    expect(englishVariants('Minsk agreements').some((v) => v.includes("'s"))).toBe(false);
  });

  it("uses a country's adjective for its name and back in longer names", () => {
    expect(englishVariants('Iran nuclear deal')).toContain('Iranian nuclear deal');
    expect(englishVariants('Crimean bridge')).toContain('Crimea bridge');
    expect(englishVariants('Russia Day')).toEqual([]);
  });

  it('drops the opening "Treaty on" of a long title only', () => {
    expect(
      englishVariants(
        'Treaty on Measures for the Further Reduction and Limitation of Strategic Offensive Arms',
      ),
    ).toContain('Measures for the Further Reduction and Limitation of Strategic Offensive Arms');
    expect(englishVariants('Treaty on Open Skies')).not.toContain('Open Skies');
  });

  it('writes a designation in Roman and Arabic numerals', () => {
    expect(englishVariants('START II')).toEqual(expect.arrayContaining(['START-2', 'START-II']));
  });
});

describe('russianVariants', () => {
  it('writes a designation in Roman and Arabic numerals', () => {
    expect(russianVariants('СНВ-3')).toEqual(expect.arrayContaining(['СНВ-III', 'СНВ III']));
    expect(russianVariants('ДСНВ')).toEqual([]);
  });
});
