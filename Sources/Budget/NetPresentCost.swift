import GeoCore

/// Net present cost of buying something now and running it for a contract.
///
/// Convention: capital is paid at the start (year 0, undiscounted); running costs are paid at
/// the **end** of each contract year t = 1 … T and discounted by (1 + r)^t:
///
///     NPC = capex + Σ_{t=1}^{T} opex / (1 + r)^t
///         = capex + opex · (1 − (1 + r)^−T) / r      (r > 0;  capex + opex · T when r = 0)
///
/// No residual value, no inflation (figures in today's tenge, `r` a real rate).
public enum NetPresentCost {
    /// The annuity factor Σ_{t=1}^{T} (1 + r)^−t (T for r = 0).
    public static func annuityFactor(years: Int, rate: Double) -> Double {
        guard years > 0 else { return 0 }
        var f = 0.0, d = 1.0
        for _ in 1...years {
            d /= (1 + rate)
            f += d
        }
        return f
    }

    /// NPC of `quantity` units with the given capital and yearly running cost per unit, tenge.
    public static func of(capexTenge: Double, opexTengePerYear: Double, quantity: Double = 1, years: Int, rate: Double) -> Double {
        quantity * (capexTenge + opexTengePerYear * annuityFactor(years: years, rate: rate))
    }

    /// NPC of `quantity` units of a cost item under the table's contract and rate.
    public static func of(_ item: CostItem, quantity: Double = 1, table: CostTable) -> Double {
        of(capexTenge: item.capexTenge, opexTengePerYear: item.opexTengePerYear, quantity: quantity,
           years: table.contractYears, rate: table.discountRate)
    }

    /// Cost per covered street km-year: NPC ÷ (covered km × contract years); nil when nothing is
    /// covered.
    public static func perCoveredKmYear(npcTenge: Double, coveredMeters: Double, years: Int) -> Double? {
        guard coveredMeters > 0, years > 0 else { return nil }
        return npcTenge / (coveredMeters / 1000 * Double(years))
    }
}
