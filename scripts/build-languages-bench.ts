// `npx tsx scripts/build-languages-bench.ts <flores200_dataset dir> [out.jsonl]`: builds bench/data/languages.jsonl,
// the labelled set of `npm run bench -- languages`, from FLORES-200 devtest (CC BY-SA 4.0; bench/data/README.md).
//
// FLORES-200 translates the same English sentences into 200 languages; its metadata names the English Wikinews
// article each sentence came from. An "article" here is one Wikinews article's consecutive devtest sentences, in
// each language. FLORES gives no country labels, so the gold countries below were annotated by hand from the
// English original, never from Gazette's output; each label lists the English words that justify it, and the build
// fails if the English text no longer contains them. Translations share the English labels.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** FLORES-200 file names → the BCP 47 language the benchmark reports. English is the control. */
const LANGUAGES: Record<string, string> = {
  eng: 'en', rus: 'ru', ukr: 'uk', ara: 'ar', pes: 'fa', tur: 'tr', azj: 'az', kat: 'ka', hye: 'hy', kaz: 'kk',
  uzn: 'uz', cmn_Hans: 'zh', jpn: 'ja', kor: 'ko', tha: 'th', khm: 'km', vie: 'vi', ind: 'id', zsm: 'ms', hin: 'hi',
  urd: 'ur', spa: 'es', fra: 'fr', por: 'pt', deu: 'de',
};

interface Label {
  /** The English Wikinews article, as FLORES' metadata gives it. */
  url: string;
  /** ISO 3166-1 alpha-2 → English words of the article that name or place the country. */
  countries: Record<string, string[]>;
}

// The countries each article is about: named, called by their people or placed by a city or province the text names.
// Articles were chosen for countries across the regions; ones whose places are ambiguous (Tibet, the Vatican,
// a court named only "Westminster") or that name none were left out.
const LABELS: Label[] = [
  { url: 'US_President_Trump_announces_troop_withdrawal_from_Syria', countries: { US: ['United States'], SY: ['Syria'], TR: ['Turkish President', 'Turkey'] } },
  { url: 'Militants_bomb_Gaziantep,_Turkey_police_headquarters', countries: { TR: ['Gaziantep, Turkey'] } },
  { url: 'Argentina%27s_first_lady_launches_presidential_bid', countries: { AR: ['Argentine', 'La Plata', 'Buenos Aires'] } },
  { url: 'U.S._President_arrives_in_Singapore', countries: { US: ['U.S. President'], SG: ['Singapore'] } },
  { url: 'Explosion_at_earthquake-damaged_Fukushima_nuclear_power_plant', countries: { JP: ["Japan's nuclear agency"] } },
  { url: 'Strong_6.3_earthquake_reported_in_Sumatra,_Indonesia', countries: { ID: ['Jakarta'] } },
  { url: 'Akayev_flees_Kyrgyzstan_as_protesters_seize_control_of_Bishkek', countries: { KG: ['Bishkek'] } },
  {
    url: 'South_Africa_end_All_Blacks%27_15-game_winning_streak',
    countries: { ZA: ['South Africa', 'Rustenburg', 'Johannesburg'], NZ: ['New Zealand'], AU: ['Australia'] },
  },
  {
    url: 'H5N1_confirmed_in_France',
    countries: {
      FR: ['France', 'Lyon'], AT: ['Austria'], DE: ['Germany'], SI: ['Slovenia'], BG: ['Bulgaria'], GR: ['Greece'],
      IT: ['Italy'], HR: ['Croatia'], DK: ['Denmark'],
    },
  },
  {
    url: 'Austria_leads_medal_count_after_second_day_of_2013_IPC_Alpine_World_Championships',
    countries: {
      NL: ['Netherlands'], FI: ['Finland'], AU: ["Australia's"], CZ: ['Czech competitor'], MX: ['Mexico'],
      NZ: ["New Zealand's"], PL: ["Poland's"], KR: ["South Korea's"],
    },
  },
  {
    url: 'No_bomb_threat,_hijacking_of_plane_in_China%27s_Xinjiang_region_according_to_Afghan_officials',
    countries: { CN: ['Chinese news agency', 'Ürümqi'], AF: ['Afghanistan', 'Kandahar'] },
  },
  { url: 'Iranian_passenger_jet%27s_wheel_catches_fire', countries: { IR: ['Iran', 'Mashhad'], AM: ['Armenia'] } },
  { url: 'Swiss_woman_gang-raped_in_Madhya_Pradesh,_India', countries: { IN: ['Madhya Pradesh'], CH: ['Swiss woman'] } },
  // "Jordan Valley" is a valley, not Jordan: a tagger that says JO here is wrong.
  { url: 'Leak_suggests_John_Kerry_will_recognise_Israel_as_Jewish_state', countries: { IL: ['Israel'], PS: ['Palestine'] } },
  {
    url: 'Hong_Kong_tourists_held_hostage_in_the_Philippines,_nine_killed',
    countries: { PH: ['Filipino', 'Manila', 'Philippines'], HK: ['Hong Kong'] },
  },
];

