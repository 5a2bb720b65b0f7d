import TextUI

/// Where the parts of the viewer go on a terminal of a given size.
///
/// From 80 columns the side panel sits on the right (a third of the width, at most 48 columns) and
/// `s` hides it (a one-line summary of the selection then sits above the status bar); narrower, the
/// panel hides, a one-line summary of the selection sits above the status bar, and `s` shows the panel as
/// an overlay on the right of the map. Below 40x10 nothing fits, except in a text frame (`--once`), which
/// has no keys to read and draws its map down to 20x8.
public struct Layout: Hashable, Sendable {
    /// The smallest usable terminal width in cells.
    public static let minimumWidth = 40
    /// The smallest usable terminal height in cells.
    public static let minimumHeight = 10
    /// From this width on the panel sits beside the map.
    public static let wideWidth = 80
    /// The smallest text frame (`--once --width/--height`) in cells.
    public static let minimumTextFrameWidth = 20
    /// The smallest text frame in cells.
    public static let minimumTextFrameHeight = 8
    /// The widest the panel gets, in cells.
    public static let maximumPanelWidth = 48

    /// True when the terminal is below 40x10; the other areas are then empty.
    public let isTooSmall: Bool
    /// The map area.
    public let map: Rect
    /// The side panel, or nil when hidden.
    public let panel: Rect?
    /// True when the panel covers part of the map (narrow terminals) rather than sitting beside it.
    public let isPanelOverlay: Bool
    /// The one-line summary of the selected participant (narrow terminals), or nil.
    public let summary: Rect?
    /// The status bar: the bottom row.
    public let status: Rect

    /// Where the panel's rows go: inside its box when it overlays the map, right of its rule beside it.
    public var panelContent: Rect? {
        guard let panel else { return nil }
        if isPanelOverlay {
            return Rect(x: panel.x + 2, y: panel.y + 1, width: panel.width - 4, height: panel.height - 2)
        }
        return Rect(x: panel.x + 2, y: panel.y, width: panel.width - 3, height: panel.height)
    }

    /// Lays out a `width` x `height` terminal; `isPanelToggled` is the `s` key's state; a text frame
    /// (`isTextFrame`) is usable from 20x8 instead of 40x10.
    public init(width: Int, height: Int, isPanelToggled: Bool, isTextFrame: Bool = false) {
        let width = max(0, width)
        let height = max(0, height)
        let minimumWidth = isTextFrame ? Layout.minimumTextFrameWidth : Layout.minimumWidth
        let minimumHeight = isTextFrame ? Layout.minimumTextFrameHeight : Layout.minimumHeight
        guard width >= minimumWidth, height >= minimumHeight else {
            isTooSmall = true
            map = Rect(x: 0, y: 0, width: 0, height: 0)
            panel = nil
            isPanelOverlay = false
            summary = nil
            status = Rect(x: 0, y: 0, width: 0, height: 0)
            return
        }
        isTooSmall = false
        status = Rect(x: 0, y: height - 1, width: width, height: 1)
        if width >= Layout.wideWidth {
            isPanelOverlay = false
            if isPanelToggled {
                // The panel is hidden: the selection still shows, on one line at the bottom of the map.
                panel = nil
                summary = Rect(x: 0, y: height - 2, width: width, height: 1)
                map = Rect(x: 0, y: 0, width: width, height: height - 2)
            } else {
                summary = nil
                let panelWidth = min(Layout.maximumPanelWidth, width / 3)
                panel = Rect(x: width - panelWidth, y: 0, width: panelWidth, height: height - 1)
                map = Rect(x: 0, y: 0, width: width - panelWidth, height: height - 1)
            }
        } else {
            summary = Rect(x: 0, y: height - 2, width: width, height: 1)
            map = Rect(x: 0, y: 0, width: width, height: height - 2)
            isPanelOverlay = isPanelToggled
            if isPanelToggled {
                let panelWidth = min(Layout.maximumPanelWidth, max(24, width * 2 / 3))
                panel = Rect(x: width - panelWidth, y: 0, width: panelWidth, height: height - 2)
            } else {
                panel = nil
            }
        }
    }
}
