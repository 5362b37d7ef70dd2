// Module Simulation.
//
// Owns: incidents, dispatch discrete-event simulation, Larson's hypercube queueing model,
// camera–vehicle (Korgau) intercepts, and the city on the street graph (demand atoms, unit homes,
// travel times, trips), fleet sizing (the smallest number of units per time block that meets a
// response target).
//
// Must not: read files (units, calls, hot spots come through CityIngest) or write outputs.