const WIKINEWS = 'https://en.wikinews.org/wiki/';

function lines(path: string): string[] {
  return readFileSync(path, 'utf8').replace(/\n$/, '').split('\n');
}

/** Devtest line numbers (0-based) of each labelled article, in FLORES order. */
function articleLines(metadataPath: string): Map<string, number[]> {
  const rows = lines(metadataPath).slice(1); // header: URL, domain, topic, has_image, has_hyperlink
  const byUrl = new Map<string, number[]>();
  rows.forEach((row, i) => {
    const url = row.split('\t')[0] ?? '';
    if (!url.startsWith(WIKINEWS)) return;
    const key = url.slice(WIKINEWS.length);
    byUrl.set(key, [...(byUrl.get(key) ?? []), i]);
  });
  return byUrl;
}

/** Chinese and Japanese run sentences together; every other language here separates them with a space. */
function joinSentences(language: string, sentences: string[]): string {
  return sentences.map((s) => s.trim()).join(language === 'zh' || language === 'ja' ? '' : ' ');
}

function build(dir: string): string[] {
  const byUrl = articleLines(join(dir, 'metadata_devtest.tsv'));
  const files = Object.fromEntries(Object.keys(LANGUAGES).map((code) => [code, lines(join(dir, 'devtest', `${code}.devtest`))]));
  const out: string[] = [];
  for (const label of LABELS) {
    const rows = byUrl.get(label.url);
    if (!rows) throw new Error(`no devtest sentences for ${label.url}`);
    const english = joinSentences('en', rows.map((r) => files.eng?.[r] ?? ''));
    for (const [code, words] of Object.entries(label.countries)) {
      for (const w of words) if (!english.includes(w)) throw new Error(`${label.url}: "${w}" (${code}) is not in the English text`);
    }
    for (const [file, language] of Object.entries(LANGUAGES)) {
      const sentences = rows.map((r) => files[file]?.[r]);
      if (sentences.some((s) => !s)) throw new Error(`${file}.devtest lacks a line of ${label.url}`);
      out.push(
        JSON.stringify({
          id: `flores-devtest-${rows[0]}-${language}`,
          language,
          // FLORES has no headlines: the sentences are the article's body.
          title: '',
          text: joinSentences(language, sentences as string[]),
          countries: Object.keys(label.countries),
          source: WIKINEWS + label.url,
        }),
      );
    }
  }
  return out;
}

const [dir, outPath = new URL('../bench/data/languages.jsonl', import.meta.url).pathname] = process.argv.slice(2);
if (!dir) {
  console.error('Usage: npx tsx scripts/build-languages-bench.ts <flores200_dataset dir> [out.jsonl]');
  process.exit(1);
}
const records = build(dir);
writeFileSync(outPath, `${records.join('\n')}\n`);
console.log(`wrote ${records.length} articles (${LABELS.length} × ${Object.keys(LANGUAGES).length} languages) to ${outPath}`);
