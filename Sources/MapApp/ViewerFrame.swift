import Foundation
import Geo
import LinqModel
import TextUI

/// How a frame is drawn: character set, colour, and whether it is the live viewer or a text frame.
public struct FrameOptions: Hashable, Sendable {
    /// Only 7-bit ASCII: ASCII map glyphs, ASCII boxes, API text folded ("São Paulo" becomes "Sao Paulo").
    public var isASCII: Bool
    /// Colours kept; false keeps only attributes (bold, dim, reverse), for monochrome output.
    public var usesColor: Bool
    /// True in the live viewer; false for `--once --format text` (no help hint, no countdown, no overlays).
    public var isInteractive: Bool
    /// Why ASCII was chosen automatically ("locale is not UTF-8"), noted in the status bar; nil when the
    /// user asked for it or when drawing Unicode.
    public var asciiFallbackReason: String?
    /// Draws the graticule (`--graticule`).
    public var showsGraticule: Bool

    /// Creates options; the defaults are the live viewer in Unicode and colour, without graticule.
    public init(
        isASCII: Bool = false, usesColor: Bool = true, isInteractive: Bool = true, asciiFallbackReason: String? = nil,
        showsGraticule: Bool = false
    ) {
        self.isASCII = isASCII
        self.usesColor = usesColor
        self.isInteractive = isInteractive
        self.asciiFallbackReason = asciiFallbackReason
        self.showsGraticule = showsGraticule
    }
}

/// Composes whole frames of the viewer (map, side panel or summary line, status bar, messages and
/// overlays) as cell buffers: the same path serves the live screen and `--once --format text`.
public enum ViewerFrame {
    /// The message shown in an empty chat, after its first line.
    public static let emptyChatHint =
        "A share started from the Find My app under an Apple ID email does not show in the phone-number chat; "
        + "re-share from inside Messages."

    /// The frame of `state` at `now`, `state.width` x `state.height` cells.
    ///
    /// Below 40x10 the frame only says that the terminal is too small.
    public static func render(
        _ state: AppState, now: Date, options: FrameOptions, composer: MapComposer
    ) -> CellBuffer {
        var cache = StaticLayerCache()
        return render(state, now: now, options: options, composer: composer, cache: &cache)
    }

    /// Like `render(_:now:options:composer:)`, taking the map's static layers from `cache` (and keeping them
    /// there), so that frames of the same view, size and options rasterize nothing.
    public static func render(
        _ live: AppState, now liveNow: Date, options: FrameOptions, composer: MapComposer,
        cache: inout StaticLayerCache
    ) -> CellBuffer {
        // In history mode the map and panel show the recorded poll; the status bar stays live.
        let (state, now) = live.shown(now: liveNow)
        if state.isPickerShown {
            return finish(ChatPickerView.render(state, now: now, ascii: options.isASCII), options: options)
        }
        var buffer = CellBuffer(width: state.width, height: state.height)
        let layout = state.layout
        let ascii = options.isASCII
        if layout.isTooSmall {
            drawTooSmall(into: &buffer, ascii: ascii)
            return finish(buffer, options: options)
        }

        let markers = state.participants.map { tracked in
            MapMarker(
                label: tracked.label, position: state.shownPosition(tracked),
                isSelected: tracked.handle == state.selectedHandle,
                isDimmed: !tracked.isSharing, style: markerStyle(for: tracked, now: now))
        }
        var mapOptions = MapOptions(
            charset: ascii ? .ascii : .braille, cellAspect: state.cellAspect, showsGraticule: options.showsGraticule,
            theme: options.usesColor ? .standard : .monochrome)
        mapOptions.units = state.history.units
        mapOptions.places = state.shownPlaces
        let (map, report) = cache.map(
            state.viewport, markers: markers, options: mapOptions,
            frameSize: CellSize(width: buffer.width, height: buffer.height), area: layout.map, composer: composer,
            overlays: state.mapOverlays(now: now))
        buffer = map

        // One chat's panel formats the second lines of only the rows it can show; the grouped panel lays out all.
        let detailedRows =
            state.hasSeveralChats
            ? nil
            : SidePanel.shownRows(
                count: state.participants.count,
                selected: state.participants.firstIndex { $0.handle == state.selectedHandle },
                height: layout.panelContent?.height ?? 0)
        let panel = SidePanel(
            state: state, now: now, sharedCells: report.sharedCells, ascii: ascii, detailedRows: detailedRows)
        let isEmpty = state.oldestSuccessAt != nil && state.sharingCount == 0
        if let rect = layout.panel, let inside = layout.panelContent {
            if layout.isPanelOverlay {
                buffer.fill(rect, with: .blank)
                buffer.drawBox(rect, ascii: ascii, title: "\(state.sharingCount) sharing")
            } else {
                buffer.fill(rect, with: .blank)
                let line = Cell(ascii ? "|" : "│", style: Style(attributes: .dim))
                for y in rect.y..<rect.maxY { buffer[rect.x, y] = line }
            }
            let used = renderPanel(panel, of: state, in: inside, into: &buffer, ascii: ascii)
            if isEmpty && !state.hasSeveralChats && !state.events.isPlacesShown {
                // Where the rows would be: the map stays visible.
                let top = used == 0 ? inside.y : inside.y + used + 1
                drawEmptyState(
                    in: Rect(x: inside.x, y: top, width: inside.width, height: inside.maxY - top), into: &buffer,
                    ascii: ascii)
            }
        } else if isEmpty, layout.map.height >= 3 {
            // One line above the scale bar, which sits on the map's last row.
            let y = layout.map.maxY - 2
            buffer.put(
                truncated(
                    state.hasSeveralChats ? "Nobody is sharing location in these chats." : emptyChatTitle,
                    toWidth: layout.map.width - 2, ascii: ascii), x: layout.map.x + 1, y: y,
                style: Style(attributes: .bold), maxWidth: layout.map.width - 2, ascii: ascii)
        }
        if let rect = layout.summary {
            drawSummary(
                panel.rows.first(where: \.isSelected), isWaiting: state.oldestSuccessAt == nil, in: rect,
                into: &buffer, ascii: ascii)
        }

        StatusBar(
            state: live, now: liveNow, isInteractive: options.isInteractive,
            asciiFallbackReason: options.asciiFallbackReason
        )
        .render(in: layout.status, into: &buffer, ascii: ascii)

        if options.isInteractive && state.events.isLogShown {
            EventsPane.render(state, now: now, into: &buffer, ascii: ascii)
        }
        if options.isInteractive && state.isHelpShown {
            drawHelp(
                into: &buffer, area: Rect(x: 0, y: 0, width: state.width, height: state.height - 1),
                scroll: state.helpScroll, lines: helpLines(state), ascii: ascii)
        }
        if options.isInteractive && state.inputMode == .warnings {
            let count = state.warnings.count
            drawOverlay(
                state.warnings.isEmpty ? ["no warnings"] : state.warnings.map(state.shownText),
                title: count == 1 ? "1 warning" : "\(count) warnings",
                into: &buffer, area: Rect(x: 0, y: 0, width: state.width, height: state.height - 1),
                scroll: state.helpScroll, maximumWidth: 100, ascii: ascii)
        }
        return finish(buffer, options: options)
    }

