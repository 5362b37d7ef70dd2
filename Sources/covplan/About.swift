// Module covplan.
//
// Owns: the command-line interface: flags → options and plans → library calls → writers; exit
// codes and one-line errors.
//
// Must not: hold analysis logic or defaults of its own (defaults live in the library types they
// configure).
