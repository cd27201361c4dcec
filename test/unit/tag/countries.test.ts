// Country tagging: names, aliases, demonyms, capitals and datelines in any casing, the ambiguous words, salience.
import { describe, expect, it } from 'vitest';
import { tagArticle } from '../../../src/pipeline/tag/index.js';

const countries = (text: string, title = '', dateline?: string, language?: string) => tagArticle({ title, text, dateline, language }).countries;

describe('country aliases', () => {
  it.each([
    ['Azerbaijani officials met in Baku on Monday.', 'AZ'],
    ['AZERBAIJANI OFFICIALS SAID ON MONDAY', 'AZ'],
    ['the azerbaijani side and the turkish side met again, the azerbaijani envoy said.', 'AZ'],
    ['Türkiye said it would reply. Turkiye and Turkish officials in Ankara agreed.', 'TR'],
    ['Turkey said it would reply to the Turkish proposal.', 'TR'],
    ['The Kremlin said Moscow would not comment.', 'RU'],
    ['The U.S. and Washington officials declined to comment.', 'US'],
    ['The UK said Britain would act.', 'GB'],
    ['West Germany and East Germany signed the treaty.', 'DE'],
    ['The USSR said the Soviet Union would sign.', 'RU'],
    ['Burma, also known as Burma, said so; Rangoon agreed.', 'MM'],
    ['Kampuchea said Phnom Penh agreed.', 'KH'],
    ['Zaire said Kinshasa would pay.', 'CD'],
    ["Côte d'Ivoire and COTE D'IVOIRE cocoa.", 'CI'],
    ['The Dominican Republic and Dominican officials said so.', 'DO'],
    ['Nigeria said Lagos would host the Nigerian delegation.', 'NG'],
  ])('%j → %s', (text, code) => {
    expect(countries(text)[0]).toBe(code);
  });

  it('reads country names in other languages and scripts', () => {
    expect(countries('Россия и Азербайджан обменялись заявлениями. Россия ответила.')).toEqual(expect.arrayContaining(['RU', 'AZ']));
    expect(countries('La France et l’Allemagne ont signé. La France a confirmé.')).toEqual(expect.arrayContaining(['FR', 'DE']));
  });
});

