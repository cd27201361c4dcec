// Short news reports of our own, in English and in Thai, for clustering across languages: one event told in both
// (the Thai–Cambodian peace declaration, as Reuters would report it in English and Thai PBS in Thai), and another
// event of the same border with the same two prime ministers, in Thai.

/** The declaration signed in Kuala Lumpur, in English. */
export const declarationInEnglish = {
  title: 'Thailand to free 18 Cambodian soldiers as Anutin and Hun Manet sign peace declaration',
  text:
    'Thai Prime Minister Anutin Charnvirakul and Cambodian Prime Minister Hun Manet signed a joint declaration in Kuala Lumpur on Sunday, ' +
    'with U.S. President Donald Trump and Malaysian Prime Minister Anwar Ibrahim as witnesses. ' +
    'Thailand will release 18 Cambodian soldiers captured during the July border clashes, and both sides will pull heavy weapons back from the border. ' +
    'Anutin said the deal would be carried out in stages. Hun Manet called it a historic day for the region.',
  language: 'en',
};

/** The same declaration, in Thai: names after their titles (นาย, สมเด็จ), the given name and surname apart. */
export const declarationInThai = {
  title: 'ไทยเตรียมปล่อยทหารกัมพูชา 18 นาย อนุทิน-ฮุน มาเนต ลงนามปฏิญญาสันติภาพ',
  text:
    'นายอนุทิน ชาญวีรกูล นายกรัฐมนตรี และสมเด็จฮุน มาเนต นายกรัฐมนตรีกัมพูชา ลงนามในปฏิญญาร่วมเมื่อวันอาทิตย์ที่กรุงกัวลาลัมเปอร์ ' +
    'โดยมีนายโดนัลด์ ทรัมป์ ประธานาธิบดีสหรัฐ และนายอันวาร์ อิบราฮิม นายกรัฐมนตรีมาเลเซีย ร่วมเป็นสักขีพยาน ' +
    'ตามข้อตกลง ไทยจะปล่อยตัวทหารกัมพูชา 18 นาย ที่ถูกควบคุมตัวตั้งแต่การปะทะเมื่อเดือนกรกฎาคม และทั้งสองฝ่ายจะถอนอาวุธหนักออกจากแนวชายแดน ' +
    'นายอนุทินกล่าวว่าข้อตกลงจะดำเนินการเป็นขั้นตอน ขณะที่สมเด็จฮุน มาเนต ระบุว่าเป็นวันประวัติศาสตร์ของภูมิภาค',
  language: 'th',
};

/** A month later on the same border, in Thai: the same two prime ministers, another event (a border crossing reopened). */
export const crossingInThai = {
  title: 'อนุทินหารือฮุน มาเนต ทางโทรศัพท์ เปิดด่านช่องจอมให้รถบรรทุกสินค้าผ่าน',
  text:
    'นายอนุทิน ชาญวีรกูล นายกรัฐมนตรี หารือทางโทรศัพท์กับสมเด็จฮุน มาเนต นายกรัฐมนตรีกัมพูชา เมื่อคืนวันพุธ ' +
    'ทั้งสองฝ่ายตกลงเปิดด่านช่องจอม จังหวัดสุรินทร์ ให้รถบรรทุกสินค้าผ่านได้วันละ 50 คัน ตั้งแต่วันจันทร์หน้า ' +
    'นายอนุทินกล่าวว่าผู้ค้าชายแดนรอการเปิดด่านมาหลายเดือน และจะพิจารณาเปิดด่านอื่นเพิ่มเติมในภายหลัง',
  language: 'th',
};

/**
 * Thai reports of other news, so that the words every Thai report of the border uses (นายกรัฐมนตรี, กัมพูชา, ชายแดน)
 * weigh as little as they do in a real feed's store.
 */
export const otherThaiNews = [
  {
    title: 'ครม.อนุมัติงบกลาง 3 พันล้านบาท เยียวยาผู้ประสบภัยน้ำท่วมภาคเหนือ',
    text: 'นายกรัฐมนตรีเป็นประธานการประชุมคณะรัฐมนตรี ที่ประชุมอนุมัติงบกลางเพื่อเยียวยาผู้ประสบภัยน้ำท่วมในเชียงรายและเชียงใหม่ ครัวเรือนละ 9,000 บาท',
    language: 'th',
  },
  {
    title: 'กัมพูชาเปิดเส้นทางรถไฟพนมเปญ-ปอยเปต เที่ยวแรกในรอบ 40 ปี',
    text: 'การรถไฟกัมพูชาเปิดให้บริการรถไฟโดยสารจากพนมเปญถึงปอยเปตซึ่งอยู่ติดชายแดนไทย ผู้โดยสารเต็มทุกที่นั่ง',
    language: 'th',
  },
  {
    title: 'ผู้ค้าชายแดนจันทบุรีร้องรัฐบาลช่วยเหลือ หลังยอดขายผลไม้ลดลง',
    text: 'ผู้ค้าผลไม้ตามแนวชายแดนจังหวัดจันทบุรียื่นหนังสือถึงนายกรัฐมนตรี ขอให้รัฐบาลหาตลาดใหม่ หลังการส่งออกทุเรียนไปกัมพูชาลดลงเกือบครึ่ง',
    language: 'th',
  },
  {
    title: 'กรมอุตุฯ เตือนฝนตกหนักภาคใต้ถึงสุดสัปดาห์',
    text: 'กรมอุตุนิยมวิทยาเตือนประชาชนในภาคใต้ระวังฝนตกหนักถึงหนักมาก และน้ำป่าไหลหลาก ชาวเรือควรงดออกจากฝั่ง',
    language: 'th',
  },
];
