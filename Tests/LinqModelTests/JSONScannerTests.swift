import Foundation
import LinqModel
import Testing

@Test(arguments: [
    "0", "-0", "1", "-1", "0.1", "0.3", "1.5e3", "1E-7", "123456789012345678", "12345678901234567890123",
    "0.000000000000000000000000001", "179.99999999999997", "-84.5", "2.2250738585072014e-308", "4.9e-324",
    "1.7976931348623157e308", "9007199254740993", "0.1e1", "37.774929",
])
func numbersReadAsSwiftReadsThem(text: String) throws {
    let value = try JSONValue.parse(Data("[\(text)]".utf8))
    let expected = try #require(Double(text))
    #expect(value == .array([.number(expected)]))
    #expect(value.arrayValue?.first?.numberValue?.sign == expected.sign)
}

@Test(arguments: ["[1e999]", "[-1e400]", "[4.9e-325]", "[1e-400]", "[\"\\ud800\"]", "[\"\\udc00\\ud800\"]"])
func oddValuesFailAStrictParse(text: String) {
    #expect(throws: JSONValue.ParseError.self) { try JSONValue.parse(Data(text.utf8)) }
}

@Test(arguments: [
    "01", "1.", ".5", "+1", "-", "1e", "1e+", "[1,]", "{\"a\":1,}", "{a:1}", "[1] x", "\"tab\there\"", "'x'",
    "[\"\\x\"]", "[\"\\u12\"]", "tru", "nul", "[", "{\"a\"", "\"open",
])
func brokenJSONIsRejected(text: String) {
    #expect(throws: JSONValue.ParseError(detail: "not valid JSON")) { try JSONValue.parse(Data(text.utf8)) }
}

@Test func escapesAndSurrogatePairsDecode() throws {
    let value = try JSONValue.parse(Data(#"["\u00e9\ud83c\udf0d\n\t\"\\\/\b\f\r"]"#.utf8))
    #expect(value == .array([.string("é🌍\n\t\"\\/\u{8}\u{C}\r")]))
}

@Test func aDuplicateKeyKeepsItsLastValue() throws {
    #expect(try JSONValue.parse(Data(#"{"a":1,"a":2}"#.utf8)) == .object(["a": .number(2)]))
}

@Test func invalidUTF8FailsAStrictParse() {
    #expect(throws: JSONValue.ParseError.self) { try JSONValue.parse(Data([0x5B, 0x22, 0xFF, 0x22, 0x5D])) }
}

@Test func droppingOddValuesLeavesThemOutOfTheirContainers() throws {
    let text = #"{"a":1e999,"b":[1,4.9e-325,"\ud800",2],"c":"ok","a":2,"d":{"\udc00":1},"e":"x","e":1e400}"#
    let value = try JSONValue.parse(Data(text.utf8), dropsOddValues: true)
    #expect(
        value
            == .object(["a": .number(2), "b": .array([.number(1), .number(2)]), "c": .string("ok"), "d": .object([:])]))
    #expect(throws: JSONValue.ParseError.self) { try JSONValue.parse(Data(text.utf8)) }
}