describe('ambiguous words', () => {
  it('does not read the bird, the clay, a woman or a guinea pig as countries', () => {
    expect(countries('We ate turkey and the china clay plates broke; the woman fed a guinea pig.')).toEqual([]);
    // Nor a reunion of old teammates as the island of Réunion, which is written capitalized.
    expect(countries('Aston Villa held a reunion of the 1982 team at Villa Park on Saturday.')).toEqual([]);
    expect(countries('Cyclone Belal hit Réunion on Monday; Réunion authorities lifted the alert.')).toEqual(['RE']);
  });

  it('does not take a capital that only starts a sentence for the country when the text writes the word in lower case', () => {
    expect(countries('The price of turkey rose sharply this year, farmers said. Shoppers bought less turkey.', 'Turkey prices soar before Thanksgiving')).toEqual([]);
    expect(countries('Turkey prices soared. Shoppers bought less turkey this year.')).toEqual([]);
    // An all-capitals headline is read as before: some wire bodies come all in lower case.
    expect(countries('mexico received the first 250 mln dlrs of a credit from japan\'s eximbank.', 'MEXICO RECEIVES JAPAN LOAN')).toContain('JP');
    // A capital in mid-sentence shows the name, and without a lower-case use the sentence start is read as usual.
    expect(countries('Farmers in Turkey said the price of turkey rose.', 'Turkey prices soar')).toEqual(['TR']);
    expect(countries('Turkey said it would reply. Turkey also called in the envoy.')).toEqual(['TR']);
  });

  it('tells Niger from Nigeria and Dominica from the Dominican Republic', () => {
    expect(countries('Niger said so. Niger agreed.')).toEqual(['NE']);
    expect(countries('Dominica said so. Dominica agreed.')).toEqual(['DM']);
  });

  it('does not read people named Jordan or Chad as countries', () => {
    expect(countries('Michael Jordan scored. Coach Chad Smith said Mr. Jordan played well.')).toEqual([]);
    expect(countries('King Abdullah of Jordan met officials in Jordan.')).toEqual(['JO']);
  });

  it('does not read a first name that is also a country (Jordan Henderson, Paris Hilton) as the country', () => {
    // Evidence of a person: a role or title before the name, or the surname used on its own elsewhere in the text.
    expect(countries('Liverpool captain Jordan Henderson scored twice as his side beat Everton 3-1 at Anfield. Henderson said the win was deserved.', 'Liverpool beat Everton')).toEqual(['GB']);
    expect(countries('Chad Daybell was sentenced to death in Idaho on Friday. Daybell, 55, showed no emotion.', 'Chad Daybell sentenced')).toEqual(['US']);
    expect(countries('UFC fighter Israel Adesanya lost his title fight in Las Vegas on Saturday.')).toEqual(['US']);
    expect(countries('Reality star Kenya Moore left the show.', 'Kenya Moore')).toEqual([]);
    expect(countries('Paris Hilton launched a new fragrance brand on Monday in Los Angeles. Hilton said it sold out.', 'Paris Hilton launches brand')).toEqual(['US']);
    expect(countries('Italian Prime Minister Giorgia Meloni met the singer Georgia Harrison in Rome.')).toEqual(['IT']);
    expect(countries('Insider trading charges were filed against Israel G. Grossman in New York.')).toEqual(['US']);
    // In a headline in title case every word has a capital: the running text shows whether the pair is a name.
    expect(countries('The fighter Israel Adesanya lost in Las Vegas.', 'Israel Adesanya Loses Title Fight')).toEqual(['US']);
  });

  it('reads a country name in another language before a surname as a first name in English text (Mauricio Pochettino)', () => {
    expect(countries('Tottenham have sacked manager Mauricio Pochettino after five years. Pochettino said he was sad.', 'Tottenham sack Pochettino')).toEqual([]);
    expect(countries('Mauricio Pochettino was named coach of the national team on Friday.', 'Mauricio Pochettino named coach')).toEqual([]);
    // In text of another language the name is the country's.
    expect(countries('Mauricio y Seychelles firmaron un acuerdo pesquero.', '', undefined, 'es')).toContain('MU');
    expect(countries('El presidente de Francia Emmanuel Macron llegó a Madrid.', '', undefined, 'es')).toContain('FR');
  });

  it('reads a name the text gave a person as that person on its own too (Jordan Pickford … Jordan)', () => {
    expect(countries('Chelsea beat Liverpool 2-1 with goalkeeper Jordan Pickford in fine form. Jordan was outstanding in goal, making six saves.')).toEqual(['GB']);
    expect(countries('Michael Jordan visited Chicago on Friday. Jordan said he missed the game.')).toEqual(['US']);
    // Named some other way as well, the country stays.
    expect(countries('Michael Jordan visited Amman on Friday. Jordan welcomed the star.')).toEqual(['JO']);
    expect(countries('Jordan reopened its border crossing with Syria on Monday, officials said.')).toContain('JO');
  });

  it('keeps the country before a capitalized word that nothing shows to be a surname', () => {
    expect(countries('Mediators said the deal would take effect on Sunday.', 'Israel Hamas ceasefire deal: hostages to be freed')).toEqual(['IL']);
    expect(countries('The truce held overnight, residents said.', 'Israel Hezbollah truce holds')).toEqual(['IL']);
    expect(countries('The bill was signed on Tuesday.', 'Kenya Ruto signs finance bill')).toEqual(['KE']);
    expect(countries('Mediators said Israel Hamas negotiators met in Doha. Hamas said the talks were serious.')).toContain('IL');
    expect(countries('The Jordan Armed Forces said the drill ended.')).toEqual(['JO']);
    expect(countries('The Israel Antiquities Authority unveiled the find.')).toEqual(['IL']);
    expect(countries('She won the Israel Prize for literature.')).toEqual(['IL']);
    expect(countries('The minister arrived at Paris Charles de Gaulle airport on Monday.')).toEqual(['FR']);
    expect(countries('India Women beat Australia by six wickets.')).toContain('IN');
    // The surname alone in a headline, or after another first name, is not this person's.
    expect(countries('President William Ruto signed the bill in Nairobi. Ruto said taxes would fall.', 'Kenya Ruto signs finance bill')).toContain('KE');
    expect(countries('In Kenya Ruto faces protests. President William Ruto said he would not resign.')).toContain('KE');
  });

  it('still reads the country before a place word, a title, a day, another place or a new sentence', () => {
    expect(countries('The Israel Defense Forces said troops had entered the Jordan Valley.')).toEqual(expect.arrayContaining(['IL', 'JO']));
    expect(countries('Oil was found in the Chad Basin, officials said.')).toEqual(['TD']);
    expect(countries('Ministers reaffirmed the Paris Agreement on currencies.')).toEqual(['FR']);
    expect(countries('Leaders met in Paris Tuesday to discuss trade.')).toEqual(['FR']);
    expect(countries('Kenya President William Ruto flew home. Kenya Airways resumed flights.')).toEqual(['KE']);
    expect(countries('Troops withdrew from Israel. Netanyahu said the war was over.')).toEqual(['IL']);
    expect(countries('', 'Israel Strikes Hezbollah Targets In Lebanon')).toContain('IL');
    expect(countries('The Georgia Ports Authority said volumes rose at Savannah.')).toEqual(['US']);
  });

  it('reads Georgia as the US state unless the text is about the Caucasus', () => {
    expect(countries('The company moved to Atlanta, Georgia. Georgia officials welcomed it.', '', 'ATLANTA, March 3 -')).toEqual(['US']);
    expect(countries('Georgia and Armenia signed a deal. Armenia said Georgia would help.')).toEqual(expect.arrayContaining(['GE', 'AM']));
    expect(countries('Tbilisi said Georgia would join.')).toEqual(['GE']);
    // Its ruling party names the country; a passing neighbour does not outweigh a US city.
    expect(countries("The European Union froze Georgia's accession talks. The ruling Georgian Dream party said Brussels was unfair.")).toContain('GE');
    expect(countries("The European Union froze Georgia's accession talks. The ruling Georgian Dream party said Brussels was unfair.")).not.toContain('US');
    expect(countries('Voters in Georgia head to the polls in a Senate runoff. Campaigns in Atlanta said turnout was high. One candidate took money linked to Russia.')).toContain('US');
    expect(countries('Voters in Georgia head to the polls in a Senate runoff. Campaigns in Atlanta said turnout was high. One candidate took money linked to Russia.')).not.toContain('GE');
    // A dateline's "Georgia" follows its city, or the same rule as the text.
    expect(countries('GORI, Georgia — Officials said Russian troops had moved the border line near the Armenian road again.')).toContain('GE');
    expect(countries('ATLANTA, Georgia (AP) — Georgia lawmakers passed a bill on Tuesday that would tighten rules on voting.')).toEqual(['US']);
    expect(countries('SAVANNAH, Georgia — Port officials in Savannah said container volumes rose.', 'Savannah port volumes rise')).toEqual(['US']);
    // A town known in neither: the article's places decide, and with none the state.
    expect(countries('STATESBORO, Georgia (WTOC) — Police arrested a man on Sunday after a chase, and turnout was low.')).toEqual(['US']);
    expect(countries('PEACHTREE CITY, Georgia (AP) — Voters here and in nearby Atlanta queued for hours on Tuesday.')).toEqual(['US']);
    expect(countries('TSAGERI, Georgia (AP) — Voters said prices had risen since the border with Russia closed.')).toEqual(['GE']);
    // The US named as a foreign actor is not evidence for the state.
    expect(countries('Georgia passed a law modelled on Russia’s foreign agent law. The U.S. condemned it, and Washington said ties would suffer.')).toContain('GE');
  });

  it('does not count the Indian Ocean, Latin America or the Paris Club as countries', () => {
    expect(countries('Ships crossed the Indian Ocean; Latin American debtors met the Paris Club.')).toEqual([]);
  });

  it('requires capitals for US and in headlines still reads U.S.', () => {
    expect(countries('Tell us what you think, all of us agree.')).toEqual([]);
    expect(countries('', 'U.S. TRADE DEFICIT WIDENS')).toEqual(['US']);
  });

  it('reads a caseless text (a lower-case forum post) with its capitalized-only names', () => {
    expect(countries('turkey and china trade more than ever, and turkey imports chinese goods and china says so')).toEqual(expect.arrayContaining(['TR', 'CN']));
  });
});

