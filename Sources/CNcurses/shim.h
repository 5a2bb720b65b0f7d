#ifndef LINQMAP_CNCURSES_SHIM_H
#define LINQMAP_CNCURSES_SHIM_H
// NB: SwiftPM drops pkg-config's -D flags; without these the wide-character API is missing.
// (docs/platform-notes.md, "ncurses from Swift").
#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <wchar.h>
#include <langinfo.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <ncursesw/curses.h>
#include <ncursesw/term.h>

// NB: Swift 6 rejects mutable C globals (stdscr, LINES, COLS, stdout) and cannot see function-like macros.
// (docs/platform-notes.md, "ncurses from Swift").
static inline WINDOW *cn_stdscr(void) { return stdscr; }
static inline int cn_lines(void) { return LINES; }
static inline int cn_cols(void) { return COLS; }
static inline int cn_colors(void) { return COLORS; }
static inline int cn_color_pairs(void) { return COLOR_PAIRS; }
static inline attr_t cn_a_bold(void) { return A_BOLD; }
static inline attr_t cn_a_dim(void) { return A_DIM; }
static inline attr_t cn_a_reverse(void) { return A_REVERSE; }
static inline attr_t cn_a_underline(void) { return A_UNDERLINE; }
static inline attr_t cn_a_normal(void) { return A_NORMAL; }
static inline attr_t cn_a_color(void) { return A_COLOR; }
static inline int cn_color_pair(int n) { return (int)COLOR_PAIR(n); }
static inline int cn_key_f(int n) { return KEY_F(n); }
/// 1 when the current terminal can address the cursor (`cup`); a dumb terminal cannot.
static inline int cn_has_cup(void) { char *s = tigetstr("cup"); return s && s != (char *)-1; }
/// `newterm(term, stdout, stdin)`; NULL when the terminal type is unknown (unlike initscr, it does not exit).
static inline SCREEN *cn_newterm_stdio(const char *term) { return newterm(term, stdout, stdin); }
/// Columns `c` takes on the terminal (wcwidth: -1 for controls); glibc hides wcwidth without _XOPEN_SOURCE.
extern int wcwidth(wchar_t c);
static inline int cn_wcwidth(wchar_t c) { return wcwidth(c); }
/// Bytes waiting to be read on `fd` (FIONREAD), or -1.
static inline int cn_bytes_available(int fd) { int n = 0; return ioctl(fd, FIONREAD, &n) == 0 ? n : -1; }
#endif
