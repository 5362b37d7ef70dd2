// Entry points of the fuzz executables; see FuzzMain.c.
int fuzz_geometry_main(int argc, char **argv);
int fuzz_scenario_main(int argc, char **argv);
int fuzz_camera_main(int argc, char **argv);
int fuzz_prepared_main(int argc, char **argv);
