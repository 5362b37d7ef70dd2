#ifndef COVPLAN_CSQLITE_SHIM_H
#define COVPLAN_CSQLITE_SHIM_H
#include <sqlite3.h>
#endif