    /// The text frame of `--once --format text`: one snapshot of `chatID` fetched at `now`, drawn at
    /// `width` x `height` through the same path as the viewer, without help hint, countdown or overlays.
    public static func textFrame(
        chatID: String, snapshot: LocationSnapshot, now: Date, width: Int, height: Int,
        initialView: InitialView = .fit, options: FrameOptions = FrameOptions(isInteractive: false),
        composer: MapComposer
    ) -> CellBuffer {
        textFrame(
            chats: [(chatID, snapshot)], now: now, width: width, height: height, initialView: initialView,
            options: options, composer: composer)
    }

    /// Draws the flat panel, or for several chats the panel grouped under a header per chat; returns the rows
    /// it used.
    private static func renderPanel(
        _ panel: SidePanel, of state: AppState, in rect: Rect, into buffer: inout CellBuffer, ascii: Bool
    ) -> Int {
        if state.events.isPlacesShown { return PlacesPanel(state: state).render(in: rect, into: &buffer, ascii: ascii) }
        if state.hasSeveralChats {
            return GroupedPanel(state: state, panel: panel).render(in: rect, into: &buffer, ascii: ascii)
        }
        return panel.render(in: rect, into: &buffer, ascii: ascii)
    }

    /// The marker style: bold, coloured by age; dimmed markers are drawn plain (the composer dims them).
    static func markerStyle(for tracked: TrackedParticipant, now: Date) -> Style {
        guard tracked.isSharing else { return Style() }
        var style = SidePanel.style(for: Staleness(updatedAt: tracked.participant.updatedAt, now: now).ageClass)
        style.attributes.insert(.bold)
        return style
    }

    private static func finish(_ buffer: CellBuffer, options: FrameOptions) -> CellBuffer {
        guard !options.usesColor else { return buffer }
        var plain = buffer
        for index in plain.cells.indices {
            plain.cells[index].style.foreground = .default
            plain.cells[index].style.background = .default
        }
        return plain
    }

    private static func drawTooSmall(into buffer: inout CellBuffer, ascii: Bool) {
        let lines = [
            "Terminal too small",
            "\(buffer.width)x\(buffer.height), need \(Layout.minimumWidth)x\(Layout.minimumHeight)",
        ]
        let top = max(0, (buffer.height - lines.count) / 2)
        for (offset, line) in lines.enumerated() {
            let shown = truncated(line, toWidth: buffer.width, ascii: ascii)
            let x = max(0, (buffer.width - displayWidth(of: shown)) / 2)
            buffer.put(shown, x: x, y: top + offset, style: Style(attributes: .bold), ascii: ascii)
        }
    }

    /// The first line of the empty state.
    public static let emptyChatTitle = "Nobody is sharing location in this chat."

