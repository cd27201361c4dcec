// The default regions: named groups of countries (ISO 3166-1 alpha-2). A guild can replace the whole set.
// docs/regions.md lists the same table; test/unit/tag/docs.test.ts keeps the two in step.

export interface RegionDefinition {
  /** Stable tag (`south-caucasus`). */
  slug: string;
  /** Display name (`South Caucasus`); also matched in text. */
  name: string;
  countries: string[];
  /** Other names the text may use for the region ("Transcaucasia"). */
  aliases?: string[] | undefined;
}

export const DEFAULT_REGIONS: readonly RegionDefinition[] = [
  { slug: 'south-caucasus', name: 'South Caucasus', countries: ['AM', 'AZ', 'GE'], aliases: ['Caucasus', 'Transcaucasia', 'southern Caucasus', 'Transcaucasus'] },
  { slug: 'central-asia', name: 'Central Asia', countries: ['KZ', 'KG', 'TJ', 'TM', 'UZ'], aliases: ['Central Asian'] },
  { slug: 'eastern-europe', name: 'Eastern Europe', countries: ['BY', 'BG', 'CZ', 'HU', 'MD', 'PL', 'RO', 'RU', 'SK', 'UA'], aliases: ['Eastern European', 'Eastern Bloc', 'East European', 'Central and Eastern Europe'] },
  { slug: 'baltics', name: 'Baltic states', countries: ['EE', 'LV', 'LT'], aliases: ['Baltics', 'Baltic countries', 'Baltic republics'] },
  { slug: 'balkans', name: 'Balkans', countries: ['AL', 'BA', 'BG', 'GR', 'HR', 'ME', 'MK', 'RS', 'SI', 'XK'], aliases: ['Balkan', 'Western Balkans'] },
  { slug: 'western-europe', name: 'Western Europe', countries: ['AT', 'BE', 'CH', 'DE', 'FR', 'GB', 'IE', 'LI', 'LU', 'MC', 'NL'], aliases: ['Western European', 'West European'] },
  { slug: 'northern-europe', name: 'Nordic countries', countries: ['DK', 'FI', 'IS', 'NO', 'SE', 'FO', 'GL', 'AX'], aliases: ['Nordic', 'Nordics', 'Scandinavia', 'Scandinavian', 'Northern Europe'] },
  { slug: 'southern-europe', name: 'Southern Europe', countries: ['AD', 'CY', 'ES', 'GI', 'GR', 'IT', 'MT', 'PT', 'SM', 'VA'], aliases: ['Mediterranean Europe', 'Iberia', 'Iberian Peninsula'] },
  { slug: 'middle-east', name: 'Middle East', countries: ['AE', 'BH', 'EG', 'IL', 'IQ', 'IR', 'JO', 'KW', 'LB', 'OM', 'PS', 'QA', 'SA', 'SY', 'TR', 'YE'], aliases: ['Mideast', 'Middle Eastern', 'Near East', 'Levant'] },
  { slug: 'gulf', name: 'Gulf states', countries: ['AE', 'BH', 'KW', 'OM', 'QA', 'SA'], aliases: ['Persian Gulf', 'Arabian Gulf', 'Gulf Arab states', 'Gulf Cooperation Council', 'GCC'] },
  { slug: 'north-africa', name: 'North Africa', countries: ['DZ', 'EG', 'LY', 'MA', 'MR', 'TN', 'EH'], aliases: ['North African', 'Maghreb'] },
  { slug: 'west-africa', name: 'West Africa', countries: ['BJ', 'BF', 'CV', 'CI', 'GM', 'GH', 'GN', 'GW', 'LR', 'ML', 'NE', 'NG', 'SN', 'SL', 'TG'], aliases: ['West African', 'Sahel', 'ECOWAS'] },
  { slug: 'central-africa', name: 'Central Africa', countries: ['CM', 'CF', 'TD', 'CG', 'CD', 'GQ', 'GA', 'ST'], aliases: ['Central African', 'Great Lakes region'] },
  { slug: 'east-africa', name: 'East Africa', countries: ['BI', 'DJ', 'ER', 'ET', 'KE', 'RW', 'SO', 'SS', 'SD', 'TZ', 'UG', 'KM', 'MG', 'MU', 'SC'], aliases: ['East African', 'Horn of Africa'] },
  { slug: 'southern-africa', name: 'Southern Africa', countries: ['AO', 'BW', 'LS', 'MW', 'MZ', 'NA', 'SZ', 'ZA', 'ZM', 'ZW'], aliases: ['Southern African', 'SADC'] },
  { slug: 'south-asia', name: 'South Asia', countries: ['AF', 'BD', 'BT', 'IN', 'LK', 'MV', 'NP', 'PK'], aliases: ['South Asian', 'Indian subcontinent', 'subcontinent'] },
  { slug: 'southeast-asia', name: 'Southeast Asia', countries: ['BN', 'KH', 'ID', 'LA', 'MY', 'MM', 'PH', 'SG', 'TH', 'VN', 'TL'], aliases: ['South-East Asia', 'South East Asia', 'Southeast Asian', 'ASEAN', 'Indochina'] },
  { slug: 'east-asia', name: 'East Asia', countries: ['CN', 'HK', 'JP', 'KP', 'KR', 'MN', 'MO', 'TW'], aliases: ['East Asian', 'Far East', 'Korean Peninsula'] },
  { slug: 'oceania', name: 'Oceania', countries: ['AU', 'NZ', 'PG', 'FJ', 'SB', 'VU', 'WS', 'TO', 'KI', 'TV', 'NR', 'FM', 'MH', 'PW', 'NC', 'PF', 'CK', 'NU', 'GU', 'AS', 'MP'], aliases: ['Pacific Islands', 'South Pacific', 'Australasia'] },
  { slug: 'north-america', name: 'North America', countries: ['CA', 'MX', 'US'], aliases: ['North American'] },
  { slug: 'central-america', name: 'Central America', countries: ['BZ', 'CR', 'SV', 'GT', 'HN', 'NI', 'PA'], aliases: ['Central American'] },
  { slug: 'caribbean', name: 'Caribbean', countries: ['AG', 'BS', 'BB', 'CU', 'DM', 'DO', 'GD', 'HT', 'JM', 'KN', 'LC', 'VC', 'TT', 'PR', 'AI', 'AW', 'CW', 'KY', 'TC', 'VG', 'VI', 'GP', 'MQ', 'MS', 'BQ', 'SX', 'MF', 'BL'], aliases: ['West Indies', 'Caribbean islands'] },
  { slug: 'south-america', name: 'South America', countries: ['AR', 'BO', 'BR', 'CL', 'CO', 'EC', 'GY', 'PY', 'PE', 'SR', 'UY', 'VE', 'GF', 'FK'], aliases: ['South American'] },
  { slug: 'latin-america', name: 'Latin America', countries: ['MX', 'BZ', 'CR', 'SV', 'GT', 'HN', 'NI', 'PA', 'CU', 'DO', 'HT', 'PR', 'AR', 'BO', 'BR', 'CL', 'CO', 'EC', 'PY', 'PE', 'UY', 'VE'], aliases: ['Latin American', 'Latam'] },
];
