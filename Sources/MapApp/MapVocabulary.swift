import Foundation
import Geo
import TextUI

/// The characters a map is drawn with: Braille dots and Unicode arrows, or 7-bit ASCII only.
public enum Charset: Hashable, Sendable {
    case braille, ascii
}

/// The styles of the map's layers and decorations.
public struct MapTheme: Hashable, Sendable {
    /// Coastlines and islands.
    public var coastline: Style
    /// Lake shores.
    public var lake: Style
    /// Country borders: dimmer than coastlines.
    public var border: Style
    /// State and province lines.
    public var state: Style
    /// Rivers and lake centerlines: water-coloured and dim, under borders and labels.
    public var river: Style
    /// A river's name.
    public var riverName: Style
    /// The stipple of urban areas: fainter than every line.
    public var urban: Style
    /// Meridians and parallels.
    public var graticule: Style
    /// The dot marking a city.
    public var placeDot: Style
    /// A city's name.
    public var placeName: Style
    /// The scale bar and its text.
    public var scaleBar: Style

    /// Creates a theme from one style per element.
    public init(
        coastline: Style, lake: Style, border: Style, state: Style, river: Style, riverName: Style, urban: Style,
        graticule: Style, placeDot: Style, placeName: Style, scaleBar: Style
    ) {
        self.coastline = coastline
        self.lake = lake
        self.border = border
        self.state = state
        self.river = river
        self.riverName = riverName
        self.urban = urban
        self.graticule = graticule
        self.placeDot = placeDot
        self.placeName = placeName
        self.scaleBar = scaleBar
    }

    /// Colours for terminals that have them: cyan coasts, blue lakes, grey borders, dim state lines, dim blue
    /// rivers with blue names, dim yellow urban areas (the colour of the city dots).
    public static let standard = MapTheme(
        coastline: Style(foreground: .cyan), lake: Style(foreground: .blue), border: Style(foreground: .gray),
        state: Style(foreground: .gray, attributes: .dim), river: Style(foreground: .blue, attributes: .dim),
        riverName: Style(foreground: .blue), urban: Style(foreground: .yellow, attributes: .dim),
        graticule: Style(foreground: .blue, attributes: .dim), placeDot: Style(foreground: .yellow),
        placeName: Style(foreground: .default), scaleBar: Style())

    /// Attributes only, for monochrome terminals: borders, state lines, rivers, urban areas and the graticule dim.
    public static let monochrome = MapTheme(
        coastline: Style(), lake: Style(), border: Style(attributes: .dim), state: Style(attributes: .dim),
        river: Style(attributes: .dim), riverName: Style(), urban: Style(attributes: .dim),
        graticule: Style(attributes: .dim), placeDot: Style(), placeName: Style(), scaleBar: Style())
}

/// A participant on the map: a one-character label at a position.
public struct MapMarker: Hashable, Sendable {
    /// The label drawn at the marker's cell (`1`-`9`, `A`-`Z`, `*`).
    public var label: Character
    /// Where the participant is.
    public var position: LatLon
    /// Drawn reversed: the participant the panel has selected.
    public var isSelected: Bool
    /// Drawn dim: a participant who stopped sharing, at the last known position.
    public var isDimmed: Bool
    /// The marker's colours; the composer adds bold, reverse and dim.
    public var style: Style

    /// Creates a marker.
    public init(
        label: Character, position: LatLon, isSelected: Bool = false, isDimmed: Bool = false, style: Style = Style()
    ) {
        self.label = label
        self.position = position
        self.isSelected = isSelected
        self.isDimmed = isDimmed
        self.style = style
    }
}

/// How the map is drawn; settings arrive as this value, never from globals.
public struct MapOptions: Hashable, Sendable {
    /// Braille or ASCII.
    public var charset: Charset
    /// Cell height over cell width; 2 for most terminal fonts.
    public var cellAspect: Double
    /// Draws meridians and parallels.
    public var showsGraticule: Bool
    /// Draws city and river names.
    public var showsPlaceLabels: Bool
    /// Styles of the layers.
    public var theme: MapTheme
    /// The scale bar's first unit (`--units`): round kilometres first, or round miles first.
    public var units: DistanceUnits = .km
    /// The places drawn as rings with their names (`--place`, issue 13).
    public var places: [NamedPlace] = []

    /// Creates options; the defaults are Braille, 2:1 cells, no graticule, place labels, the standard theme.
    public init(
        charset: Charset = .braille, cellAspect: Double = Viewport.defaultCellAspect, showsGraticule: Bool = false,
        showsPlaceLabels: Bool = true, theme: MapTheme = .standard
    ) {
        self.charset = charset
        self.cellAspect = cellAspect
        self.showsGraticule = showsGraticule
        self.showsPlaceLabels = showsPlaceLabels
        self.theme = theme
    }
}

/// What the composer drew that the rest of the screen should mention.
public struct MapReport: Hashable, Sendable {
    /// Groups of labels (two or more, in marker order) drawn as one `+` because they share a cell.
    public var sharedCells: [[Character]]
    /// Labels outside the view, drawn as arrows at the map's edge, in marker order.
    public var offscreen: [Character]
    /// The scale bar's text, such as `500 km / 311 mi`, or nil when the area had no room for it.
    public var scaleText: String?

    /// Creates a report.
    public init(sharedCells: [[Character]] = [], offscreen: [Character] = [], scaleText: String? = nil) {
        self.sharedCells = sharedCells
        self.offscreen = offscreen
        self.scaleText = scaleText
    }
}
