#ifndef LINQMAP_CFATALSIGNALS_H
#define LINQMAP_CFATALSIGNALS_H
/// Saves the terminal modes of `fd` (call it before curses changes them) and installs handlers for SIGSEGV,
/// SIGILL, SIGTRAP, SIGBUS and SIGABRT. On a crash the handler restores those modes, leaves the alternate
/// screen, shows the cursor, resets colours, writes the note (if any), then hands over to the handler that was
/// installed before (Swift's backtracer) or to the default action. Also gives the calling thread an alternate
/// signal stack so that a stack overflow is caught. Returns 0 when the modes were saved, -1 when `fd` is not a
/// terminal (the handlers are installed all the same, to write the note). Calling it again re-saves the modes.
int lm_fatal_signals_install(int fd);
/// Sets a line written to `fd` after the terminal is restored on a crash (for example where the backtrace
/// went); at most 511 bytes are kept; NULL clears it. Written only once `lm_fatal_signals_install` has run.
void lm_fatal_signals_set_note(int fd, const char *note);
/// Forgets the saved modes: after this the handlers only write the note and hand over.
void lm_fatal_signals_disarm(void);
/// Gives the calling thread an alternate signal stack if it has none; returns 0 on success.
int lm_fatal_signals_prepare_thread(void);
/// Limits glibc's malloc to `count` arenas (mallopt M_ARENA_MAX), so memory allocated on one thread and freed on
/// another cannot fragment many arenas; returns 1 on success, 0 on failure or where the C library is not glibc.
int lm_limit_malloc_arenas(int count);
#endif
