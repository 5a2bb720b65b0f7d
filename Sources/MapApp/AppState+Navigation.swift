import Foundation
import Geo
import TextUI

extension AppState {
    /// The followed participant, if any (`c`).
    public var followed: TrackedParticipant? {
        guard let followedHandle else { return nil }
        return participants.first { $0.handle == followedHandle }
    }

    /// The projection of the current view onto the map area.
    var mapProjection: Projection {
        Projection(viewport: viewport, size: mapSize, aspect: cellAspect)
    }

    /// True when `position` falls on a cell of the map area.
    func isOnScreen(_ position: LatLon) -> Bool {
        let projection = mapProjection
        return projection.contains(projection.cell(for: position))
    }

    /// `+`/`-`: one level in or out, keeping the selected participant on its screen cell when it is on
    /// screen, else the centre. Following continues (the followed participant stays in the centre).
    mutating func zoom(by step: Int) {
        let anchor =
            followed.map(shownPosition) ?? selected.map(shownPosition).flatMap { isOnScreen($0) ? $0 : nil }
            ?? viewport.center
        moveView(viewport.zoomed(to: viewport.zoom + step, about: anchor, size: mapSize, aspect: cellAspect))
    }

    /// `c`: centre on the selected participant and follow them; `c` again while following stops following.
    mutating func toggleFollow() {
        if followedHandle != nil {
            followedHandle = nil
            return
        }
        guard let selected else { return }
        followedHandle = selected.handle
        moveView(viewport.centred(on: shownPosition(selected), size: mapSize, aspect: cellAspect))
    }

    /// `1`-`9` and `g<label>`: select the participant with `label` and, when it is off screen, centre on it
    /// (which ends following someone else).
    mutating func jump(to label: Character) {
        guard label != LabelBook.overflow, let match = participants.first(where: { $0.label == label }) else {
            return
        }
        reveal(handle: match.handle)
    }

    /// Re-centres on the followed participant after new data or a resize, as a translation (zoom and scale
    /// stay, the poles still clamp); a participant who is gone (or a too-small terminal) leaves the view alone.
    mutating func keepFollowing() {
        guard let followed, !layout.isTooSmall else { return }
        viewport = viewport.translated(to: shownPosition(followed)).clamped(size: mapSize, aspect: cellAspect)
    }

    /// Scrolls the help by a line (`j`/`k`, arrows) or a page (page keys, space) when it does not fit;
    /// false for any other key, which closes the help.
    mutating func scrollHelp(_ key: Key) -> Bool {
        scrollOverlay(key, lines: ViewerFrame.helpLines(self).count)
    }

    /// Scrolls the warnings pane like the help; false for a key that closes it.
    mutating func scrollWarnings(_ key: Key) -> Bool {
        scrollOverlay(key, lines: warnings.count)
    }

    /// Scrolls an overlay of `lines` lines (help, warnings) that does not fit the terminal; false for a key
    /// that is not a scroll key, or when everything fits.
    private mutating func scrollOverlay(_ key: Key, lines: Int) -> Bool {
        let page = ViewerFrame.helpRows(height: height)
        let hidden = max(0, lines - page)
        guard lines + 2 > height - 1 else { return false }
        let step: Int
        switch key {
        case .down, .character("j"): step = 1
        case .up, .character("k"): step = -1
        case .pageDown, .character(" "): step = page
        case .pageUp: step = -page
        default: return false
        }
        helpScroll = min(hidden, max(0, helpScroll + step))
        return true
    }

    // MARK: Search and copy

    /// The participants whose name (from contacts), handle, locality or address contains `query`, ignoring
    /// case and accents, in label order; none for an empty query.
    public func matches(for query: String) -> [TrackedParticipant] {
        let needle = query.trimmingCharacters(in: .whitespaces)
        guard !needle.isEmpty else { return [] }
        let options: String.CompareOptions = [.caseInsensitive, .diacriticInsensitive]
        return participants.filter { tracked in
            [names[tracked.handle], tracked.handle, tracked.participant.locality, tracked.participant.address]
                .contains { text in
                    text?.range(of: needle, options: options) != nil
                }
        }
    }

    /// A key typed in the search: text extends the query, Backspace shortens it, Esc cancels, Enter jumps to
    /// the first match (selecting it, and centring on it when off screen) or says nobody matched.
    mutating func typeSearch(_ key: Key, query: String) {
        switch key {
        case .escape, .control("c"), .control("g"):
            inputMode = .normal
        case .backspace:
            inputMode = .search(String(query.dropLast()))
        case .enter:
            inputMode = .normal
            guard let first = matches(for: query).first else {
                if !query.isEmpty { notice = .noMatch(query) }
                return
            }
            reveal(handle: first.handle)
        case .character(let character):
            inputMode = .search(String((query + String(character)).prefix(100)))
        default:
            break
        }
    }

    /// Selects `handle` and centres on it when it is off screen (ending a follow of someone else).
    mutating func reveal(handle: String) {
        selectedHandle = handle
        guard let selected, !isOnScreen(shownPosition(selected)) else { return }
        if followedHandle != selected.handle { followedHandle = nil }
        moveView(viewport.centred(on: shownPosition(selected), size: mapSize, aspect: cellAspect))
    }

    /// `y`: the selected participant's `lat,lon` (rounded in privacy mode) for the clipboard, noted in the status bar.
    mutating func copySelected() -> [Effect] {
        guard let selected else { return [] }
        let position = shownPosition(selected)
        let text = "\(position.lat),\(position.lon)"
        notice = .copied(text)
        return [.copyToClipboard(text)]
    }
}
