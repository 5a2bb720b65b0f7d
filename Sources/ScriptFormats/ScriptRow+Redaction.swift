import MapApp

extension ScriptRow {
    /// The row as privacy mode (`--redact`) prints it, by `Redaction`'s rules: handle masked, first name only,
    /// no address, position rounded to about 1 km; label, locality, times and sharing kept.
    public func redacted(ascii: Bool = false) -> ScriptRow {
        var row = self
        row.handle = Redaction.handle(handle, ascii: ascii)
        row.name = name.map(Redaction.name)
        row.coordinate = Redaction.coordinate(coordinate)
        row.address = nil
        return row
    }
}
