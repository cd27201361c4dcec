// The topic lexicon: the one source of truth for topic tags. docs/topics.md shows the same table and
// test/unit/tag/docs.test.ts fails when the two drift apart.
//
// Phrases are matched as whole words after the article tokenizer (lower case, accents stripped); `word*` matches
// any word starting with `word` (at least three letters before the star). The longest phrase wins, so "trade war"
// counts for trade and not for conflict, and "tear gas" for protests and not for energy.

export interface TopicDefinition {
  slug: string;
  name: string;
  /** Distinctive phrases: two points per mention. */
  strong: readonly string[];
  /** Supporting words: one point per mention. */
  cues: readonly string[];
  /** Tags members type that mean this topic (`press freedom` → media). */
  synonyms?: readonly string[];
}

/**
 * Phrases that contain a cue but say nothing about the topic: matched (longest wins) and ignored, so "told
 * reporters" is not media news, the "Islamic Republic" is not religion news, a "clinical trial" is no court case, and
 * a volume measured in "Olympic-size swimming pools" (or "Olympic-sized …", or plain "Olympic swimming pools") or an
 * area in "football fields" is not sport.
 */
export const TOPIC_BLOCKING_PHRASES: readonly string[] = [
  'told reporters', 'press conference', 'news conference', 'press release', 'said in a statement', 'islamic republic',
  'securities and exchange commission', 'balance of power', 'in the wake of', 'olympic size', 'olympic sized',
  'olympic swimming pool', 'olympic swimming pools',
  'size of a football field', 'size of a football pitch', 'football fields', 'football pitches',
  'clinical trial', 'clinical trials',
];

