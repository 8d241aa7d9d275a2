"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.FOLDER_NAMES = exports.COMPANY_NAMES = exports.JOB_TITLES = exports.UNICODE_ADDRESSES = exports.EMAIL_LOCAL_PARTS = exports.CULTURES = void 0;
exports.CULTURES = [
    {
        name: 'english',
        givenNames: ['James', 'Olivia', 'Liam', 'Emma', "D'Arcy", 'Mary-Kate', 'Noah', 'Ava', 'Siobhán', 'Seán'],
        surnames: ["O'Brien", 'Smith', 'Johnson', 'Williams', 'Brown', 'Taylor-Wood', 'McDonald', 'Jones'],
        phoneTemplates: ['(425) 555-01##', '+1 425-555-01##', '425.555.01##', '+1 (206) 555-01## x###', '+44 20 7946 0###', '07700 900###', 'tel:+1-425-555-01##'],
        domains: ['contoso.com', 'example.com', 'fabrikam.co.uk'],
    },
    {
        name: 'french',
        givenNames: ['Zoé', 'Hélène', 'François', 'Anaïs', 'Jérôme', 'Cécile', 'Zoe\u0301', 'Jean-Luc', 'Maëlle', 'Noël'],
        surnames: ['Lefèvre', 'Dubois', 'Girard', 'Bénard', 'Château', "d'Aubigné", 'Moreau', 'Lemaître'],
        phoneTemplates: ['+33 1 ## ## ## ##', '01 ## ## ## ##', '06.##.##.##.##', '+33 (0)6 ## ## ## ##', '0033 7 ## ## ## ##'],
        domains: ['exemple.fr', 'fabrikam.fr', 'société.example'],
    },
    {
        name: 'german',
        givenNames: ['Jürgen', 'Björn', 'Günther', 'Lea', 'Jörg', 'Sophie', 'Maximilian', 'Ümit'],
        surnames: ['Müller', 'Schröder', 'Weiß', 'Groß', 'Köhler', 'von Straßburg', 'Öztürk', 'Schmidt'],
        phoneTemplates: ['+49 30 #######', '030/#######', '+49 (0) 171 #######', '0171-#######', '+43 1 ### ## ##', '+41 44 ### ## ##'],
        domains: ['beispiel.de', 'müller.example', 'contoso.at'],
    },
    {
        name: 'iberian',
        givenNames: ['José', 'María', 'Iñigo', 'Begoña', 'João', 'Conceição', 'Ángel', 'Núria'],
        surnames: ['Núñez', 'Peña', 'Ibáñez', 'Gonçalves', 'Magalhães', 'García Lorca', 'Fernández'],
        phoneTemplates: ['+34 91 ### ## ##', '+34 6## ### ###', '+351 21 ### ####', '+55 (11) 9####-####', '+52 55 #### ####'],
        domains: ['ejemplo.es', 'exemplo.pt', 'contoso.com.br'],
    },
    {
        name: 'central-european',
        givenNames: ['Łukasz', 'Małgorzata', 'Paweł', 'Zdeněk', 'Jiří', 'Agnieszka', 'Zoltán', 'Ștefan'],
        surnames: ['Wójcik', 'Kowalczyk', 'Dvořák', 'Nováková', 'Łęcki', 'Szőke', 'Popescu', 'Brzęczyszczykiewicz'],
        phoneTemplates: ['+48 ### ### ###', '+420 ### ### ###', '+36 1 ### ####', '+40 7## ### ###'],
        domains: ['przyklad.pl', 'priklad.cz', 'contoso.ro'],
    },
    {
        name: 'turkish-vietnamese',
        givenNames: ['Çağla', 'Şule', 'Gökhan', 'İsmail', 'Thảo', 'Đức', 'Hương', 'Nguyệt'],
        surnames: ['Yılmaz', 'Öztürk', 'Şahin', 'Nguyễn', 'Trần', 'Phạm', 'Lê'],
        phoneTemplates: ['+90 212 ### ## ##', '0 (532) ### ## ##', '+84 24 #### ####', '09## ### ###'],
        domains: ['ornek.com.tr', 'vidu.vn'],
    },
    {
        name: 'cyrillic',
        givenNames: ['Алексей', 'Мария', 'Дмитрий', 'Ольга', 'Юлія', 'Сергій', 'Наталья', 'Ёжик'],
        surnames: ['Иванов', 'Смирнова', 'Кузнецов', 'Шевченко', 'Ковальчук', 'Петрова', 'Соловьёв'],
        phoneTemplates: ['+7 (495) ###-##-##', '8 916 ###-##-##', '+7 812 ### ## ##', '+380 44 ### ####', '+359 2 ### ####'],
        domains: ['пример.рф', 'example.ru', 'contoso.ua'],
    },
    {
        name: 'greek',
        givenNames: ['Γιώργος', 'Μαρία', 'Ελένη', 'Δημήτρης', 'Αικατερίνη', 'Νίκος'],
        surnames: ['Παπαδόπουλος', 'Οικονόμου', 'Γεωργίου', 'Βασιλείου', 'Αντωνίου'],
        phoneTemplates: ['+30 21 #### ####', '+30 69# ### ####', '210 ### ####'],
        domains: ['paradeigma.gr', 'contoso.gr'],
    },
    {
        name: 'arabic',
        givenNames: ['محمد', 'فاطمة', 'أحمد', 'ليلى', 'عبد الله', 'نور'],
        surnames: ['العلي', 'حداد', 'الخطيب', 'منصور', 'بن سالم'],
        phoneTemplates: ['+971 4 ### ####', '+966 5# ### ####', '+20 2 #### ####', '٠§§ §§§ §§§§', '+٩٧١ § §§§ §§§§'],
        domains: ['mithal.ae', 'contoso.sa', 'مثال.مصر'],
    },
    {
        name: 'hebrew',
        givenNames: ['דוד', 'שרה', 'נועה', 'יוסף'],
        surnames: ['כהן', 'לוי', 'מזרחי', 'פרץ'],
        phoneTemplates: ['+972-3-###-####', '05#-###-####'],
        domains: ['dugma.co.il'],
    },
    {
        name: 'chinese',
        familyFirst: true,
        givenNames: ['伟', '芳', '娜', '秀英', '静', '建华', '小龙'],
        surnames: ['王', '李', '张', '刘', '陈', '欧阳'],
        phoneTemplates: ['+86 10 #### ####', '138 #### ####', '+86-21-########', '+852 #### ####', '+886 2 #### ####'],
        domains: ['lizi.cn', '例子.中国', 'contoso.com.tw'],
    },
    {
        name: 'japanese',
        familyFirst: true,
        givenNames: ['太郎', '花子', '翔', 'さくら', '健一', 'ユキ'],
        surnames: ['佐藤', '鈴木', '高橋', '田中', '渡辺'],
        phoneTemplates: ['+81 3-####-####', '03-####-####', '090-####-####', '０３-＃＃＃＃-＃＃＃＃'],
        domains: ['rei.co.jp', 'contoso.jp'],
    },
    {
        name: 'korean',
        familyFirst: true,
        givenNames: ['민준', '서연', '지우', '하은'],
        surnames: ['김', '이', '박', '최'],
        phoneTemplates: ['+82 2-####-####', '010-####-####'],
        domains: ['yesi.kr'],
    },
    {
        name: 'devanagari',
        givenNames: ['राहुल', 'प्रिया', 'अमित', 'सुनीता', 'विजय'],
        surnames: ['शर्मा', 'वर्मा', 'गुप्ता', 'पटेल', 'सिंह'],
        phoneTemplates: ['+91 98### #####', '098### #####', '+91-22-####-####', '+977 1-#######'],
        domains: ['udaharan.in', 'उदाहरण.भारत'],
    },
    {
        name: 'thai',
        givenNames: ['สมชาย', 'สมหญิง', 'อนันต์'],
        surnames: ['ใจดี', 'ศรีสุข', 'วงศ์สวัสดิ์'],
        phoneTemplates: ['+66 2 ### ####', '08# ### ####'],
        domains: ['tuayang.co.th'],
    },
];
/** Mailbox-local parts (ASCII) that give email addresses some variety. */
exports.EMAIL_LOCAL_PARTS = [
    'alex', 'm.garcia', 'first.last', 'o.brien', 'zoe_l', 'sales+vip', 'info', 'x', 'jean-luc', 'ops.team',
];
/** Addresses outside plain ASCII (internationalised mail). */
exports.UNICODE_ADDRESSES = ['müller@bücher.example', 'почта@пример.рф', '用户@例子.广告', 'josé@ejemplo.es'];
exports.JOB_TITLES = [
    'Account Manager', 'Ingénieure logiciel', 'Geschäftsführer', 'Директор по продажам', 'Διευθυντής', 'مدير المشروع',
    '営業部長', 'प्रबंधक', 'CEO & Founder', '',
];
exports.COMPANY_NAMES = [
    'Contoso Ltd.', 'Fabrikam, Inc.', 'Société Générale d’Exemple', 'Müller & Söhne GmbH', 'ООО «Пример»', 'شركة المثال',
    '株式会社サンプル', 'Adventure Works', '',
];
exports.FOLDER_NAMES = [
    'Family', 'Clients — Europe', 'Fournisseurs', 'Семья', '同事', 'Équipe / Team #2', 'Old? Contacts', 'VIP ⭐',
    'Αρχείο', 'زملاء العمل', 'Suppliers', 'Partners',
];
//# sourceMappingURL=generatorCultures.js.map