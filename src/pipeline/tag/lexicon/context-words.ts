// Words around a place name that say what the name stands for. A person: titles before a surname (Mr Jordan), and
// what is not one: words that may precede a place without making it a surname (in Jordan, King … of Jordan), words
// that continue the name of a place or of something named after it (Jordan Valley, Paris Agreement, Kenya Airways),
// which a first name's surname never is. A company or a currency: words that make a mention weak evidence.

/** Titles before a name: "Mr. Jordan", "Coach Chad". */
export const TITLE_WORDS: ReadonlySet<string> = new Set(['mr', 'mrs', 'ms', 'miss', 'dr', 'sen', 'senator', 'rep', 'gov', 'governor', 'president', 'judge', 'coach', 'gen', 'general', 'col', 'capt', 'lt', 'sgt', 'prof', 'sir', 'lady', 'lord']);

/**
 * Words for a person right before a name: "Liverpool captain Jordan Henderson", "UFC fighter Israel Adesanya", "reality
 * star Kenya Moore". None that also describes a country ("host", "champion", "candidate", "member", "ally").
 */
export const PERSON_CUES: ReadonlySet<string> = new Set(['captain', 'skipper', 'fighter', 'boxer', 'wrestler', 'star', 'singer', 'rapper', 'actor', 'actress', 'comedian', 'musician', 'model', 'influencer', 'socialite', 'heiress', 'personality', 'striker', 'midfielder', 'defender', 'goalkeeper', 'quarterback', 'pitcher', 'golfer', 'sprinter', 'swimmer', 'cyclist', 'jockey', 'teammate', 'psychologist', 'psychiatrist', 'author', 'writer', 'novelist', 'poet', 'journalist', 'reporter', 'anchor', 'presenter', 'podcaster', 'youtuber', 'entrepreneur', 'billionaire', 'businessman', 'businesswoman', 'founder', 'lawyer', 'defendant', 'suspect', 'husband', 'wife', 'son', 'daughter', 'brother', 'sister', 'mother', 'father', 'girlfriend', 'boyfriend', 'fiance', 'fiancee', 'widow']);

/**
 * Groups, parties and bodies that headlines put right after a country ("Israel Hamas ceasefire", "Israel Hezbollah
 * truce"): used on their own like a surname, but never one.
 */
export const GROUP_NAMES: ReadonlySet<string> = new Set(['hamas', 'hezbollah', 'houthi', 'houthis', 'fatah', 'likud', 'knesset', 'mossad', 'shin', 'taliban', 'isis', 'isil', 'daesh', 'wagner', 'shabaab', 'boko', 'jihad', 'polisario', 'kurds', 'kurdish', 'opposition', 'rebels', 'junta', 'women', 'men']);

/** Capitalized words that can precede a place name without making it a surname. */
export const PLACE_PRECEDERS: ReadonlySet<string> = new Set(['the', 'in', 'of', 'to', 'and', 'for', 'from', 'with', 'by', 'at', 'on', 'new', 'north', 'south', 'east', 'west', 'northern', 'southern', 'eastern', 'western', 'central', 'upper', 'lower', 'greater', 'republic', 'kingdom', 'state', 'king', 'queen', 'but', 'or', 'as', 'while', 'after', 'before', 'since', 'if', 'when', 'neighbouring', 'neighboring', 'both', 'all', 'against', 'between', 'said', 'says', 'that', 'like', 'than', 'including', 'via', 'into', 'across', 'toward', 'towards', 'over', 'under', 'without', 'about']);

/**
 * Capitalized words that follow a place in the name of a feature, an institution, a company, an event or a paper
 * ("Jordan Valley", "Israel Defense Forces", "Paris Bourse", "Kenya Ports Authority", "Sydney Morning Herald"), or
 * follow it in wire style ("met in Paris Tuesday", "Kenya President William Ruto").
 */
