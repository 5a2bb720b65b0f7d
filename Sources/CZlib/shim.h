#ifndef LINQMAP_CZLIB_SHIM_H
#define LINQMAP_CZLIB_SHIM_H
#include <zlib.h>
#endif
