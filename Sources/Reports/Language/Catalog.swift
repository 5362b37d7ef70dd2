/// The catalogues of interface strings, one per language (`Catalog+en.swift`, `+ru`, `+kk`).
/// Terms follow Kazakh police documents: участковый инспектор полиции (УИП) / учаскелік полиция
/// инспекторы (УПИ), норматив 3 200 жителей на одного УИП, ЦОУ / ЖБО (центр оперативного
/// управления / жедел басқару орталығы), камеры «Сергек», модульные посты полиции / модульдік
/// полиция бекеттері.
public enum Catalog {
    /// Each language's whole catalogue: the main one and the report-layout texts
    /// (`CatalogReport+en.swift`, `+ru`, `+kk`: summary, glossary, map legends), the crime
    /// analysis texts (`Catalog+crime.swift`), the hypercube texts (`Catalog+queueing.swift`), the ANPR placement texts (`Catalog+anpr.swift`), the money texts (`Catalog+money+en.swift`, ...) and
    /// the `covplan serve` page texts (`Catalog+serve+en.swift`, ...).
    static let enAll = en.merging(reportEN) { a, _ in a }.merging(crimeEN) { a, _ in a }.merging(queueingEN) { a, _ in a }.merging(anprEN) { a, _ in a }.merging(moneyEn) { a, _ in a }
        .merging(serveEn) { a, _ in a }
    static let ruAll = ru.merging(reportRU) { a, _ in a }.merging(crimeRU) { a, _ in a }.merging(queueingRU) { a, _ in a }.merging(anprRU) { a, _ in a }.merging(moneyRu) { a, _ in a }
        .merging(serveRu) { a, _ in a }
    static let kkAll = kk.merging(reportKK) { a, _ in a }.merging(crimeKK) { a, _ in a }.merging(queueingKK) { a, _ in a }.merging(anprKK) { a, _ in a }.merging(moneyKk) { a, _ in a }
        .merging(serveKk) { a, _ in a }
}