    /// Draws the empty state (its title bold, then the hint), word-wrapped to `area`, clipped to its rows.
    private static func drawEmptyState(in area: Rect, into buffer: inout CellBuffer, ascii: Bool) {
        guard area.width >= 8, area.height > 0 else { return }
        var lines: [(String, Style)] = []
        lines += wrapped(emptyChatTitle, width: area.width).map { ($0, Style(attributes: .bold)) }
        lines.append(("", Style()))
        lines += wrapped(ascii ? asciiFolded(emptyChatHint) : emptyChatHint, width: area.width).map { ($0, Style()) }
        for (offset, line) in lines.prefix(area.height).enumerated() {
            buffer.put(line.0, x: area.x, y: area.y + offset, style: line.1, maxWidth: area.width, ascii: ascii)
        }
    }

    /// `text` broken into lines of at most `width` columns at spaces; longer words are cut.
    static func wrapped(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            let candidate = line.isEmpty ? String(word) : line + " " + word
            if displayWidth(of: candidate) <= width {
                line = candidate
            } else {
                if !line.isEmpty { lines.append(line) }
                line = truncated(String(word), toWidth: width)
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    private static func drawSummary(
        _ row: SidePanel.Row?, isWaiting: Bool, in rect: Rect, into buffer: inout CellBuffer, ascii: Bool
    ) {
        guard let row else {
            let text = isWaiting ? "waiting for the first update" : "nobody is sharing location"
            buffer.put(text, x: rect.x, y: rect.y, style: Style(attributes: .dim), maxWidth: rect.width)
            return
        }
        let base = row.isDimmed ? Style(attributes: .dim) : Style()
        var x = rect.x
        x += buffer.put(
            String(row.label) + " ", x: x, y: rect.y, style: Style(attributes: .bold), maxWidth: rect.maxX - x)
        let age = row.isDimmed ? "" : row.staleness.text
        let ageWidth = age.isEmpty ? 0 : displayWidth(of: age) + 1
        let text = row.detail.isEmpty ? row.who : row.who + (ascii ? ", " : " · ") + row.detail
        let room = rect.maxX - x - ageWidth
        if room > 0 {
            x += buffer.put(
                truncated(text, toWidth: room, ascii: ascii), x: x, y: rect.y, style: base, maxWidth: room, ascii: ascii
            )
        }
        if !age.isEmpty, rect.maxX - x >= ageWidth {
            buffer.put(age, x: rect.maxX - ageWidth + 1, y: rect.y, style: SidePanel.style(for: row.staleness.ageClass))
        }
    }

    /// The help overlay's lines: the key table, then the legend of labels packed to the table's width.
    static func helpLines(_ state: AppState) -> [String] {
        let keyLines = KeyTable.lines
        let keyWidth = keyLines.map { displayWidth(of: $0) }.max() ?? 0
        let legend = helpLegend(state)
        return keyLines + (legend.isEmpty ? [] : [""] + packed(legend, width: keyWidth))
    }

    /// Draws the help's `lines` in a box; when they do not fit, it shows `helpRows` lines from `scroll` and
    /// its last line says how to scroll (`j k` or arrows) and how many lines lie above and below.
    private static func drawHelp(into buffer: inout CellBuffer, area: Rect, scroll: Int, lines: [String], ascii: Bool) {
        drawOverlay(
            lines, title: "keys", into: &buffer, area: area, scroll: scroll, maximumWidth: area.width, ascii: ascii)
    }

    /// Draws `lines` in a box titled `title`, centred in `area`, at most `maximumWidth` wide; lines are cut
    /// with an ellipsis; when they do not all fit, it shows a page from `scroll` and a last line saying how to
    /// scroll and how many lie above and below.
    private static func drawOverlay(
        _ lines: [String], title: String, into buffer: inout CellBuffer, area: Rect, scroll: Int,
        maximumWidth: Int, ascii: Bool
    ) {
        let width = min(area.width, maximumWidth, (lines.map { displayWidth(of: $0) }.max() ?? 0) + 4)
        let height = min(area.height, lines.count + 2)
        let box = Rect(
            x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width: width, height: height)
        buffer.fill(box, with: .blank)
        buffer.drawBox(box, style: Style(attributes: .bold), ascii: ascii, title: title)
        let fits = lines.count <= height - 2
        let rows = fits ? height - 2 : max(0, height - 3)
        let first = fits ? 0 : min(max(0, scroll), max(0, lines.count - rows))
        for (offset, line) in lines.dropFirst(first).prefix(rows).enumerated() {
            buffer.put(
                truncated(line, toWidth: width - 4, ascii: ascii), x: box.x + 2, y: box.y + 1 + offset,
                maxWidth: width - 4, ascii: ascii)
        }
        if !fits {
            let below = lines.count - first - rows
            let hint = "j k scroll: \(first) above, \(below) below"
            buffer.put(
                hint, x: box.x + 2, y: box.y + 1 + rows, style: Style(attributes: .dim), maxWidth: width - 4,
                ascii: ascii)
        }
    }

    /// Lines of help shown at once in a `height`-row terminal when the key table does not fit.
    static func helpRows(height: Int) -> Int {
        max(1, height - 1 - 3)
    }
}
