// Module PROJBridge.
//
// Owns: the PROJ C handles: contexts, coordinate transformers, CRS descriptions, scale-error
// measurement; typed PROJError with the C function's name.
//
// Must not: let a PROJ pointer out of the module, or decide policy (which CRS to use is
// CityIngest's choice).
