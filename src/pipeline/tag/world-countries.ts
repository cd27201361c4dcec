// world-countries, typed as what Node actually loads.
import worldCountriesModule, { type Country } from 'world-countries';

export type { Country };

// The package's types declare an ES default export, but Node loads its CommonJS entry, whose module.exports is the
// array itself; accept both shapes so bundlers and Node agree.
const loaded = worldCountriesModule as unknown as Country[] | { default: Country[] };

export const worldCountries: readonly Country[] = Array.isArray(loaded) ? loaded : loaded.default;
