#ifndef LINQMAP_CFATALSIGNALS_H
#define LINQMAP_CFATALSIGNALS_H
/// Saves the terminal modes of `fd` and installs handlers for SIGSEGV, SIGILL, SIGTRAP, SIGBUS and SIGABRT
/// that restore them, leave the alternate screen and show the cursor, then hand over to the previous handler.
/// Returns 0 on success, -1 when `fd` is not a terminal.
int lm_fatal_signals_install(int fd);
/// Forgets the saved modes: after this the handlers only hand over.
void lm_fatal_signals_disarm(void);
#endif
