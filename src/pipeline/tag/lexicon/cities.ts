// Curated city names the city-timezones gazetteer lacks (old spellings still in archives, financial centres under
// their English name) and the rules for which gazetteer cities may be read in running text.
import type { AliasRow } from './alias-types.js';

const PERSON = { casing: 'cap', person: true } as const;
/** Also a first name (Sydney Sweeney, Santiago Bernabeu) or surname. */
const FIRST_NAME = { casing: 'cap', person: true, firstName: true } as const;
const CAP = { casing: 'cap' } as const;

/** Cities by the names news uses, including the names of the 1980s wire (Peking, Bombay, Leningrad). */
export const CURATED_CITIES: readonly AliasRow[] = [
  ['Peking', 'CN', 'city'], ['Canton', 'CN', 'city', { casing: 'cap', notBefore: ['ohio'] }], ['Bombay', 'IN', 'city'],
  ['Calcutta', 'IN', 'city'], ['Madras', 'IN', 'city'], ['Bangalore', 'IN', 'city'], ['Saigon', 'VN', 'city'],
  ['Rangoon', 'MM', 'city'], ['Yangon', 'MM', 'city'], ['Leningrad', 'RU', 'city'], ['St Petersburg', 'RU', 'city'],
  ['Saint Petersburg', 'RU', 'city'], ['Kiev', 'UA', 'capital'], ['Kyiv', 'UA', 'capital'], ['Odesa', 'UA', 'city'],
  ['Kharkov', 'UA', 'city'], ['Alma Ata', 'KZ', 'city'], ['Almaty', 'KZ', 'city'], ['Frunze', 'KG', 'city'],
  ['Dacca', 'BD', 'city'], ['Bonn', 'DE', 'city'], ['Frankfurt', 'DE', 'city'], ['Zurich', 'CH', 'city'],
  ['Geneva', 'CH', 'city'], ['Basel', 'CH', 'city'], ['Basle', 'CH', 'city'], ['Berne', 'CH', 'capital'],
  ['Lausanne', 'CH', 'city'], ['Antwerp', 'BE', 'city'], ['The Hague', 'NL', 'city'], ['Rotterdam', 'NL', 'city'],
  ['Gothenburg', 'SE', 'city'], ['Wellington', 'NZ', 'capital', PERSON], ['Auckland', 'NZ', 'city'],
  ['Christchurch', 'NZ', 'city', CAP], ['Canberra', 'AU', 'capital'], ['Sydney', 'AU', 'city', FIRST_NAME],
  ['Melbourne', 'AU', 'city', CAP], ['Brisbane', 'AU', 'city'], ['Perth', 'AU', 'city', CAP],
  ['Adelaide', 'AU', 'city', FIRST_NAME], ['Montreal', 'CA', 'city'], ['Toronto', 'CA', 'city'],
  ['Vancouver', 'CA', 'city', CAP], ['Calgary', 'CA', 'city'], ['Edmonton', 'CA', 'city'], ['Ottawa', 'CA', 'capital'],
  ['Winnipeg', 'CA', 'city'], ['Halifax', 'CA', 'city', CAP], ['Kabul', 'AF', 'capital'], ['Tel Aviv', 'IL', 'city'],
  ['Jerusalem', 'IL', 'capital'], ['Ramallah', 'PS', 'city'], ['Gaza City', 'PS', 'city'],
  ['Mecca', 'SA', 'city'], ['Jeddah', 'SA', 'city'], ['Jiddah', 'SA', 'city'], ['Dubai', 'AE', 'city'],
  ['Sharjah', 'AE', 'city'], ['Kuwait City', 'KW', 'capital'], ['Benghazi', 'LY', 'city'],
  ['Sanaa', 'YE', 'capital'], ['Aden', 'YE', 'city'], ['Ho Chi Minh City', 'VN', 'city'], ['Hanoi', 'VN', 'capital'],
  ['Kuala Lumpur', 'MY', 'capital'], ['Pyongyang', 'KP', 'capital'], ['Seoul', 'KR', 'capital'],
  ['Taipei', 'TW', 'capital'], ['Shanghai', 'CN', 'city'], ['Shenzhen', 'CN', 'city'], ['Osaka', 'JP', 'city'],
  ['Yokohama', 'JP', 'city'], ['Islamabad', 'PK', 'capital'], ['Karachi', 'PK', 'city'], ['Lahore', 'PK', 'city'],
  ['New Delhi', 'IN', 'capital'], ['Mumbai', 'IN', 'city'], ['Kolkata', 'IN', 'city'], ['Chennai', 'IN', 'city'],
  ['Johannesburg', 'ZA', 'city'], ['Cape Town', 'ZA', 'city'], ['Durban', 'ZA', 'city'], ['Lagos', 'NG', 'city'],
  ['Abidjan', 'CI', 'city'], ['Dar es Salaam', 'TZ', 'city'], ['Mombasa', 'KE', 'city'], ['Casablanca', 'MA', 'city'],
  ['Alexandria', 'EG', 'city', CAP], ['Istanbul', 'TR', 'city'], ['Izmir', 'TR', 'city'], ['Sao Paulo', 'BR', 'city'],
  ['Rio de Janeiro', 'BR', 'city'], ['Rio', 'BR', 'city', { casing: 'cap', notBefore: ['grande', 'tinto'] }],
  ['Brasilia', 'BR', 'capital'], ['Buenos Aires', 'AR', 'capital'], ['La Paz', 'BO', 'capital'],
  ['Santiago', 'CL', 'capital', FIRST_NAME], ['Bogota', 'CO', 'capital'], ['Medellin', 'CO', 'city'],
  ['Caracas', 'VE', 'capital'], ['Guadalajara', 'MX', 'city'], ['Monterrey', 'MX', 'city'], ['Havana', 'CU', 'capital'],
  ['San Juan', 'PR', 'city', CAP], ['New York', 'US', 'city'], ['New York City', 'US', 'city'],
  ['Los Angeles', 'US', 'city'], ['San Francisco', 'US', 'city'], ['Chicago', 'US', 'city'],
  ['Houston', 'US', 'city', PERSON], ['Dallas', 'US', 'city', PERSON], ['Detroit', 'US', 'city'],
  ['Boston', 'US', 'city', CAP], ['Philadelphia', 'US', 'city'], ['Pittsburgh', 'US', 'city'],
  ['Atlanta', 'US', 'city'], ['Miami', 'US', 'city'], ['Seattle', 'US', 'city'], ['Denver', 'US', 'city', PERSON],
  ['Minneapolis', 'US', 'city'], ['St Louis', 'US', 'city'], ['Saint Louis', 'US', 'city'],
  ['Silicon Valley', 'US', 'subdivision'], ['Hollywood', 'US', 'city'], ['Manhattan', 'US', 'city', CAP],
  ['Brooklyn', 'US', 'city', CAP], ['Chicago Board of Trade', 'US', 'city'], ['Nasdaq', 'US', 'city', CAP],
  ['Paris', 'FR', 'capital', { casing: 'cap', firstName: true }], ['Stockholm', 'SE', 'capital'], ['Oslo', 'NO', 'capital'], ['Helsinki', 'FI', 'capital'],
  ['Copenhagen', 'DK', 'capital'], ['Reykjavik', 'IS', 'capital'], ['Milan', 'IT', 'city'], ['Turin', 'IT', 'city'],
  ['Naples', 'IT', 'city', CAP], ['Venice', 'IT', 'city', CAP], ['Munich', 'DE', 'city'], ['Hamburg', 'DE', 'city', CAP],
  ['Cologne', 'DE', 'city', CAP], ['Dusseldorf', 'DE', 'city'], ['Stuttgart', 'DE', 'city'], ['Lyon', 'FR', 'city'],
  ['Marseille', 'FR', 'city'], ['Marseilles', 'FR', 'city'], ['Strasbourg', 'FR', 'city'], ['Barcelona', 'ES', 'city'],
  ['Seville', 'ES', 'city'], ['Porto', 'PT', 'city', CAP], ['Oporto', 'PT', 'city'], ['Edinburgh', 'GB', 'city'],
  ['Glasgow', 'GB', 'city'], ['Manchester', 'GB', 'city', CAP], ['Liverpool', 'GB', 'city'], ['Belfast', 'GB', 'city'],
  ['City of London', 'GB', 'city'], ['Gdansk', 'PL', 'city'], ['Krakow', 'PL', 'city'], ['Yekaterinburg', 'RU', 'city'],
  ['Vladivostok', 'RU', 'city'], ['Novosibirsk', 'RU', 'city'], ['Voronezh', 'RU', 'city'], ['Murmansk', 'RU', 'city'],
  ['Sochi', 'RU', 'city'], ['Ganja', 'AZ', 'city'], ['Sumgait', 'AZ', 'city'], ['Stepanakert', 'AZ', 'city'],
  // Georgia's towns, which the gazetteer mostly lacks: they tell "GORI, Georgia" from "MACON, Ga." and place a story.
  ['Batumi', 'GE', 'city'], ['Kutaisi', 'GE', 'city'], ['Rustavi', 'GE', 'city'], ['Zugdidi', 'GE', 'city'],
  ['Gori', 'GE', 'city', PERSON], ['Telavi', 'GE', 'city'], ['Poti', 'GE', 'city', CAP], ['Borjomi', 'GE', 'city'],
  ['Mtskheta', 'GE', 'city'], ['Anaklia', 'GE', 'city'], ['Stepantsminda', 'GE', 'city'], ['Kazbegi', 'GE', 'city'],
  ['Akhaltsikhe', 'GE', 'city'], ['Ozurgeti', 'GE', 'city'], ['Senaki', 'GE', 'city'], ['Zestaponi', 'GE', 'city'],
  ['Zestafoni', 'GE', 'city'], ['Marneuli', 'GE', 'city'], ['Khashuri', 'GE', 'city'], ['Samtredia', 'GE', 'city'],
  ['Sighnaghi', 'GE', 'city'], ['Signagi', 'GE', 'city'], ['Kobuleti', 'GE', 'city'],
  ['Gyumri', 'AM', 'city'], ['Mosul', 'IQ', 'city'], ['Basra', 'IQ', 'city'],
  ['Kirkuk', 'IQ', 'city'], ['Erbil', 'IQ', 'city'], ['Aleppo', 'SY', 'city'], ['Homs', 'SY', 'city'],
  ['Idlib', 'SY', 'city'], ['Tabriz', 'IR', 'city'], ['Isfahan', 'IR', 'city'], ['Kharg Island', 'IR', 'city'],
  ['Siem Reap', 'KH', 'city'], ['Battambang', 'KH', 'city'], ['Chiang Mai', 'TH', 'city'], ['Phuket', 'TH', 'city'],
  ['Mandalay', 'MM', 'city'], ['Nay Pyi Taw', 'MM', 'capital'], ['Naypyitaw', 'MM', 'capital'], ['Cebu', 'PH', 'city'], ['Davao', 'PH', 'city'], ['Surabaya', 'ID', 'city'],
  ['Penang', 'MY', 'city'], ['Busan', 'KR', 'city'], ['Pusan', 'KR', 'city'], ['Kaohsiung', 'TW', 'city'],
];