export const PLACE_NAME_WORDS: ReadonlySet<string> = new Set([
  // Land and water, and the parts of a country.
  'valley', 'river', 'basin', 'delta', 'sea', 'lake', 'gulf', 'bay', 'coast', 'island', 'islands', 'isle', 'strait',
  'peninsula', 'mountains', 'hills', 'highlands', 'desert', 'plain', 'plains', 'harbour', 'harbor', 'port', 'ports',
  'airport', 'bridge', 'street', 'square', 'road', 'canal', 'dam', 'border', 'region', 'province', 'state', 'county',
  'city', 'town', 'district', 'north', 'south', 'east', 'west', 'northern', 'southern', 'eastern', 'western', 'central',
  'upper', 'lower',
  // Government, parties, forces and officials.
  'government', 'ministry', 'minister', 'prime', 'premier', 'president', 'presidential', 'vice', 'parliament',
  'parliamentary', 'senate', 'house', 'assembly', 'congress', 'court', 'supreme', 'high', 'police', 'army', 'navy',
  'air', 'defense', 'defence', 'forces', 'military', 'guard', 'security', 'intelligence', 'embassy', 'consulate',
  'authority', 'authorities', 'agency', 'bureau', 'department', 'office', 'commission', 'council', 'committee', 'board',
  'service', 'services', 'institute', 'foundation', 'association', 'federation', 'union', 'league', 'party',
  'democrat', 'democrats', 'democratic', 'republican', 'republicans', 'national', 'federal', 'public', 'international',
  'royal', 'crown', 'king', 'queen', 'prince', 'princess', 'foreign', 'finance', 'trade', 'interior', 'health',
  'education', 'energy', 'treasury', 'customs', 'revenue', 'wildlife', 'prison', 'prosecutor', 'prosecutors', 'red',
  'cross', 'secretary', 'governor', 'gov', 'sen', 'rep', 'mayor', 'attorney', 'ambassador', 'envoy', 'chancellor',
  'chief', 'officials', 'leader', 'leaders',
  // Markets, banks and companies.
  'bank', 'bourse', 'exchange', 'stock', 'stocks', 'futures', 'market', 'markets', 'financial', 'commodity', 'airways',
  'airlines', 'airline', 'aircraft', 'aerospace', 'electric', 'electricity', 'power', 'gas', 'oil', 'petroleum',
  'chemicals', 'telecom', 'telecommunications', 'mining', 'mines', 'steel', 'steamship', 'shipping', 'railway',
  'railways', 'rail', 'metro', 'water', 'utilities', 'resources', 'industries', 'development', 'commercial',
  'discount', 'savings', 'trust', 'insurance', 'investment', 'investments', 'gold', 'sugar', 'coffee', 'tea', 'cocoa',
  'cotton', 'wheat', 'grain', 'company', 'tech', 'technology',
  // Agreements, meetings and events.
  'agreement', 'accord', 'accords', 'treaty', 'convention', 'declaration', 'protocol', 'pact', 'summit', 'conference',
  'talks', 'round', 'club', 'process', 'peace', 'plan', 'olympics', 'olympic', 'games', 'open', 'masters', 'marathon',
  'cup', 'championship', 'grand', 'fashion', 'week', 'show', 'motor', 'opera', 'festival', 'museum', 'zoo',
  'university', 'college', 'school', 'hospital', 'saint', 'fc', 'united', 'climate', 'gate', 'football', 'soccer',
  'basketball', 'rugby', 'cricket', 'tennis', 'team',
  // Papers, stations and news agencies.
  'radio', 'television', 'tv', 'news', 'times', 'post', 'herald', 'tribune', 'journal', 'daily', 'morning', 'evening',
  'gazette', 'press', 'broadcasting', 'today',
  // Wire style drops "on": "met in Paris Tuesday", "left Israel March 3".
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'january', 'february', 'march',
  'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december', 'jan', 'feb', 'mar', 'apr',
  'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
]);

/** Words that end a company's name: "Nippon Steel Corp", "Credit Suisse First Boston Ltd", "<Delhi Petroleum Pty Ltd>". */
export const CORPORATE_SUFFIXES: ReadonlySet<string> = new Set(['co', 'corp', 'corporation', 'inc', 'incorporated', 'ltd', 'limited', 'plc', 'llc', 'ag', 'nv', 'bv', 'gmbh', 'spa', 'sa', 'pty', 'bhd', 'kk', 'ab', 'asa', 'oy', 'holdings', 'group', 'airlines', 'airways', 'bancorp', 'bancshares', 'petroleum', 'industries', 'motors']);
/** Words that open a company's or bank's name: "Banque Nationale de Paris", "Bank of Tokyo". */
export const CORPORATE_HEADS: ReadonlySet<string> = new Set(['bank', 'banque', 'banco', 'banca', 'credit', 'societe', 'compagnie', 'union', 'first']);
/** Small words inside a company's name: "Bank of Tokyo", "Banque Nationale de Paris". */
export const NAME_LINKS: ReadonlySet<string> = new Set(['of', 'de', 'du', 'des', 'la', 'di', 'del', 'and', 'y', 'et']);
/** "U.S. dlrs", "Swiss francs", "Australian dollar": a currency says little about where a story is. */
export const CURRENCY_WORDS: ReadonlySet<string> = new Set(['dollar', 'dollars', 'dlr', 'dlrs', 'cents', 'franc', 'francs', 'mark', 'marks', 'yen', 'pound', 'pounds', 'sterling', 'lira', 'lire', 'peseta', 'pesetas', 'guilder', 'guilders', 'crown', 'crowns', 'krona', 'kronor', 'krone', 'kroner', 'schilling', 'schillings', 'rand', 'peso', 'pesos', 'rupee', 'rupees', 'ruble', 'roubles', 'rubles', 'yuan', 'won', 'escudo', 'escudos', 'drachma', 'drachmas', 'currency']);
