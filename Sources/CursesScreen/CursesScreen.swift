import CFatalSignals
import CNcurses
import Foundation
import TextUI

/// The terminal as an ncurses screen: draws cell buffers, reads keys, suspends and restores.
///
/// Not `Sendable`: it lives on one dedicated thread (see `runOnScreenThread`), which makes every ncurses call.
public final class CursesScreen {
    private var screen: OpaquePointer?
    private let window: UnsafeMutablePointer<WINDOW>
    private var pairs: ColorPairTable
    private let hasDefaultColors: Bool
    private(set) var isClosed = false
    /// True once `enableMouse()` switched mouse reports on (until `close()`).
    private(set) var isMouseOn = false
    /// The last frame handed to ncurses, for skipping unchanged rows; nil forces a full draw.
    private var lastDrawn: CellBuffer?
    /// Wakes `waitForInput` on SIGWINCH; see `open`.
    private let resizes: Inbox<Int32>
    private let resizeSource: (any DispatchSourceSignal)?

    /// How many colours frames are drawn with.
    public let colorDepth: ColorDepth
    /// True when the locale's character set is UTF-8, so Braille and box drawing can be shown.
    public let isUTF8: Bool
    /// True when only 7-bit ASCII is drawn (`--ascii`, or a locale that is not UTF-8); anything else shows as `?`.
    public let isASCIIOnly: Bool

    private init(
        screen: OpaquePointer, window: UnsafeMutablePointer<WINDOW>, colorDepth: ColorDepth, isUTF8: Bool,
        isASCIIOnly: Bool, hasDefaultColors: Bool, resizes: Inbox<Int32>, resizeSource: (any DispatchSourceSignal)?
    ) {
        self.resizes = resizes
        self.resizeSource = resizeSource
        self.screen = screen
        self.window = window
        self.colorDepth = colorDepth
        self.isUTF8 = isUTF8
        self.isASCIIOnly = isASCIIOnly
        self.hasDefaultColors = hasDefaultColors
        self.pairs = ColorPairTable(capacity: colorDepth == .none ? 0 : Int(cn_color_pairs()))
    }

