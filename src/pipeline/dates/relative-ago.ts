// "2 часа назад", "il y a 3 heures", "2 საათის წინ", "5 phút trước": how long ago, in the languages whose month names
// Gazette reads (DATE_LOCALES) and the big ones, from ICU's own relative-time patterns (Intl.RelativeTimeFormat), as
// month-names.ts takes the words for "yesterday". English is parse-date.ts's own rule. A forum shows a recent post's
// date so: unread, the post had none, and a thread's backfill and preview took its oldest posts.
import { DATE_LOCALES } from './month-names.js';

const unitMs = { second: 1e3, minute: 6e4, hour: 36e5, day: 864e5, week: 6048e5, month: 2592e6, year: 31536e6 } as const;
// Counts that bring out each plural form (Russian час / часа / часов, Arabic's, Polish's).
const counts = [1, 2, 3, 4, 5, 11, 12, 21, 22, 25, 100];

interface Form {
  before: string;
  after: string;
  ms: number;
}

/** Built on the first text that asks (some 560 patterns from ICU: tens of milliseconds, kept off the start). */
let built: Form[] | undefined;

function formsOf(): Form[] {
  if (built) return built;
  const forms: Form[] = [];
  const known = new Set<string>();
  for (const locale of [...DATE_LOCALES, 'ru', 'tr', 'fr', 'es', 'de', 'pt', 'it', 'zh', 'ja', 'ko']) {
    for (const style of ['long', 'short'] as const) {
      // Latin digits: Persian and Arabic ones are read as such before any rule (normaliseScripts).
      const format = new Intl.RelativeTimeFormat(`${locale}-u-nu-latn`, { numeric: 'always', style });
      for (const [unit, ms] of Object.entries(unitMs)) {
        for (const n of counts) {
          const parts = format.formatToParts(-n, unit as keyof typeof unitMs);
          const at = parts.findIndex((p) => p.type === 'integer');
          // Arabic's dual has no number in it ("قبل ساعتين"): only forms with the count are read.
          if (at < 0 || parts.filter((p) => p.type === 'integer').length > 1) continue;
          const text = (from: number, to?: number) => parts.slice(from, to).map((p) => p.value).join('').replace(/\s+/gu, ' ').toLowerCase();
          const form = { before: text(0, at), after: text(at + 1), ms };
          // Words around the count, or it says nothing of time ("2" alone).
          if (!/\p{L}/u.test(form.before + form.after)) continue;
          const key = `${form.before}\u0000${form.after}`;
          if (!known.has(key)) {
            known.add(key);
            forms.push(form);
          }
        }
      }
    }
  }
  // Longest first: "2 часа назад" is not read as a shorter form that only begins it.
  built = forms.sort((a, b) => b.before.length + b.after.length - (a.before.length + a.after.length));
  return built;
}

/**
 * How many ms ago the text says something happened, in a language other than English, or undefined. The phrase must
 * be the text, or follow a label ending in a colon ("Опубликовано: 3 часа назад"): found inside a sentence ("3天前，一名男子
 * 被逮捕", "Seçimden 2 gün önce…", "tháng 5 năm trước", May of last year) it is no date, and a lead read as one was
 * dropped from its article. A count with a decimal point or a digit group before it is no count ("1.5 часа").
 */
export function localizedAgoMs(text: string): number | undefined {
  const s = text.toLowerCase().trim();
  for (const m of s.matchAll(/(?<![\d.,])\d{1,9}(?![\d.,]\d)/gu)) {
    const before = s.slice(0, m.index);
    const after = s.slice(m.index + m[0].length);
    const form = formsOf().find((f) => before.endsWith(f.before) && after.startsWith(f.after));
    if (!form) continue;
    const label = before.slice(0, before.length - form.before.length);
    const rest = after.slice(form.after.length);
    if (/\p{L}/u.test(rest) || (/\p{L}/u.test(label) && !/:\s*$/u.test(label))) continue;
    return Number(m[0]) * form.ms;
  }
  return undefined;
}
