import { describe, expect, it } from 'vitest';
import { russianForms } from '../../../src/engine/russian';

describe('russianForms', () => {
  it('inflects the head noun of "Договор о РСМД" and keeps the complement', () => {
    const forms = russianForms('Договор о РСМД');
    expect(forms[0]).toBe('Договор о РСМД');
    for (const form of [
      'Договора',
      'Договору',
      'Договором',
      'Договоре',
      'Договоры',
      'Договоров',
      'Договорам',
      'Договорами',
      'Договорах',
    ]) {
      expect(forms).toContain(`${form} о РСМД`);
    }
    expect(forms.every((f) => f.endsWith(' о РСМД'))).toBe(true);
  });

  it('inflects an adjective with its feminine noun', () => {
    const forms = russianForms('зерновая сделка');
    for (const form of [
      'зерновой сделки',
      'зерновой сделке',
      'зерновую сделку',
      'зерновой сделкой',
      'зерновые сделки',
      'зерновых сделок',
      'зерновым сделкам',
      'зерновыми сделками',
      'зерновых сделках',
    ]) {
      expect(forms).toContain(form);
    }
  });

  it('inflects a plural name only in the plural', () => {
    const forms = russianForms('Минские соглашения');
    expect(new Set(forms)).toEqual(
      new Set([
        'Минские соглашения',
        'Минских соглашений',
        'Минским соглашениям',
        'Минскими соглашениями',
        'Минских соглашениях',
      ]),
    );
  });

  it('stops at a proper name in apposition: "Совет Россия – НАТО"', () => {
    const forms = russianForms('Совет Россия – НАТО');
    expect(forms).toContain('Совета Россия – НАТО');
    expect(forms).toContain('Совету Россия – НАТО');
    expect(forms).toContain('Советом Россия – НАТО');
    expect(forms).toContain('Совете Россия – НАТО');
    expect(forms.every((f) => f.endsWith(' Россия – НАТО'))).toBe(true);
  });

  it('inflects participles and adjectives after a sibilant with the unstressed ending', () => {
    const forms = russianForms('Основополагающий акт');
    for (const form of [
      'Основополагающего акта',
      'Основополагающему акту',
      'Основополагающим актом',
      'Основополагающем акте',
      'Основополагающих актов',
    ]) {
      expect(forms).toContain(form);
    }
    expect(forms).not.toContain('Основополагающого акта');
    expect(russianForms('Большой театр')).toContain('Большого театра');
  });

  it('leaves indeclinable acronyms, numbers and Latin alone', () => {
    for (const alias of ['НАТО', 'ОБСЕ', 'ДСНВ', 'ШОС', 'СНВ-3', 'New START', '«Северный поток»']) {
      expect(russianForms(alias)).toEqual([alias]);
    }
  });

  it('inflects an adjective before an acronym', () => {
    expect(russianForms('Новый СНВ')).toEqual(
      expect.arrayContaining(['Нового СНВ', 'Новому СНВ', 'Новым СНВ', 'Новом СНВ']),
    );
  });

  it('handles the usual noun classes', () => {
    expect(russianForms('Организация по безопасности и сотрудничеству в Европе')).toEqual(
      expect.arrayContaining([
        'Организации по безопасности и сотрудничеству в Европе',
        'Организацию по безопасности и сотрудничеству в Европе',
        'Организацией по безопасности и сотрудничеству в Европе',
      ]),
    );
    expect(russianForms('Содружество Независимых Государств')).toContain(
      'Содружества Независимых Государств',
    );
    expect(russianForms('Совещание министров')).toContain('Совещании министров');
    expect(russianForms('Нормандская четвёрка')).toContain('Нормандской четвёрки');
    expect(russianForms('Минские договорённости')).toEqual(
      expect.arrayContaining(['Минских договорённостей', 'Минским договорённостям']),
    );
    expect(russianForms('переговоры в Женеве')).toContain('переговоров в Женеве');
    expect(russianForms('Российско-американский саммит')).toContain('Российско-американского саммита');
    expect(russianForms('Минск-2')).toEqual(expect.arrayContaining(['Минска-2', 'Минске-2']));
    expect(russianForms('Герой России')).toContain('Героя России');
    expect(russianForms('встреча')).toEqual(
      expect.arrayContaining(['встречи', 'встрече', 'встречу', 'встреч']),
    );
    expect(russianForms('Путин')).toEqual(expect.arrayContaining(['Путина', 'Путину', 'Путиным']));
    expect(russianForms('Трамп')).toContain('Трампом');
  });

  it('never reduces a name to an ordinary word on its own', () => {
    const common = new Set([
      'договор',
      'договора',
      'совет',
      'совета',
      'соглашения',
      'сделка',
      'сделки',
      'акт',
      'россия',
      'нато',
    ]);
    for (const alias of [
      'Договор о РСМД',
      'Совет Россия – НАТО',
      'Минские соглашения',
      'зерновая сделка',
      'Основополагающий акт',
    ]) {
      for (const form of russianForms(alias)) expect(common.has(form.toLowerCase())).toBe(false);
    }
  });

  it('gives a singular name only singular forms when asked, a plural name its plural', () => {
    const forms = russianForms('зерновая сделка', false);
    expect(forms).toContain('зерновой сделки');
    expect(forms).toContain('зерновую сделку');
    expect(forms).not.toContain('зерновые сделки');
    expect(forms).not.toContain('зерновых сделок');
    expect(russianForms('Минские соглашения', false)).toContain('Минских соглашений');
    expect(russianForms('встреча')).toContain('встречи');
  });
});

describe('russianForms of numbered editions', () => {
  it('declines an ordinal in digits with the noun it agrees with', () => {
    expect(russianForms('25-й саммит ШОС', false)).toEqual(
      expect.arrayContaining(['25-го саммита ШОС', '25-м саммите ШОС']),
    );
    expect(russianForms('80-я сессия Генассамблеи ООН', false)).toEqual(
      expect.arrayContaining(['80-й сессии Генассамблеи ООН', '80-ю сессию Генассамблеи ООН']),
    );
    expect(russianForms('10-е заседание', false)).toContain('10-м заседании');
  });

  it('keeps a Roman ordinal and the tens of a compound ordinal as they are', () => {
    expect(russianForms('XXV саммит ШОС', false)).toContain('XXV саммите ШОС');
    expect(russianForms('двадцать пятый саммит ШОС', false)).toContain('двадцать пятого саммита ШОС');
  });
});