    /// Starts curses on the process's terminal (stdout for output, stdin for keys).
    ///
    /// Sets the locale from the environment, saves the terminal's modes for the crash handler, then `newterm`
    /// with `environment["TERM"]`; cbreak, no echo, keypad, no-delay input, hidden cursor, 25 ms ESC delay.
    /// Colour follows `colors`, the terminal's colour count and `NO_COLOR` from `environment`.
    /// - Throws: `.noTerminal` when stdin or stdout is not a terminal, `.terminalTypeUnset`,
    ///   `.unknownTerminal` or `.dumbTerminal` for a TERM curses cannot drive.
    public static func open(
        colors: ColorRequest, ascii: Bool, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(ScreenError) -> CursesScreen {
        setlocale(LC_ALL, "")
        let term = environment["TERM"] ?? ""
        if let problem = terminalProblem(
            inputIsTerminal: isatty(STDIN_FILENO) == 1, outputIsTerminal: isatty(STDOUT_FILENO) == 1, term: term)
        {
            throw problem
        }
        let resizes = try Inbox<Int32>()
        // NB: ncurses catches SIGWINCH on whichever thread the kernel picks (the main thread, which sleeps in
        // sigsuspend with nothing blocked), so the screen thread's poll() would only see a resize at its next
        // timeout (about 1 s, measured in tmux). Ignoring it first keeps ncurses's handler out (it only replaces
        // SIG_DFL); a Dispatch source then wakes the screen through its own pipe.
        // (docs/platform-notes.md, "The screen loop").
        signal(SIGWINCH, SIG_IGN)
        let resizeSource = DispatchSource.makeSignalSource(
            signal: SIGWINCH, queue: DispatchQueue(label: "linq-map.resize"))
        resizeSource.setEventHandler { @Sendable in resizes.post(SIGWINCH) }
        resizeSource.resume()
        waitUntilObserved([SIGWINCH])
        // NB: the saved modes must be the shell's, from before newterm switches the terminal to cbreak.
        _ = lm_fatal_signals_install(STDOUT_FILENO)
        guard let screen = cn_newterm_stdio(term) else {
            resizeSource.cancel()
            lm_fatal_signals_disarm()
            throw .unknownTerminal(term)
        }
        guard cn_has_cup() != 0, let window = cn_stdscr() else {
            endwin()
            delscreen(screen)
            resizeSource.cancel()
            lm_fatal_signals_disarm()
            throw .dumbTerminal(term)
        }
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        return configure(
            screen: screen, window: window, colors: colors, noColor: noColor, ascii: ascii, resizes: resizes,
            resizeSource: resizeSource)
    }

    /// Why a terminal cannot host the screen before ncurses is even asked, or nil: no terminal on either side,
    /// `TERM` unset or empty, or `dumb`.
    static func terminalProblem(inputIsTerminal: Bool, outputIsTerminal: Bool, term: String) -> ScreenError? {
        guard inputIsTerminal, outputIsTerminal else { return .noTerminal }
        if term.isEmpty { return .terminalTypeUnset }
        if term == "dumb" { return .dumbTerminal(term) }
        return nil
    }

    /// Sets the modes on a fresh `newterm` screen; shared by `open` and the headless tests.
    static func configure(
        screen: OpaquePointer, window: UnsafeMutablePointer<WINDOW>, colors: ColorRequest, noColor: Bool,
        ascii: Bool, resizes: Inbox<Int32>, resizeSource: (any DispatchSourceSignal)? = nil
    ) -> CursesScreen {
        cbreak()
        noecho()
        nonl()
        keypad(window, true)
        nodelay(window, true)
        scrollok(window, false)
        leaveok(window, true)
        curs_set(0)
        set_escdelay(25)
        var depth = ColorDepth.none
        var hasDefaultColors = false
        // NB: COLORS is 0 until start_color, so colour is started whenever it might be used.
        // (docs/platform-notes.md, "ncurses from Swift").
        if colors.depth(terminalColors: 256, noColor: noColor) != .none, has_colors(), start_color() == OK {
            depth = colors.depth(terminalColors: Int(cn_colors()), noColor: noColor)
            hasDefaultColors = use_default_colors() == OK
        }
        let isUTF8 = String(cString: nl_langinfo(nl_item(CODESET))) == "UTF-8"
        return CursesScreen(
            screen: screen, window: window, colorDepth: depth, isUTF8: isUTF8, isASCIIOnly: ascii || !isUTF8,
            hasDefaultColors: hasDefaultColors, resizes: resizes, resizeSource: resizeSource)
    }

    deinit { close() }

    /// The screen's size in cells, as ncurses knows it (updated on resize).
    public var size: (width: Int, height: Int) {
        (Int(getmaxx(window)), Int(getmaxy(window)))
    }

    /// Draws `buffer` from the top-left corner and updates the terminal; ncurses sends only the cells that
    /// changed since the last update. With `force`, the whole screen is repainted (Ctrl-L). Cells outside the
    /// screen are clipped; screen cells outside the buffer are blank.
    public func draw(_ buffer: CellBuffer, force: Bool = false) {
        guard !isClosed else { return }
        let (screenWidth, screenHeight) = size
        let width = min(buffer.width, screenWidth)
        let height = min(buffer.height, screenHeight)
        if width < screenWidth || height < screenHeight { werase(window) }
        // Rows equal to the last frame's are already in ncurses's window: handing them over again would cost
        // a wadd_wch per cell every second for nothing (idle CPU). A forced redraw, a new size or a partial
        // frame starts from scratch.
        let previous =
            !force && width == screenWidth && height == screenHeight && lastDrawn?.width == buffer.width
                && lastDrawn?.height == buffer.height ? lastDrawn : nil
        lastDrawn = buffer
        var scalars: [wchar_t] = []
        scalars.reserveCapacity(8)
        var cell = cchar_t()
        var lastStyle: Style?
        var attributes = cn_a_normal()
        var pair: Int16 = 0
        buffer.cells.withUnsafeBufferPointer { cells in
            for y in 0..<height {
                let row = y * buffer.width
                if let previous, previous.cells[row..<row + buffer.width].elementsEqual(cells[row..<row + buffer.width])
                {
                    continue
                }
                for x in 0..<width {
                    var source = cells[row + x]
                    if source.isContinuation {
                        // Covered by the wide character before it, unless that one was drawn narrow.
                        guard getcurx(window) == Int32(x) && getcury(window) == Int32(y) else { continue }
                        source = Cell(" ", style: source.style)
                    }
                    let isWide = x + 1 < buffer.width && cells[row + x + 1].isContinuation
                    if source.style != lastStyle {
                        (attributes, pair) = cursesStyle(source.style)
                        lastStyle = source.style
                    }
                    fillScalars(&scalars, for: source.glyph, fitsWide: isWide && x + 1 < width)
                    setcchar(&cell, scalars, attributes, pair, nil)
                    // Writing advances the cursor; a move is needed only after a skipped or replaced cell.
                    if getcurx(window) != Int32(x) || getcury(window) != Int32(y) {
                        _ = wmove(window, Int32(y), Int32(x))
                    }
                    // NB: at the bottom-right cell wadd_wch returns ERR (the cursor cannot advance) but stores it.
                    // (docs/platform-notes.md, "ncurses from Swift").
                    _ = wadd_wch(window, &cell)
                }
            }
        }
        if force { clearok(window, true) }
        wnoutrefresh(window)
        doupdate()
    }

    /// The wide characters ncurses stores for `glyph`: at most `CCHARW_MAX` (5) scalars, NUL-terminated.
    /// Control characters, wide characters without room, and non-ASCII in ASCII-only mode become `?` or a space.
    private func fillScalars(_ scalars: inout [wchar_t], for glyph: CellGlyph, fitsWide: Bool) {
        scalars.removeAll(keepingCapacity: true)
        if let scalar = glyph.singleScalar {
            if scalar.isASCII {
                // The common case: one printable ASCII byte.
                scalars.append(scalar.value >= 0x20 && scalar.value < 0x7F ? wchar_t(scalar.value) : 0x3F)
                scalars.append(0)
                return
            }
            scalars.append(wchar_t(bitPattern: scalar.value))
        } else {
            for scalar in glyph.unicodeScalars {
                if scalars.count == 4 { break }
                scalars.append(wchar_t(bitPattern: scalar.value))
            }
        }
        let first = scalars.first ?? 0x20
        if first < 0x20 || (first >= 0x7F && first < 0xA0) || (isASCIIOnly && first > 0x7E) {
            scalars = [0x3F]
        } else if isASCIIOnly {
            scalars = [first]
        } else if cn_wcwidth(first) > 1 && !fitsWide {
            scalars = [0x20]
        } else if cn_wcwidth(first) < 0 {
            scalars = [0x3F]
        }
        scalars.append(0)
    }

    /// The ncurses attributes and colour pair for `style` at this screen's colour depth.
    private func cursesStyle(_ style: Style) -> (attr_t, Int16) {
        var attributes = cn_a_normal()
        if style.attributes.contains(.bold) { attributes |= cn_a_bold() }
        if style.attributes.contains(.dim) { attributes |= cn_a_dim() }
        if style.attributes.contains(.reverse) { attributes |= cn_a_reverse() }
        if style.attributes.contains(.underline) { attributes |= cn_a_underline() }
        guard colorDepth != .none else { return (attributes, 0) }
        let foreground = style.foreground.paletteEntry(depth: colorDepth)
        let background = style.background.paletteEntry(depth: colorDepth)
        if foreground.needsBold { attributes |= cn_a_bold() }
        let usesDefault = hasDefaultColors
        let pair = pairs.pair(foreground: foreground.index, background: background.index) { pair, fg, bg in
            // NB: without use_default_colors, -1 is invalid; fall back to white on black.
            // (docs/platform-notes.md, "ncurses from Swift").
            let fgIndex = fg == -1 && !usesDefault ? 7 : fg
            let bgIndex = bg == -1 && !usesDefault ? 0 : bg
            return init_pair(pair, fgIndex, bgIndex) == OK
        }
        return (attributes, pair)
    }

    /// Blocks until a key, a message in `inbox`, or `timeoutMilliseconds` (negative waits forever), then returns
    /// every key read (in no-delay mode) and every message queued. A resize arrives as `.resize` with the new
    /// size; a hangup or end of input on stdin as `.hangup` (after which the caller should stop waiting).
    public func waitForInput<Message>(
        inbox: Inbox<Message>, timeoutMilliseconds: Int32
    ) -> (inputs: [ScreenInput], messages: [Message]) {
        var fds = [
            pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
            pollfd(fd: inbox.readFD, events: Int16(POLLIN), revents: 0),
            pollfd(fd: resizes.readFD, events: Int16(POLLIN), revents: 0),
        ]
        // EINTR is fine: whatever interrupted it is read below.
        _ = poll(&fds, 3, timeoutMilliseconds)
        var inputs: [ScreenInput] = []
        let stdinEvents = Int32(fds[0].revents)
        if stdinEvents & (POLLHUP | POLLERR | POLLNVAL) != 0 {
            inputs.append(.hangup)
        } else if stdinEvents & POLLIN != 0, cn_bytes_available(STDIN_FILENO) == 0 {
            // NB: at end of input poll reports POLLIN forever while no byte comes: without this the loop spins.
            // (docs/platform-notes.md, "The screen loop").
            inputs.append(.hangup)
        }
        let resized = !resizes.drain().isEmpty && adoptTerminalSize()
        let keys = readKeys()
        inputs += keys
        if resized && !keys.contains(where: { if case .resize = $0 { true } else { false } }) {
            let (width, height) = size
            inputs.append(.resize(width: width, height: height))
        }
        return (inputs, inbox.drain())
    }

    /// Tells ncurses the terminal's size (TIOCGWINSZ on stdout); true when it changed.
    private func adoptTerminalSize() -> Bool {
        guard let terminal = terminalSize(of: STDOUT_FILENO) else { return false }
        let (width, height) = size
        guard terminal.width != width || terminal.height != height else { return false }
        resizeterm(Int32(terminal.height), Int32(terminal.width))
        return true
    }

    /// Reads every pending key (and mouse report) without blocking.
    func readKeys() -> [ScreenInput] {
        var raw: [(status: Int32, value: UInt32)] = []
        while true {
            var value: wint_t = 0
            let status = wget_wch(window, &value)
            if status == ERR { break }
            raw.append((status, UInt32(value)))
        }
        let (width, height) = size
        return assembleInputs(raw, size: (width, height))
    }

    /// Suspends the process for Ctrl-Z: leaves curses, stops with the default SIGTSTP action, and on resume
    /// (SIGCONT) puts the SIGTSTP observer back and repaints the whole screen. Call it on the screen thread
    /// (`runOnScreenThread` unblocks SIGTSTP there). The caller may redraw after it returns.
    public func suspend() {
        guard !isClosed else { return }
        if isMouseOn { writeToTerminal(CursesScreen.mouseOffSequence) }
        endwin()
        // NB: Dispatch observes SIGTSTP with its own handler (SigIgn is clear in /proc/PID/status), so the
        // handler is saved and put back, not replaced by SIG_IGN, or the next Ctrl-Z would go unseen.
        // (docs/platform-notes.md, "Signals").
        var stop = Platform.defaultAction()
        var observer = sigaction()
        sigaction(SIGTSTP, &stop, &observer)
        raise(SIGTSTP)
        sigaction(SIGTSTP, &observer, nil)
        clearok(window, true)
        wrefresh(window)
        if isMouseOn { writeToTerminal(CursesScreen.mouseOnSequence) }
    }

    /// Takes the terminal back after the process was continued (SIGCONT): puts the program's modes back (cbreak,
    /// no echo, the keypad's keys), hides the cursor and switches mouse reports on again. The caller then draws
    /// with `force`, since whatever ran during the stop may have written over the screen. Stays in the alternate
    /// screen, so nothing flashes; after `suspend()`, which already did all this, it costs one more full repaint.
    ///
    /// NB: a stop the process did not make itself (`kill -STOP`, a debugger) gives it no chance to leave curses
    /// first; a job-control shell meanwhile puts its own modes back (cooked, echo), and `stty` or a stray write
    /// may change the rest, which `less`, `vim` and ncurses's own SIGTSTP handler also repair on SIGCONT.
    /// (docs/platform-notes.md, "Signals").
    public func reclaim() {
        guard !isClosed else { return }
        reset_prog_mode()
        // curs_set skips a visibility it believes is already set; going through 1 sends the hiding sequence again.
        curs_set(1)
        curs_set(0)
        if isMouseOn { writeToTerminal(CursesScreen.mouseOnSequence) }
    }

    /// Switches SGR mouse reports on (clicks, drags with the left button, the wheel); they arrive as
    /// `ScreenInput.mouse`. `close()` and `suspend()` switch them off again.
    public func enableMouse() {
        guard !isClosed, !isMouseOn else { return }
        isMouseOn = true
        writeToTerminal(CursesScreen.mouseOnSequence)
    }

    /// Ends curses and restores the terminal; idempotent. Also disarms the crash handler's terminal restore.
    public func close() {
        guard !isClosed else { return }
        isClosed = true
        resizeSource?.cancel()
        if isMouseOn { writeToTerminal(CursesScreen.mouseOffSequence) }
        endwin()
        if let screen {
            delscreen(screen)
            self.screen = nil
        }
        lm_fatal_signals_disarm()
    }
}
