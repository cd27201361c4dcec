// IANA time zone names as people know them today. Node 20's ICU follows CLDR, which keeps a zone's first name as its
// canonical one: `Intl.supportedValuesOf('timeZone')` lists Asia/Saigon but not Asia/Ho_Chi_Minh, and resolvedOptions()
// turns "Europe/Kyiv" back into Europe/Kiev. So autocomplete found nothing for "Kyiv" or "Yangon", and replies showed
// names a city has dropped. Gazette offers, stores and shows the current names; Intl accepts both spellings, so date
// arithmetic works on either (rows stored before this keep the old name and still compute right).

/**
 * CLDR's canonical names that IANA has since renamed (every zone of Node 20's list that tzdata's `backward` file makes
 * a link to a differently spelled zone of the same place), old name → current name.
 */
export const renamedTimeZones: Readonly<Record<string, string>> = {
  'Africa/Asmera': 'Africa/Asmara',
  'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
  'America/Catamarca': 'America/Argentina/Catamarca',
  'America/Coral_Harbour': 'America/Atikokan',
  'America/Cordoba': 'America/Argentina/Cordoba',
  'America/Godthab': 'America/Nuuk',
  'America/Indianapolis': 'America/Indiana/Indianapolis',
  'America/Jujuy': 'America/Argentina/Jujuy',
  'America/Louisville': 'America/Kentucky/Louisville',
  'America/Mendoza': 'America/Argentina/Mendoza',
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'Europe/Kiev': 'Europe/Kyiv',
  'Pacific/Enderbury': 'Pacific/Kanton',
  'Pacific/Ponape': 'Pacific/Pohnpei',
  'Pacific/Truk': 'Pacific/Chuuk',
};

const formerNames = new Map(Object.entries(renamedTimeZones).map(([old, current]) => [current, old]));

/** The current name of a zone ("Asia/Saigon" → "Asia/Ho_Chi_Minh"); other names unchanged. */
export function currentTimeZoneName(zone: string): string {
  return Object.hasOwn(renamedTimeZones, zone) ? (renamedTimeZones[zone] as string) : zone;
}

/** The name CLDR still gives a renamed zone ("Asia/Ho_Chi_Minh" → "Asia/Saigon"), so a search on either finds it. */
export function formerTimeZoneName(zone: string): string | undefined {
  return formerNames.get(zone);
}

/**
 * A zone's current name, whatever case and spelling was typed ("europe/kiev", "Europe/Kyiv" → "Europe/Kyiv"), or
 * undefined when Intl knows no such zone.
 */
export function canonicalTimeZone(typed: string): string | undefined {
  const text = typed.trim();
  if (!text) return undefined;
  try {
    return currentTimeZoneName(new Intl.DateTimeFormat('en-US', { timeZone: text }).resolvedOptions().timeZone);
  } catch {
    return undefined;
  }
}

let zones: string[] | undefined;

/**
 * Every zone the runtime knows, by current name and in alphabetical order (a renamed zone sorts by its new name), with
 * UTC first (`Intl.supportedValuesOf` leaves it out).
 */
export function knownTimeZones(): string[] {
  zones ??= [...new Set(['UTC', ...Intl.supportedValuesOf('timeZone').map(currentTimeZoneName).sort()])];
  return zones;
}
