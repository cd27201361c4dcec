// Short news reports of our own, in English and in Georgian, for clustering across languages: one event told in both
// (a state visit, as Civil.ge would report it in English and a Georgian outlet in Georgian), and other events in
// Georgia that share a name with it or nothing at all.

/** Erdogan in Tbilisi, in English. */
export const visitInEnglish = {
  title: 'Erdogan and Kobakhidze sign 11 agreements in Tbilisi',
  text:
    'Turkish President Recep Tayyip Erdogan arrived in Tbilisi on Thursday for talks with Georgian Prime Minister Irakli Kobakhidze. ' +
    'The two leaders signed 11 agreements on energy, transport and trade, and agreed to raise bilateral trade to $5 billion by 2030. ' +
    'Kobakhidze said the Baku-Tbilisi-Kars railway would carry more freight next year. ' +
    'Erdogan called Georgia a strategic partner of Turkey and invited Kobakhidze to Ankara.',
  language: 'en',
};

/** The same visit, in Georgian. */
export const visitInGeorgian = {
  title: 'ერდოღანმა და კობახიძემ თბილისში 11 შეთანხმებას მოაწერეს ხელი',
  text:
    'თურქეთის პრეზიდენტი რეჯეფ თაიფ ერდოღანი ხუთშაბათს თბილისში ჩამოვიდა და საქართველოს პრემიერ-მინისტრ ირაკლი კობახიძეს შეხვდა. ' +
    'ლიდერებმა ენერგეტიკის, ტრანსპორტისა და ვაჭრობის სფეროში 11 შეთანხმებას მოაწერეს ხელი და შეთანხმდნენ, რომ 2030 წლისთვის ორმხრივი ვაჭრობა 5 მილიარდ დოლარამდე გაიზრდება. ' +
    'კობახიძის თქმით, ბაქო-თბილისი-ყარსის რკინიგზა მომავალ წელს მეტ ტვირთს გადაზიდავს. ' +
    'ერდოღანმა საქართველო თურქეთის სტრატეგიულ პარტნიორად მოიხსენია და კობახიძე ანკარაში მიიწვია.',
  language: 'ka',
};

/** Another event in Georgia the same week, in Georgian: the prime minister again, nothing else in common. */
export const portInGeorgian = {
  title: 'კობახიძემ ბათუმში ახალი საზღვაო ტერმინალის მშენებლობა დაათვალიერა',
  text:
    'საქართველოს პრემიერ-მინისტრმა ირაკლი კობახიძემ ბათუმში ახალი საზღვაო ტერმინალის მშენებლობა დაათვალიერა. ' +
    'მისი თქმით, ტერმინალი წელიწადში 40 ათას კონტეინერს მიიღებს და ადგილობრივ მოსახლეობას 300 სამუშაო ადგილი შეექმნება. ' +
    'კობახიძემ აჭარის მთავრობის წევრებთან ტურიზმის ზრდაზეც ისაუბრა.',
  language: 'ka',
};

/** A Georgian report with no name in it: a wildfire. */
export const fireInGeorgian = {
  title: 'ბორჯომის ხეობაში ტყის ხანძარი ჩააქრეს',
  text:
    'მეხანძრეებმა ორი დღის შემდეგ ტყის ხანძარი ჩააქრეს. ' +
    'შინაგან საქმეთა სამინისტროს ინფორმაციით, ცეცხლი 25 ჰექტარზე გავრცელდა და დაშავებული არავინ არის. ' +
    'ხანძრის მიზეზს გამოძიება ადგენს.',
  language: 'ka',
};
