import Foundation
import GRDB
import GRDBSQLite

/// A value bound straight to a statement's parameter with SQLite's C API, for the statements a poll runs a thousand
/// rows through: GRDB's `StatementArguments` converted each value through a generic conversion and cost about a
/// third of recording a poll of 1,000.
enum BoundValue {
    case text(String)
    case real(Double)
    case integer(Int64)
    case null

    /// `text`, or NULL.
    static func text(_ value: String?) -> BoundValue { value.map(BoundValue.text) ?? .null }

    /// `value`, or NULL.
    static func real(_ value: Double?) -> BoundValue { value.map(BoundValue.real) ?? .null }
}

extension Statement {
    /// Binds `values` to the parameters from 1 on, steps the statement once (an INSERT or UPDATE) and resets it;
    /// throws SQLite's error, as GRDB would.
    func run(_ values: [BoundValue], in db: Database) throws {
        let statement = sqliteStatement
        sqlite3_reset(statement)
        sqlite3_clear_bindings(statement)
        // NB: SQLITE_TRANSIENT (-1) makes SQLite copy the text before the call returns (sqlite.org/c3ref/bind_blob.html).
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            switch value {
            case .text(let text):
                var text = text
                text.withUTF8 { bytes in
                    _ = sqlite3_bind_text(
                        statement, index, UnsafeRawPointer(bytes.baseAddress)?.assumingMemoryBound(to: CChar.self),
                        Int32(bytes.count), transient)
                }
            case .real(let number): sqlite3_bind_double(statement, index, number)
            case .integer(let number): sqlite3_bind_int64(statement, index, number)
            case .null: sqlite3_bind_null(statement, index)
            }
        }
        let code = sqlite3_step(statement)
        sqlite3_reset(statement)
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: db.lastErrorMessage, sql: sql)
        }
    }
}
