#ifndef COVPLAN_CPROJ_SHIM_H
#define COVPLAN_CPROJ_SHIM_H
#include <proj.h>
#include <geodesic.h>
#endif
