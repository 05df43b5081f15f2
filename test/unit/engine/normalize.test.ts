import { describe, expect, it } from 'vitest';
import { createNormBuffer, joinedSpellings, normalize, normalizeInto } from '../../../src/engine/normalize';

/** The original text each normalised character came from. */
function origins(original: string): string[] {
  const { text, map } = normalize(original);
  return [...text].map((_, i) => original[map[i]!]!);
}

describe('normalize', () => {
  it('folds case, ё and keeps a map of the same length plus one', () => {
    const { text, map } = normalize('New START и Ёлки');
    expect(text).toBe('new start и елки');
    expect(map.length).toBe(text.length + 1);
    expect(map[map.length - 1]).toBe('New START и Ёлки'.length);
  });

  it('straightens every quote variant', () => {
    expect(normalize('«Минск» „x“ ”y” ‘a’ ‚b‹c› 5″ 6′').text).toBe(`"минск" "x" "y" 'a' 'b'c' 5" 6'`);
  });

  it('turns every dash and hyphen variant into "-"', () => {
    expect(normalize('a‐b‑c‒d–e—f―g−h').text).toBe('a-b-c-d-e-f-g-h');
  });

  it('collapses runs of whitespace, including NBSP, thin space and newlines, to one space', () => {
    const original = 'Russia\u00a0and  the\u2009US\n\n\tagree';
    const { text, map } = normalize(original);
    expect(text).toBe('russia and the us agree');
    // The space that replaced "  " points at the first of them.
    expect(map[10]).toBe(10);
    expect(original.slice(map[15]!, map[17]!)).toBe('US');
  });

  it('removes soft hyphens and zero-width characters but keeps offsets exact', () => {
    const original = 'NA\u00adTO\u200b and OS\u200dCE\ufeff';
    const { text, map } = normalize(original);
    expect(text).toBe('nato and osce');
    expect(origins(original).join('')).toBe('NATO and OSCE');
    expect(map[2]).toBe(3); // "T" sits after the soft hyphen
    expect(map[text.length]).toBe(original.length);
  });

  it('composes decomposed letters (NFC) and maps the composed letter to its base', () => {
    const original = 'Е\u0308лки и\u0306'; // Ё and й written as base + combining mark
    const { text, map } = normalize(original);
    expect(text).toBe('елки й');
    expect(map[0]).toBe(0);
    expect(map[1]).toBe(2);
    expect(map[5]).toBe(6);
  });

  it('keeps characters outside Latin and Cyrillic', () => {
    expect(normalize('东京 Ελλάδα').text).toBe('东京 ελλάδα');
  });

  it('with dash folding, reads every dash spelling between letters as one space', () => {
    const buf = createNormBuffer(4);
    for (const spelling of [
      'Russia-NATO',
      'Russia – NATO',
      'Russia—NATO',
      'Russia -NATO',
      'Russia\u00a0— NATO',
      'Russia NATO',
      'Russia\nNATO',
    ]) {
      normalizeInto(spelling, true, buf);
      expect(String.fromCharCode(...buf.codes.subarray(0, buf.length))).toBe('russia nato');
      expect(buf.map[buf.length]).toBe(spelling.length);
    }
    for (const spelling of ['Россия – НАТО', 'Россия-НАТО', 'Россия—НАТО']) {
      normalizeInto(spelling, true, buf);
      expect(String.fromCharCode(...buf.codes.subarray(0, buf.length))).toBe('россия нато');
    }
  });

  it('with dash folding, keeps a hyphen next to a digit ("START-1", "G-20", "2021–2022")', () => {
    const buf = createNormBuffer(4);
    for (const [spelling, folded] of [
      ['START-1', 'start-1'],
      ['G-20', 'g-20'],
      ['2021 – 2022', '2021-2022'],
      ['Минск-2', 'минск-2'],
    ]) {
      normalizeInto(spelling!, true, buf);
      expect(String.fromCharCode(...buf.codes.subarray(0, buf.length))).toBe(folded);
    }
  });

  it('without dash folding, keeps hyphens as hyphens', () => {
    expect(normalize('Test-Ban').text).toBe('test-ban');
  });

  it('grows its buffer for long text', () => {
    const buf = createNormBuffer(2);
    const long = 'Ab '.repeat(10_000);
    normalizeInto(long, false, buf);
    expect(buf.length).toBe(long.length);
    expect(buf.map[29_999]).toBe(29_999);
  });
});

describe('normalize, stress marks', () => {
  it('drops combining marks that NFC cannot compose', () => {
    const { text, map } = normalize('ОБСЕ\u0301 x');
    expect(text).toBe('обсе x');
    expect(map[4]).toBe(5);
  });
});

describe('joinedSpellings', () => {
  it('joins the hyphens of English compounds in every combination, the alias first', () => {
    expect(joinedSpellings('Nuclear Non-Proliferation Treaty')).toEqual([
      'Nuclear Non-Proliferation Treaty',
      'Nuclear NonProliferation Treaty',
    ]);
    expect(new Set(joinedSpellings('Comprehensive Nuclear-Test-Ban Treaty'))).toEqual(
      new Set([
        'Comprehensive Nuclear-Test-Ban Treaty',
        'Comprehensive NuclearTest-Ban Treaty',
        'Comprehensive Nuclear-TestBan Treaty',
        'Comprehensive NuclearTestBan Treaty',
      ]),
    );
  });

  it('leaves names without a hyphen between letters alone', () => {
    expect(joinedSpellings('New START')).toEqual(['New START']);
    expect(joinedSpellings('G-20')).toEqual(['G-20']);
  });
});
