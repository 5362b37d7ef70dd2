// The catalogue texts of ANPR / Sergek camera placement in the placement section, per language;
// merged into `Catalog.enAll`, `.ruAll`, `.kkAll` (the same completeness and Cyrillic tests cover them).
extension Catalog {
    static let anprEN: [String: String] = [
        "place.map.caption.anpr": "New ANPR cameras (purple), numbered as in the table, chosen for the most traffic targets read in their direction of travel; new posts (red), for the most residents newly within reach.",
        "col.marginal_gain": "targets newly read (weight)",
        "place.f.anpr": "**{0} new ANPR {0|camera|cameras}** for {1}, objective: {2}. Share of the targets read: {3} → **{4}**; complete: {5} of {6} (every direction or approach of an entry, junction or stretch, or a trip). A plate counts as read at the {7} level with the camera facing the traffic within {8}°.",
        "place.f.anpr.lower": "Proven quality: any plan reading this share needs at least **{0}** {1}; this plan is at most {2} above that.",
        "place.anpr.unit.cameras": "{0|camera|cameras}",
        "place.anpr.unit.tenge": "{0|tenge|tenge}",
        "place.table.anpr": "Proposed ANPR cameras, in order of marginal gain",
        "val.anpr-entries": "every city entry read in both directions",
        "val.anpr-junctions": "every junction approach read",
        "val.anpr-speed": "straight stretches read in both directions (speed points)",
        "val.anpr-flow": "the largest share of vehicle trips passing a camera that reads them",
    ]

    static let anprRU: [String: String] = [
        "place.map.caption.anpr": "Новые камеры ANPR (фиолетовые), с номерами как в таблице, выбраны по наибольшему числу целей, читаемых по направлению движения; новые посты (красные) — по приросту числа жителей в зоне доезда.",
        "col.marginal_gain": "прирост прочитанных целей (вес)",
        "place.f.anpr": "**{0} {0|новая камера|новые камеры|новых камер} ANPR** на {1}, цель: {2}. Доля считываемых целей: {3} → **{4}**; полностью: {5} из {6} (все направления или подходы въезда, перекрёстка или участка, либо поездка). Номер считается прочитанным на уровне «{7}», если камера смотрит навстречу потоку с отклонением не более {8}°.",
        "place.f.anpr.lower": "Доказанное качество: любому плану, читающему эту долю, нужно не меньше **{0}** {1}; этот план больше не более чем на {2}.",
        "place.anpr.unit.cameras": "{0|камеры|камер|камер}",
        "place.anpr.unit.tenge": "{0|тенге|тенге|тенге}",
        "place.table.anpr": "Предлагаемые камеры ANPR в порядке прироста",
        "val.anpr-entries": "каждый въезд в город в обоих направлениях",
        "val.anpr-junctions": "каждый подход к перекрёстку",
        "val.anpr-speed": "прямые участки в обоих направлениях (точки контроля скорости)",
        "val.anpr-flow": "наибольшая доля поездок, проходящих мимо камеры, которая их читает",
    ]

    static let anprKK: [String: String] = [
        "place.map.caption.anpr": "Жаңа ANPR камералары (күлгін), нөмірлері кестедегідей, қозғалыс бағыты бойынша оқылатын нысаналардың ең көп санына қарай таңдалған; жаңа бекеттер (қызыл) — жету аймағындағы тұрғындардың өсіміне қарай.",
        "col.marginal_gain": "жаңадан оқылған нысаналар (салмағы)",
        "place.f.anpr": "**{0} жаңа ANPR камерасы**, құны {1}, мақсаты: {2}. Оқылатын нысаналар үлесі: {3} → **{4}**; толық: {6} ішінен {5} (кіреберістің, қиылыстың немесе учаскенің барлық бағыты не кіреберісі, не сапар). Нөмір «{7}» деңгейінде, камера ағынға қарсы {8}° ауытқудан аспай қараса, оқылды деп саналады.",
        "place.f.anpr.lower": "Дәлелденген сапа: осы үлесті оқитын кез келген жоспарға кемінде **{0}** {1} керек; бұл жоспар одан {2} аспайды.",
        "place.anpr.unit.cameras": "{0|камера}",
        "place.anpr.unit.tenge": "{0|теңге}",
        "place.table.anpr": "Ұсынылатын ANPR камералары, өсім ретімен",
        "val.anpr-entries": "қалаға әр кіреберіс екі бағытта",
        "val.anpr-junctions": "қиылысқа әр кіреберіс",
        "val.anpr-speed": "екі бағыттағы түзу учаскелер (жылдамдықты бақылау нүктелері)",
        "val.anpr-flow": "оларды оқитын камераның жанынан өтетін сапарлардың ең үлкен үлесі",
    ]
}
