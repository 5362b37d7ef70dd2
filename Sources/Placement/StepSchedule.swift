/// The step factor θ of the subgradient searches behind the placement bounds (Polyak steps
/// `θ · gap / ‖g‖²`): it starts at `initial` and is halved after `patience` iterations in a row
/// without a new best bound; a search is spent once θ falls below 1e-6.
struct StepSchedule {
    private(set) var theta: Double
    let patience: Int
    private var stall = 0

    init(initial: Double, patience: Int) {
        theta = initial
        self.patience = patience
    }

    /// Records one iteration; `improved` when it gave a new best bound.
    mutating func record(improved: Bool) {
        guard !improved else {
            stall = 0
            return
        }
        stall += 1
        if stall >= patience {
            theta *= 0.5
            stall = 0
        }
    }

    /// θ is too small for a step to change the bound.
    var isSpent: Bool { theta < 1e-6 }
}
