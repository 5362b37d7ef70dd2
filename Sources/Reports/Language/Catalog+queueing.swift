// The catalogue texts of the hypercube queueing section, per language; merged into
// `Catalog.en`, `.ru`, `.kk` by `Catalog.enAll` etc. (the same completeness and Cyrillic tests
// cover them).
extension Catalog {
    static let queueingEN: [String: String] = [
        "hc.title": "Unit workloads: hypercube queueing model",
        "hc.table.units": "Unit workloads (hypercube model)",
        "hc.f.model": "Larson's hypercube model ({0}): {1} units, {2} demand atoms, {3} calls per day, mean busy time per dispatch {4} min.",
        "hc.f.workload": "Mean unit workload **{0}%**; {1}% of dispatches go into another unit's area; a call waits for a free unit with probability {2}%.",
        "hc.f.response": "Mean response **{0} min** (travel {1} min, plus the wait in the queue).",
        "val.exact": "exact",
        "val.approximate": "approximate, A-hypercube",
    ]

    static let queueingRU: [String: String] = [
        "hc.title": "Загрузка экипажей: модель очередей «гиперкуб»",
        "hc.table.units": "Загрузка экипажей (модель «гиперкуб»)",
        "hc.f.model": "Модель «гиперкуб» Ларсона ({0}): экипажей {1}, зон спроса {2}, вызовов в сутки {3}, средняя занятость экипажа на один выезд {4} мин.",
        "hc.f.workload": "Средняя загрузка экипажа **{0} %**; {1} % выездов — на территорию другого экипажа; вызов ждёт свободный экипаж с вероятностью {2} %.",
        "hc.f.response": "Среднее время реагирования **{0} мин** (в пути {1} мин и ожидание в очереди).",
        "val.exact": "точная",
        "val.approximate": "приближённая, A-гиперкуб",
    ]

    static let queueingKK: [String: String] = [
        "hc.title": "Экипаждардың жүктемесі: «гиперкуб» кезек моделі",
        "hc.table.units": "Экипаждардың жүктемесі («гиперкуб» моделі)",
        "hc.f.model": "Ларсонның «гиперкуб» моделі ({0}): {1} экипаж, {2} сұраныс аймағы, тәулігіне {3} шақыру, бір шығуға экипаждың орташа бос емес уақыты {4} мин.",
        "hc.f.workload": "Экипаждың орташа жүктемесі **{0} %**; шығулардың {1} %-ы басқа экипаждың аумағына; шақыру бос экипажды {2} % ықтималдықпен күтеді.",
        "hc.f.response": "Ден қоюдың орташа уақыты **{0} мин** (жолда {1} мин және кезекте күту).",
        "val.exact": "дәл",
        "val.approximate": "жуық, A-гиперкуб",
    ]
}
