import Foundation
import Geo
import TextUI

/// Where a drag on the map began: the cell under the pointer (in map cells) and the view at that moment.
struct DragStart: Hashable, Sendable {
    var cell: CellPoint
    var viewport: Viewport
}

extension AppState {
    /// A mouse report: the wheel zooms about the pointer, a click on a marker or a panel row selects, a drag
    /// on the map pans (the point under the pointer follows it). Any report closes help, the warnings pane and a
    /// y/n question; during a search or after `g` it is ignored. Zooming or dragging ends following.
    mutating func handle(mouse event: MouseEvent) {
        switch inputMode {
        case .help, .warnings, .confirming:
            if event.kind == .press { inputMode = .normal }
            return
        case .search, .awaitingLabel, .picker:
            return
        case .normal:
            break
        }
        let map = layout.map
        let cell = CellPoint(x: event.x - map.x, y: event.y - map.y)
        let onMap = !layout.isTooSmall && map.contains(x: event.x, y: event.y) && !isOnOverlayPanel(event)
        switch event.kind {
        case .wheelUp, .wheelDown:
            guard onMap else { return }
            let anchor = mapProjection.position(of: cell)
            followedHandle = nil
            let step = event.kind == .wheelUp ? 1 : -1
            moveView(viewport.zoomed(to: viewport.zoom + step, about: anchor, size: mapSize, aspect: cellAspect))
        case .press:
            dragStart = nil
            if let index = panelRow(at: event) {
                selectedHandle = participants[index].handle
            } else if onMap {
                let projection = mapProjection
                let hits = participants.filter { projection.cell(for: shownPosition($0)) == cell }
                if let hit = hits.first(where: { $0.handle != selectedHandle }) ?? hits.first {
                    selectedHandle = hit.handle
                } else {
                    dragStart = DragStart(cell: cell, viewport: viewport)
                }
            }
        case .drag:
            guard let dragStart else { return }
            let start = Projection(viewport: dragStart.viewport, size: mapSize, aspect: cellAspect)
            let dLon = Double(cell.x - dragStart.cell.x) * 2 / start.dotsPerLonDegree
            let dLat = Double(cell.y - dragStart.cell.y) * 4 / start.dotsPerLatDegree
            let origin = dragStart.viewport.center
            followedHandle = nil
            moveView(
                dragStart.viewport.translated(to: LatLon(lat: origin.lat + dLat, lon: origin.lon - dLon))
                    .clamped(size: mapSize, aspect: cellAspect))
        case .release:
            dragStart = nil
        }
    }

    /// True when `event` falls on the panel drawn over the map (narrow terminals).
    private func isOnOverlayPanel(_ event: MouseEvent) -> Bool {
        guard layout.isPanelOverlay, let panel = layout.panel else { return false }
        return panel.contains(x: event.x, y: event.y)
    }

    /// The participant index of the panel row under `event`, if any.
    private func panelRow(at event: MouseEvent) -> Int? {
        guard let content = layout.panelContent, content.contains(x: event.x, y: event.y) else { return nil }
        let panel = SidePanel(state: self, now: Date(timeIntervalSince1970: 0), detailedRows: 0..<0)
        if hasSeveralChats {
            let handle = GroupedPanel(state: self, panel: panel)
                .handle(atLine: event.y - content.y, height: content.height)
            return handle.flatMap { handle in participants.firstIndex { $0.handle == handle } }
        }
        return panel.row(atLine: event.y - content.y, height: content.height)
    }
}
