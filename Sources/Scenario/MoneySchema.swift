import Budget
import GeoCore
import Staffing

extension ScenarioSchema {
    /// The money sections: cost table, control-centre connections, post staff, fleet sizing.
    static let moneyFields: [SchemaField] = [
        SchemaField("costs", .object([
            SchemaField("file", .path, "JSON cost table laid over the seed figures (`contract_years`, `discount_rate`, `connection: {fixed_tenge, tenge_per_m}`, `items: {KEY: {capex_tenge, opex_tenge_per_year, source}}`)."),
            SchemaField("contract_years", .integer(min: 1, max: CostTable.maxYears), "Contract (appraisal) length in years (default 5)."),
            SchemaField("discount_rate", .number(min: 0, max: 0.99), "Yearly discount rate as a fraction (default 0.1); running costs are paid at the end of each year."),
        ]), "Capital and yearly running costs per item, contract years and discount rate: net present cost and the request table."),
        SchemaField("connections", .object([
            SchemaField("layer", .object(layerRef), required: true, "Objects (schools, public buildings; kind `control_centre` for the ЦОУ) with a `connected` field and optional `pupils`."),
            SchemaField("budget_tenge", .number(min: 0, max: InputLimits.maxMagnitude), "Capital budget for new connections; the exact selection maximises `objective` (default: connect all)."),
            SchemaField("objective", .choice(["pupils", "objects"]), "What the budget selection maximises (default pupils)."),
            SchemaField("max_snap_m", .number(min: 0, max: InputLimits.maxMeters, exclusiveMin: true), default: .number(500), "Furthest an object may be from a street, metres."),
        ]), "Connection of objects to the operations control centre along the streets."),
        SchemaField("staffing", .object([
            SchemaField("officers_per_post", .integer(min: 1, max: 100), default: .integer(1), "Officers on duty at each post around the clock."),
            SchemaField("existing_posts_staffed", .bool, "The scenario's existing posts already have their staff: request staff for proposed posts only (default false)."),
            SchemaField("relief", .object([
                SchemaField("weekly_hours", .number(min: 1, max: 168), default: .number(ReliefFactor().weeklyHours), "Contract hours per week."),
                SchemaField("day_hours", .number(min: 1, max: 24), default: .number(ReliefFactor().dayHours), "Hours of a working day."),
                SchemaField("leave_days", .number(min: 0, max: 365), default: .number(ReliefFactor().leaveDays), "Working days of annual leave."),
                SchemaField("holiday_days", .number(min: 0, max: 365), default: .number(ReliefFactor().holidayDays), "Public holidays off."),
                SchemaField("training_days", .number(min: 0, max: 365), default: .number(ReliefFactor().trainingDays), "Training days."),
                SchemaField("sickness_days", .number(min: 0, max: 365), default: .number(ReliefFactor().sicknessDays), "Sick days."),
            ]), "Assumptions of the relief factor: officers per round-the-clock position = 8,760 h ÷ productive hours."),
        ]), "Staff of posts staffed 24/7."),
        SchemaField("fleet", .object([
            SchemaField("target_minutes", .number(min: 0, max: InputLimits.maxMinutes, exclusiveMin: true), "Response target (default simulation.target_minutes, else 5)."),
            SchemaField("share_within_target", .number(min: 0, max: 1, exclusiveMin: true), default: .number(0.8), "Share of calls in a block to answer within the target."),
            SchemaField("max_units", .integer(min: 1, max: 200), default: .integer(20), "Largest fleet simulated."),
            SchemaField("block_hours", .choice(["1", "2", "3", "4", "6", "8", "12", "24"]), default: .text("6"), "Length of the time blocks of the day, hours."),
        ]), "Patrol units needed per time block: the smallest fleet meeting the target, by the dispatch simulation of the day the simulation section states (profile, after_service, warmup_days, hot spots, population; generated calls)."),
    ]
}
