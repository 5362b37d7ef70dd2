// SwiftPM links a debug executable on Linux with `--defsym main=<module>_main` (testable
// executables), so libFuzzer's own `main` is never pulled in and `<module>_main` must exist.
// Each one starts libFuzzer's driver on the target's `LLVMFuzzerTestOneInput` (defined in Swift
// with @_cdecl). Only the function of the executable being linked is used.
#include <stddef.h>
#include <stdint.h>
#include "FuzzMain.h"

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int run(int argc, char **argv) { return LLVMFuzzerRunDriver(&argc, &argv, LLVMFuzzerTestOneInput); }

int fuzz_geometry_main(int argc, char **argv) { return run(argc, argv); }
int fuzz_scenario_main(int argc, char **argv) { return run(argc, argv); }
int fuzz_camera_main(int argc, char **argv) { return run(argc, argv); }
int fuzz_prepared_main(int argc, char **argv) { return run(argc, argv); }
