/* banned.h — libc calls that are easy to misuse on untrusted data become compile errors */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef IA_BANNED_H
#define IA_BANNED_H

/* Included last by every .c file of src/, after every other header (a system header included
 * after it would trip over the macros); tests/layering.sh fails when one does not. */
#define BANNED(func) sorry_##func##_is_banned_in_imgaudit

#undef strcpy
#define strcpy(x, y) BANNED(strcpy)
#undef strcat
#define strcat(x, y) BANNED(strcat)
#undef strncpy
#define strncpy(x, y, n) BANNED(strncpy)
#undef sprintf
#define sprintf(...) BANNED(sprintf)
#undef vsprintf
#define vsprintf(...) BANNED(vsprintf)
#undef gets
#define gets(x) BANNED(gets)
#undef atoi
#define atoi(x) BANNED(atoi)
#undef atol
#define atol(x) BANNED(atol)
#undef strtok
#define strtok(x, y) BANNED(strtok)
#undef sscanf
#define sscanf(...) BANNED(sscanf)

#endif
