/* common.h — what every library source file includes first */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef IA_COMMON_H
#define IA_COMMON_H

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/cleanup.h"
#include "util/err.h"
#include "util/limits.h"
#include "util/xalloc.h"

#endif