describe('salience', () => {
  it('puts the dateline country first', () => {
    const tags = tagArticle({ title: 'Oil prices rise', text: 'Saudi Arabia and Iran raised output. Iran said so.', dateline: 'LONDON, March 3 -' });
    expect(tags.countries[0]).toBe('GB');
  });

  it('reads a dateline at the start of the text when none is given', () => {
    const tags = tagArticle({ title: 'Talks resume', text: 'BAKU, Azerbaijan (AP) — Officials resumed talks on Tuesday with Armenian negotiators.' });
    expect(tags.countries[0]).toBe('AZ');
  });

  it('puts the country of the title ahead of one mentioned more often later', () => {
    const filler = 'Officials met on Monday to discuss the rate decision and its effect on lending. '.repeat(6);
    const text = `${filler}Later, analysts compared it with France, with France's rates and with France again.`;
    expect(countries(text, 'Japan raises rates')[0]).toBe('JP');
  });

  it('drops a single passing mention in a dated wire story but keeps it in an undated analysis', () => {
    const text = 'The bank cut rates by half a point, citing slower growth. Chile signed a debt accord last week. The bank said more cuts could follow.';
    expect(countries(text, 'BANK CUTS RATES', 'NEW YORK, March 3 -')).toEqual(['US']);
    expect(countries(text, 'Bank cuts rates')).toEqual(['CL']);
  });

  it('weighs company names and currencies less than a country that the story is about', () => {
    const text = 'Nippon Steel Corp said its Brazilian unit will pay 50 mln U.S. dlrs. Brazil welcomed the deal, Brazil officials said.';
    expect(countries(text, 'BRAZIL WELCOMES STEEL DEAL', 'RIO DE JANEIRO, March 3 -')).toEqual(['BR']);
  });

  it('never returns the same country twice', () => {
    const tags = countries('Azerbaijan, Azerbaijani, Baku, AZERBAIJAN.', 'Azerbaijan', 'BAKU, July 10 -');
    expect(tags).toEqual(['AZ']);
  });
});
