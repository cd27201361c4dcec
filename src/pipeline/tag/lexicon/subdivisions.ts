// States, provinces and well-known regions inside a country. A story about Texas or Bavaria is a story about the
// United States or Germany; these weigh less than the country's own name.
import type { AliasRow } from './alias-types.js';

const US_STATES = [
  'Alabama', 'Alaska', 'Arizona', 'Arkansas', 'California', 'Colorado', 'Connecticut', 'Delaware', 'Florida',
  'Hawaii', 'Idaho', 'Illinois', 'Indiana', 'Iowa', 'Kansas', 'Kentucky', 'Louisiana', 'Maine', 'Maryland',
  'Massachusetts', 'Michigan', 'Minnesota', 'Mississippi', 'Missouri', 'Montana', 'Nebraska', 'Nevada',
  'New Hampshire', 'New Jersey', 'New Mexico', 'New York State', 'North Carolina', 'North Dakota', 'Ohio', 'Oklahoma',
  'Oregon', 'Pennsylvania', 'Rhode Island', 'South Carolina', 'South Dakota', 'Tennessee', 'Texas', 'Utah',
  'Vermont', 'Virginia', 'Washington State', 'West Virginia', 'Wisconsin', 'Wyoming', 'District of Columbia',
  'Silicon Valley',
];

const CA_PROVINCES = [
  'Ontario', 'Quebec', 'British Columbia', 'Alberta', 'Manitoba', 'Saskatchewan', 'Nova Scotia', 'New Brunswick',
  'Newfoundland', 'Labrador', 'Prince Edward Island', 'Yukon', 'Nunavut', 'Northwest Territories',
];

const AU_STATES = ['New South Wales', 'Queensland', 'Tasmania', 'Western Australia', 'South Australia', 'Northern Territory'];

/** Regions of other countries that news names on their own. Contested areas are left out on purpose. */
const OTHER_SUBDIVISIONS: ReadonlyArray<readonly [string, string]> = [
  ['Bavaria', 'DE'], ['Saxony', 'DE'], ['Rhineland', 'DE'], ['Ruhr', 'DE'], ['Catalonia', 'ES'], ['Andalusia', 'ES'],
  ['Basque Country', 'ES'], ['Sicily', 'IT'], ['Sardinia', 'IT'], ['Lombardy', 'IT'], ['Tuscany', 'IT'],
  ['Corsica', 'FR'], ['Brittany', 'FR'], ['Normandy', 'FR'], ['Provence', 'FR'], ['Alsace', 'FR'], ['Flanders', 'BE'],
  ['Wallonia', 'BE'], ['Siberia', 'RU'], ['Chechnya', 'RU'], ['Dagestan', 'RU'], ['Tatarstan', 'RU'],
  ['Crimea', 'UA'], ['Donbas', 'UA'], ['Donbass', 'UA'], ['Nagorno Karabakh', 'AZ'], ['Karabakh', 'AZ'],
  ['Nakhchivan', 'AZ'], ['Abkhazia', 'GE'], ['Adjara', 'GE'], ['South Ossetia', 'GE'], ['Transnistria', 'MD'], ['Tibet', 'CN'],
  ['Xinjiang', 'CN'], ['Guangdong', 'CN'], ['Sichuan', 'CN'], ['Hainan', 'CN'], ['Inner Mongolia', 'CN'],
  ['Hokkaido', 'JP'], ['Okinawa', 'JP'], ['Kyushu', 'JP'], ['Honshu', 'JP'], ['Sumatra', 'ID'], ['Bali', 'ID'],
  ['Aceh', 'ID'], ['Mindanao', 'PH'], ['Luzon', 'PH'], ['Sabah', 'MY'], ['Sarawak', 'MY'], ['Darfur', 'SD'],
  ['Sinai', 'EG'], ['Tigray', 'ET'], ['Punjab', ''], ['Kerala', 'IN'], ['Gujarat', 'IN'], ['Maharashtra', 'IN'],
  ['Tamil Nadu', 'IN'], ['Uttar Pradesh', 'IN'], ['Bihar', 'IN'], ['Assam', 'IN'], ['Balochistan', 'PK'],
  ['Baluchistan', 'PK'], ['Sindh', 'PK'], ['Khyber Pakhtunkhwa', 'PK'], ['Chiapas', 'MX'], ['Yucatan', 'MX'],
  ['Baja California', 'MX'], ['Patagonia', ''], ['Amazonas', ''], ['Bahia', 'BR'], ['Minas Gerais', 'BR'],
  ['Rio Grande do Sul', 'BR'], ['Scottish Highlands', 'GB'], ['Cornwall', 'GB'], ['Yorkshire', 'GB'],
  ['Mindoro', 'PH'], ['Java', 'ID'], ['Zanzibar', 'TZ'], ['Kurdistan Region', 'IQ'], ['Galilee', 'IL'],
  ['Negev', 'IL'], ['Golan Heights', ''], ['Kaliningrad', 'RU'], ['Chukotka', 'RU'], ['Kamchatka', 'RU'],
];

export const SUBDIVISION_ALIASES: readonly AliasRow[] = [
  ...US_STATES.map((s): AliasRow => [s, 'US', 'subdivision', { casing: 'cap' }]),
  ['Washington DC', 'US', 'capital'],
  ['Washington D C', 'US', 'capital'],
  ['Washington', 'US', 'capital', { casing: 'cap', person: true, notBefore: ['post', 'irving', 'redskins', 'wizards'] }],
  ['Columbia', '', 'subdivision'],
  ...CA_PROVINCES.map((s): AliasRow => [s, 'CA', 'subdivision', { casing: 'cap' }]),
  ...AU_STATES.map((s): AliasRow => [s, 'AU', 'subdivision', { casing: 'cap' }]),
  ...OTHER_SUBDIVISIONS.map(([s, c]): AliasRow => [s, c, 'subdivision', { casing: 'cap' }]),
];

const AP_STYLE = 'ala ariz ark calif cal colo conn del fla ga ill ind kan kans ky la md mass mich minn miss mo mont neb nebr nev okla ore oreg pa penn tenn tex vt va wash wva wis wisc wyo';
const POSTAL = 'al ak az ar ca co ct de fl ga hi id il in ia ks ky la me md ma mi mn ms mo mt ne nv nh nj nm ny nc nd oh ok or pa ri sc sd tn tx ut vt va wa wv wi wy dc';

/**
 * Associated Press state abbreviations and US postal codes, read only in datelines ("GREENWICH, Conn.",
 * "AUSTIN, TX"), where they are unambiguous; in running text "Ind." or "Miss." are other words.
 */
export const US_STATE_ABBREVIATIONS: ReadonlySet<string> = new Set([...AP_STYLE.split(' '), ...POSTAL.split(' '), 'w va', 'd c']);
