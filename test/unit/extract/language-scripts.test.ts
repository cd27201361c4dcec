import { describe, expect, it } from 'vitest';
import { chooseLanguage } from '../../../src/pipeline/extract/language.js';
import { languageTexts } from '../../helpers/language-texts.js';

// Georgian, Armenian, Khmer, Lao and Burmese are the only languages their scripts carry in the news we read, and
// franc-min knows none but Burmese: the script decides, whatever Latin acronyms the text holds or the page declares.
const sample = (code: string): string => languageTexts.find(([, c]) => c === code)![2];
const lao = 'ລາວ ແລະ ໄທ ໄດ້ປຶກສາຫາລືກ່ຽວກັບຊາຍແດນ ໃນວັນອັງຄານ. ລັດຖະມົນຕີຈະພົບກັນອີກ ໃນເດືອນໜ້າ.';
const burmese = 'မြန်မာနှင့် ထိုင်းတို့ နယ်စပ်ကိစ္စကို အင်္ဂါနေ့က ဆွေးနွေးခဲ့သည်။ ဝန်ကြီးများ နောက်လတွင် ထပ်မံတွေ့ဆုံမည်။';

describe('languages named by their script', () => {
  it.each(['ka', 'hy', 'km', 'th'])('detects %s from its script alone', (code) => {
    expect(chooseLanguage([], sample(code))).toBe(code);
  });

  it('is not misled by the Latin acronyms a Georgian or Armenian text carries', () => {
    const [georgian, armenian] = [sample('ka'), sample('hy')];
    expect(chooseLanguage([], georgian.replace('საზღვარზე', 'NATO საზღვარზე'))).toBe('ka');
    expect(chooseLanguage([], armenian.replace('սահմանը', 'EU սահմանը'))).toBe('hy');
  });

  it('overrules a template declaration the script contradicts', () => {
    expect(chooseLanguage(['en'], sample('km'))).toBe('km');
    expect(chooseLanguage(['en-US'], lao)).toBe('lo');
    expect(chooseLanguage(['en'], burmese)).toBe('my');
    expect(chooseLanguage(['ru'], sample('ka'))).toBe('ka');
    expect(chooseLanguage(['ka'], sample('hy'))).toBe('hy');
  });

  it('keeps a declaration the script agrees with', () => {
    expect(chooseLanguage(['ka-GE'], sample('ka'))).toBe('ka');
    expect(chooseLanguage(['th'], sample('th'))).toBe('th');
  });
});
