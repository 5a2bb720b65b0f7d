// NB: the platform switches of this file (docs/platform-notes.md, "Platforms"): glibc hides some POSIX and
// BSD names unless asked; Darwin spells the anonymous mapping MAP_ANON on older SDKs.
#if defined(__linux__)
#define _GNU_SOURCE
#endif
#include "CFatalSignals.h"

#include <errno.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <termios.h>
#include <unistd.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

#if !defined(MAP_ANONYMOUS) && defined(MAP_ANON)
#define MAP_ANONYMOUS MAP_ANON
#endif

// Everything the handler touches lives in C globals, written before the handlers are installed.
static const int fatal_signals[] = {SIGSEGV, SIGILL, SIGTRAP, SIGBUS, SIGABRT};
#define FATAL_COUNT (sizeof(fatal_signals) / sizeof(fatal_signals[0]))
static struct sigaction previous_actions[FATAL_COUNT];
static atomic_int installed = 0;
static struct termios saved_modes;
static atomic_int terminal_fd = -1;
static char note_text[512];
static atomic_int note_length = 0;
static atomic_int note_fd = -1;
static atomic_int handling = 0;

// NB: leave the alternate screen (rmcup), normal cursor keys and keypad (rmkx), show the cursor, reset SGR.
static const char reset_sequence[] = "\033[?1006l\033[?1002l\033[?1000l\033[?1049l\033[?1l\033>\033[?25h\033[0m\r\n";

static void write_all(int fd, const char *bytes, size_t length) {
    while (length > 0) {
        ssize_t written = write(fd, bytes, length);
        if (written < 0 && errno == EINTR) continue;
        if (written <= 0) return;
        bytes += written;
        length -= (size_t)written;
    }
}

static int index_of(int signal_number) {
    for (size_t i = 0; i < FATAL_COUNT; i++) {
        if (fatal_signals[i] == signal_number) return (int)i;
    }
    return -1;
}

static void handle_fatal(int signal_number, siginfo_t *info, void *context) {
    int saved_errno = errno;
    int index = index_of(signal_number);
    // A second fault while restoring (or a fault in another thread) goes straight to the previous handler.
    if (atomic_exchange(&handling, 1) == 0) {
        int fd = atomic_load(&terminal_fd);
        if (fd >= 0) {
            tcsetattr(fd, TCSANOW, &saved_modes);
            write_all(fd, reset_sequence, sizeof(reset_sequence) - 1);
        }
        int length = atomic_load(&note_length);
        int out = atomic_load(&note_fd);
        if (length > 0 && out >= 0) write_all(out, note_text, (size_t)length);
    }
    if (index < 0) return;
    struct sigaction previous = previous_actions[index];
    // Put the previous disposition back first: if it is the default, a real fault re-executes on return and
    // kills the process with the usual status and core dump.
    sigaction(signal_number, &previous, NULL);
    errno = saved_errno;
    if ((previous.sa_flags & SA_SIGINFO) && previous.sa_sigaction != NULL) {
        previous.sa_sigaction(signal_number, info, context);
    } else if (previous.sa_handler != SIG_DFL && previous.sa_handler != SIG_IGN && previous.sa_handler != NULL) {
        previous.sa_handler(signal_number);
    }
    // A signal sent by kill/raise/abort does not come back on return: make sure it still ends the process.
    if (info == NULL || info->si_code <= 0) {
        struct sigaction fallback;
        memset(&fallback, 0, sizeof fallback);
        fallback.sa_handler = SIG_DFL;
        sigemptyset(&fallback.sa_mask);
        sigaction(signal_number, &fallback, NULL);
        raise(signal_number);
    }
}

int lm_fatal_signals_prepare_thread(void) {
    stack_t current;
    if (sigaltstack(NULL, &current) != 0) return -1;
    if (current.ss_sp != NULL && !(current.ss_flags & SS_DISABLE)) return 0;
    // NB: Swift's runtime uses SIGSTKSZ + 16 KB for its own handler; its backtracer runs on this stack too.
    size_t size = 256 * 1024;
    void *memory = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (memory == MAP_FAILED) return -1;
    stack_t stack = {.ss_sp = memory, .ss_flags = 0, .ss_size = size};
    if (sigaltstack(&stack, NULL) != 0) {
        munmap(memory, size);
        return -1;
    }
    return 0;
}

int lm_fatal_signals_install(int fd) {
    int status = -1;
    if (isatty(fd) && tcgetattr(fd, &saved_modes) == 0) {
        atomic_store(&terminal_fd, fd);
        status = 0;
    }
    lm_fatal_signals_prepare_thread();
    if (atomic_exchange(&installed, 1) == 1) return status;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = handle_fatal;
    action.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
    sigfillset(&action.sa_mask);
    for (size_t i = 0; i < FATAL_COUNT; i++) sigdelset(&action.sa_mask, fatal_signals[i]);
    for (size_t i = 0; i < FATAL_COUNT; i++) {
        sigaction(fatal_signals[i], &action, &previous_actions[i]);
    }
    return status;
}

void lm_fatal_signals_set_note(int fd, const char *note) {
    atomic_store(&note_length, 0);
    if (note == NULL) return;
    size_t length = strlen(note);
    if (length > sizeof(note_text) - 1) length = sizeof(note_text) - 1;
    memcpy(note_text, note, length);
    atomic_store(&note_fd, fd);
    atomic_store(&note_length, (int)length);
}

void lm_fatal_signals_disarm(void) { atomic_store(&terminal_fd, -1); }

int lm_limit_malloc_arenas(int count) {
#if defined(__GLIBC__)
    return mallopt(M_ARENA_MAX, count);
#else
    (void)count;
    return 0;
#endif
}