/**
 * Gazetteer cities never read in running text: English words, first names and surnames, and names far better known
 * for something else. Datelines still use them, where a place is certain.
 */
export const BODY_CITY_STOPLIST: ReadonlySet<string> = new Set([
  'nice', 'natal', 'salem', 'aba', 'jos', 'mesa', 'cali', 'leon', 'medina', 'santos', 'kota', 'columbus', 'charlotte',
  'austin', 'florence', 'jackson', 'mobile', 'reading', 'aurora', 'providence', 'buffalo', 'richmond', 'rochester',
  'hue', 'van', 'hail', 'gary', 'angeles', 'bello', 'campos', 'victoria', 'hamilton', 'kingston', 'surat', 'ufa',
  'naha', 'duma', 'orlando', 'phoenix', 'cleveland', 'lincoln', 'tyler', 'troy', 'eugene', 'marion', 'camden',
  'regina', 'mendoza', 'lima', 'parana', 'concepcion', 'trinidad', 'santa cruz', 'san juan', 'la plata', 'newcastle',
  'birmingham', 'cordoba', 'valencia', 'hyderabad', 'albany', 'toledo', 'pasadena', 'glendale', 'norfolk', 'stockton',
  'oceanside', 'americana', 'armenia', 'ife', 'oyo', 'tsu', 'naga', 'arak', 'gaya', 'safi', 'jian', 'luan', 'xian',
  'ganca', 'icel', 'hatay', 'homyel', 'sikar', 'latur', 'bannu', 'vinh', 'kochi', 'kanpur', 'pune', 'wanxian',
  'saidu', 'hechi', 'sunchon', 'chaoyang', 'jinxi', 'xinyi', 'yichun', 'suzhou', 'taizhou', 'linyi', 'anyang',
  'bur said', 'benoni', 'irvine', 'covington', 'long beach', 'grand prairie', 'kansas city', 'vancouver',
  'santiago', 'saint paul', 'st paul', 'augusta', 'panama city', 'georgetown', 'wellington',
]);

/** Gazetteer cities this populous may be read in running text (capitals always may). */
export const BODY_CITY_MIN_POPULATION = 500_000;

/**
 * A city name shared by cities in several countries is read in running text only when the largest is at least
 * this many times bigger than the next (Kingston, Jamaica vs Kingston, Ontario passes; Valencia does not).
 */
export const BODY_CITY_DOMINANCE = 4;
