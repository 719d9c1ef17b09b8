#ifndef TD_BANNED_H
#define TD_BANNED_H
/*
 * Functions that are easy to misuse. Including this header after the
 * system headers turns a use into a compile error (git banned.h). Use
 * struct td_buf, snprintf, strtok_r-free parsing and gmtime_r instead.
 */
#define TD_BANNED(func) sorry_##func##_is_banned_in_takedown

#undef strcpy
#define strcpy(x, y) TD_BANNED(strcpy)
#undef strcat
#define strcat(x, y) TD_BANNED(strcat)
#undef sprintf
#define sprintf(...) TD_BANNED(sprintf)
#undef vsprintf
#define vsprintf(...) TD_BANNED(vsprintf)
#undef strtok
#define strtok(x, y) TD_BANNED(strtok)
#undef localtime
#define localtime(x) TD_BANNED(localtime)
#undef gmtime
#define gmtime(x) TD_BANNED(gmtime)
#undef gets
#define gets(x) TD_BANNED(gets)

#endif
