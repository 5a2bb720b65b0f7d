#include "CFatalSignals.h"
int lm_fatal_signals_install(int fd) { (void)fd; return -1; }
void lm_fatal_signals_disarm(void) {}