export const TOPICS: readonly TopicDefinition[] = [
  {
    slug: 'diplomacy',
    name: 'Diplomacy',
    strong: ['diplomat*', 'ambassador*', 'embassy', 'embassies', 'foreign minister*', 'foreign ministry', 'foreign policy', 'bilateral relations', 'bilateral ties', 'summit*', 'envoy*', 'state visit', 'consulate*', 'peace talks', 'formal protest', 'persona non grata', 'security council', 'geopolitic*', 'diplomatic channels', 'de escalat*', 'cut ties', 'sever* ties', 'severed relations', 'foreign interference', 'ambassade', 'embajada', 'botschaft'],
    cues: ['talks', 'negotiat*', 'treaty', 'treaties', 'accord', 'alliance*', 'allies', 'ally', 'bilateral', 'multilateral', 'foreign affairs', 'relations', 'mediat*', 'rapprochement', 'sovereignty', 'soft power', 'united nations', 'normalisation', 'normalization', 'realignment', 'statecraft', 'ties', 'rift', 'spat', 'rupture', 'interference', 'counterpart*', 'partner', 'partners', 'partnership*'],
    synonyms: ['diplomatic conflict', 'foreign relations', 'international relations', 'geopolitics'],
  },
  {
    slug: 'conflict',
    name: 'War and conflict',
    strong: ['war', 'wars', 'warfare', 'armed conflict', 'armed confrontation', 'ceasefire', 'cease fire', 'truce', 'invasion', 'invad*', 'airstrike*', 'air strike*', 'shelling', 'insurgen*', 'border clash*', 'border dispute', 'border conflict', 'hostilities', 'frontline', 'front line', 'killed in fighting', 'guerre', 'guerra', 'krieg', 'войн*'],
    cues: ['conflict*', 'fighting', 'clash*', 'soldier*', 'troops', 'battle*', 'casualt*', 'tension*', 'escalat*', 'dispute*', 'annex*', 'occupation', 'occupied', 'rebel*', 'violence', 'violent', 'missile*', 'artillery', 'militia*', 'contested territory', 'territorial', 'skirmish*', 'retaliat*', 'flare up', 'offensive', 'coercion', 'coercive'],
    synonyms: ['war', 'armed conflict', 'border dispute'],
  },
  {
    slug: 'elections',
    name: 'Elections',
    strong: ['election*', 'electoral', 'voter*', 'ballot*', 'referendum*', 'opinion poll*', 'runoff', 'run off', 'electorate', 'turnout', 'polling station*', 'elecci*', 'wahlen', 'выбор*'],
    cues: ['vote', 'votes', 'voting', 'candidate*', 'campaign*', 'poll', 'polls', 'incumbent', 'constituenc*', 'nominee*', 'primaries', 'inaugurat*', 'landslide victory'],
    synonyms: ['election', 'vote', 'voting'],
  },
  {
    slug: 'politics',
    name: 'Politics and government',
    strong: ['parliament*', 'lawmaker*', 'legislat*', 'cabinet reshuffle', 'coalition government', 'no confidence', 'impeach*', 'constitutional reform'],
    cues: ['government*', 'prime minister', 'president', 'minister*', 'cabinet', 'opposition', 'ruling party', 'political', 'politician*', 'senate', 'congress', 'governor*', 'mayor*', 'regime', 'statehood', 'nationalis*'],
    synonyms: ['government', 'political'],
  },
  {
    slug: 'economy',
    name: 'Economy and finance',
    strong: ['economy', 'economies', 'gdp', 'inflation', 'recession', 'interest rate*', 'central bank*', 'unemployment', 'economic growth', 'budget deficit', 'monetary policy', 'fiscal', 'devaluation', 'stock market*', 'stock exchange*', 'price war*', 'imf', 'world bank', 'bankrupt*', 'merger*', 'acquisition*', 'takeover*', 'net income', 'net profit', 'net loss', 'quarterly results', 'shareholder*', 'initial public offering'],
    cues: ['econom*', 'growth', 'market*', 'investor*', 'investment*', 'bank', 'banks', 'banking', 'financ*', 'tax', 'taxes', 'budget*', 'jobs', 'wage*', 'earnings', 'profit*', 'revenue*', 'dividend*', 'shares', 'bond', 'bonds', 'debt*', 'loan*', 'currenc*', 'exchange rate*', 'prices', 'stake', 'quarter', 'stock', 'stocks', 'company', 'companies', 'firm', 'firms', 'subsidiary', 'acquire*', 'billion', 'million', 'mln'],
    synonyms: ['economics', 'finance', 'business', 'markets'],
  },
  {
    slug: 'energy',
    name: 'Energy',
    strong: ['oil', 'natural gas', 'gas pipeline*', 'pipeline*', 'opec', 'crude', 'petroleum', 'lng', 'nuclear power', 'power plant*', 'electricity', 'power grid', 'energy security', 'renewable energy', 'energy hub', 'gasoline', 'refiner*', 'barrels'],
    cues: ['energy', 'gas', 'fuel*', 'petrol', 'diesel', 'drilling', 'reactor*', 'utilit*', 'grid', 'blackout*', 'coal', 'solar', 'wind power', 'hydropower', 'energy supplies', 'kilowatt*', 'megawatt*'],
    synonyms: ['oil and gas', 'power'],
  },
  {
    slug: 'trade',
    name: 'Trade',
    strong: ['trade deal*', 'trade agreement*', 'free trade', 'tariff*', 'trade war*', 'trade deficit', 'trade surplus', 'trade talks', 'trade barrier*', 'wto', 'gatt', 'embargo*', 'protectionis*', 'anti dumping', 'export ban*', 'import ban*'],
    cues: ['trade', 'export*', 'import', 'imports', 'imported', 'importing', 'importer*', 'quota*', 'trade dispute*', 'customs', 'shipment*', 'goods', 'supply chain*', 'boycott*', 'sanction*', 'dumping', 'trading partner*'],
    synonyms: ['commerce', 'exports', 'imports', 'sanctions', 'tariffs'],
  },
  {
    slug: 'human-rights',
    name: 'Human rights',
    strong: ['human rights', 'torture*', 'political prisoner*', 'freedom of expression', 'civil liberties', 'rights group*', 'amnesty international', 'human rights watch', 'ethnic cleansing', 'genocide', 'persecution', 'arbitrary detention', 'died in custody', 'death in custody', 'deaths in custody', 'degrading treatment', 'mistreat*', 'droits de l homme', 'derechos humanos'],
    cues: ['rights', 'detention', 'custody', 'abuse*', 'activist*', 'dissident*', 'freedom*', 'minorit*', 'ethnic', 'persecut*', 'impunity', 'discriminat*', 'repression', 'beating*', 'intimidation'],
    synonyms: ['rights', 'civil rights', 'civil liberties'],
  },
  {
    slug: 'migration',
    name: 'Migration and refugees',
    strong: ['migrant*', 'migration', 'refugee*', 'asylum', 'deport*', 'immigra*', 'emigra*', 'displaced', 'displacement', 'diaspora*', 'visa*', 'border crossing*', 'human smuggling'],
    cues: ['residency', 'citizenship', 'dual national*', 'expat*', 'evacuat*', 'shelter*', 'exodus', 'resettle*'],
    synonyms: ['immigration', 'refugees', 'asylum', 'diaspora'],
  },
  {
    slug: 'crime',
    name: 'Crime',
    strong: ['crime', 'crimes', 'criminal*', 'organized crime', 'organised crime', 'murder*', 'fraud*', 'scam*', 'scammer*', 'cybercrime', 'cyberfraud', 'drug trafficking', 'smuggling', 'theft', 'robbery', 'bribe*', 'money laundering', 'gang*', 'cartel*', 'trafficking', 'syndicate*', 'kidnap*', 'mafia'],
    cues: ['police', 'arrest*', 'suspect*', 'investigat*', 'jail*', 'prison*', 'raid*', 'detained', 'law enforcement', 'homicide', 'shooting', 'stabbing', 'corruption', 'policing', 'crack down', 'crackdown'],
    synonyms: ['organized crime', 'corruption', 'police'],
  },
  {
    slug: 'justice',
    name: 'Law and justice',
    strong: ['court', 'courts', 'judge', 'judges', 'judgment*', 'judgement*', 'verdict*', 'supreme court', 'lawsuit*', 'sentenced', 'prosecutor*', 'prosecution', 'rule of law', 'acquit*', 'convict*', 'indict*', 'tribunal*', 'international criminal court'],
    cues: ['trial*', 'law', 'laws', 'legal*', 'illegal*', 'unlawful*', 'lawyer*', 'attorney*', 'ruling*', 'judicial*', 'justice', 'charges', 'charged', 'plaintiff*', 'defendant*', 'jury', 'appeal*', 'legitimacy'],
    synonyms: ['law', 'courts', 'legal'],
  },
  {
    slug: 'terrorism',
    name: 'Terrorism',
    strong: ['terror*', 'suicide bomb*', 'jihad*', 'islamic state', 'isis', 'isil', 'al qaeda', 'car bomb*', 'extremis*', 'hostage*', 'counter terrorism', 'counterterrorism'],
    cues: ['bomb*', 'explosion*', 'blast*', 'radicali*', 'militant*', 'attack*', 'gunmen'],
    synonyms: ['terror', 'extremism'],
  },
  {
    slug: 'defence',
    name: 'Security and defence',
    strong: ['defence', 'defense', 'armed forces', 'military equipment', 'arms deal*', 'arms sales', 'nato', 'military alliance*', 'security guarantee*', 'nuclear weapon*', 'warship*', 'submarine*', 'fighter jet*', 'military exercise*', 'military base*', 'special forces', 'espionage', 'csto', 'collective security'],
    cues: ['military', 'militar*', 'army', 'navy', 'air force', 'weapon*', 'arms', 'security', 'deterr*', 'drills', 'national security', 'intelligence', 'spy', 'spies', 'cyberattack*', 'drone*'],
    synonyms: ['defense', 'security', 'military'],
  },
  {
    slug: 'protests',
    name: 'Protests and unrest',
    strong: ['protest', 'protests', 'protested', 'protesting', 'protester*', 'protestor*', 'demonstrator*', 'tear gas', 'riot*', 'civil unrest', 'uprising', 'hunger strike*', 'general strike*', 'took to the streets', 'manifestation*', 'manifestaci*'],
    cues: ['rally', 'rallies', 'demonstration*', 'crowd*', 'unrest', 'strike', 'strikes', 'striking', 'outrage', 'anger', 'petition*', 'marches', 'marched', 'marchers', 'dissent', 'condemnation'],
    synonyms: ['protest', 'demonstrations', 'unrest'],
  },
  {
    slug: 'environment',
    name: 'Climate and environment',
    strong: ['climate', 'climate change', 'global warming', 'emission*', 'carbon dioxide', 'pollution', 'pollut*', 'deforestation', 'biodiversity', 'greenhouse gas*', 'drought*', 'wildfire*', 'environment*', 'endangered species', 'heatwave*', 'sea level*', 'net zero'],
    cues: ['weather', 'rainfall', 'ecolog*', 'species', 'forest*', 'waste', 'recycl*', 'plastic*', 'conservation', 'wildlife', 'carbon'],
    synonyms: ['climate', 'climate change', 'environment'],
  },
  {
    slug: 'health',
    name: 'Health',
    strong: ['health', 'public health', 'hospital*', 'disease*', 'virus*', 'pandemic*', 'epidemic*', 'vaccin*', 'covid*', 'coronavirus', 'outbreak*', 'world health organization', 'cancer', 'malaria', 'cholera', 'ebola', 'infection*', 'mental health', 'healthcare'],
    cues: ['patient*', 'medical', 'medicine*', 'doctor*', 'nurse*', 'treatment*', 'clinic*', 'pharmaceutical*', 'mortality', 'surgery', 'symptom*', 'drugs'],
    synonyms: ['medicine', 'public health', 'healthcare'],
  },
  {
    slug: 'technology',
    name: 'Technology',
    strong: ['technology', 'technologies', 'artificial intelligence', 'software', 'internet', 'semiconductor*', 'microchip*', 'smartphone*', 'social media platform*', 'computer*', 'startup*', 'data centre*', 'data center*', 'algorithm*', 'robot*', 'satellite*', 'telecom*', 'broadband', 'hacker*', 'hacking', 'blockchain', 'cryptocurrenc*', 'bitcoin', 'cyber*'],
    cues: ['tech', 'digital', 'online', 'app', 'apps', 'platform*', 'innovation', 'engineer*', 'electronics', 'chip', 'chips'],
    synonyms: ['tech', 'ai', 'internet', 'cybersecurity'],
  },
  {
    slug: 'media',
    name: 'Media and press freedom',
    strong: ['journalist*', 'journalism', 'press freedom', 'freedom of the press', 'censorship', 'newspaper*', 'broadcaster*', 'state media', 'news agency', 'reporter*', 'propaganda', 'disinformation', 'misinformation', 'fake news', 'foreign agent*', 'media outlet*', 'state television', 'state run media', 'media landscape'],
    cues: ['media', 'press', 'radio', 'television', 'outlets', 'narrative*', 'social media', 'coverage', 'editor*', 'blogger*', 'censor*', 'sputnik'],
    synonyms: ['press freedom', 'press', 'journalism', 'news media'],
  },
  {
    slug: 'disasters',
    name: 'Disasters',
    strong: ['earthquake*', 'tsunami*', 'hurricane*', 'typhoon*', 'cyclone*', 'flood', 'floods', 'flooding', 'landslide*', 'natural disaster*', 'eruption*', 'volcan*', 'death toll'],
    cues: ['storm*', 'rescuer*', 'rescue*', 'survivor*', 'damage*', 'relief', 'disaster*', 'emergency'],
    synonyms: ['natural disasters', 'disaster'],
  },
  {
    slug: 'agriculture',
    name: 'Agriculture and food',
    strong: ['agricultur*', 'crop', 'crops', 'harvest*', 'wheat', 'grain', 'grains', 'livestock', 'cocoa', 'coffee', 'soybean*', 'maize', 'fertiliz*', 'fertilis*', 'food security', 'famine', 'farmer*'],
    cues: ['farm', 'farms', 'farming', 'corn', 'rice', 'sugar', 'cattle', 'food', 'fruits', 'vegetables', 'fishing', 'fisheries'],
    synonyms: ['agriculture', 'food', 'farming'],
  },
  {
    slug: 'culture',
    name: 'Culture',
    strong: ['museum*', 'festival*', 'cultural heritage', 'heritage site*', 'literature', 'exhibition*', 'cinema', 'theatre', 'theater'],
    cues: ['culture*', 'cultural', 'artist*', 'film*', 'music*', 'heritage', 'novels', 'novelist*', 'painting*', 'concert*'],
    synonyms: ['arts', 'art', 'heritage'],
  },
  {
    slug: 'religion',
    name: 'Religion',
    strong: ['religio*', 'church*', 'mosque*', 'synagogue*', 'pope', 'vatican', 'clergy', 'bishop*', 'imam*', 'pilgrim*', 'ramadan'],
    cues: ['islamic', 'christian', 'christians', 'christianity', 'muslim', 'muslims', 'faith*', 'worship*', 'sectarian', 'jewish', 'orthodox', 'islam', 'buddhis*', 'hindu*', 'priest*'],
    synonyms: ['faith', 'religious'],
  },
  {
    slug: 'sport',
    name: 'Sport',
    strong: ['football', 'olympic*', 'world cup', 'championship*', 'tournament*', 'athlete*', 'fifa', 'uefa', 'grand prix', 'cricket', 'tennis', 'basketball', 'rugby'],
    cues: ['match', 'matches', 'league*', 'coach*', 'stadium*', 'goal', 'goals', 'medal*', 'team*', 'player*', 'season'],
    synonyms: ['sports', 'football', 'soccer'],
  },
];
