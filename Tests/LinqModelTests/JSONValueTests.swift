import Foundation
import LinqModel
import Testing

@Test func parsesEveryKindOfValue() throws {
    let value = try JSONValue.parse(Data(#"{"a":[1,true,false,null,"x",1.5,{"b":-0.25}]}"#.utf8))
    #expect(
        value
            == .object([
                "a": .array([
                    .number(1), .bool(true), .bool(false), .null, .string("x"), .number(1.5),
                    .object(["b": .number(-0.25)]),
                ])
            ]))
}

@Test func numbersStayNumbersAndBooleansStayBooleans() throws {
    #expect(try JSONValue.parse(Data("[1,0]".utf8)) == .array([.number(1), .number(0)]))
    #expect(try JSONValue.parse(Data("[true]".utf8)) == .array([.bool(true)]))
}

@Test(arguments: [
    "", "{", "nope", "[NaN]", "[1e400]", "[-1e400]", "{\"a\": Infinity}", "<html>bad gateway</html>",
])
func rejectsWhatJSONDecoderCannotRepresent(body: String) {
    #expect(throws: JSONValue.ParseError.self) { try JSONValue.parse(Data(body.utf8)) }
}

@Test func rejectsDeepNestingBeforeDecoding() {
    let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
    #expect(throws: JSONValue.ParseError(detail: "JSON nested deeper than 64 levels")) {
        try JSONValue.parse(Data(deep.utf8))
    }
}

@Test func bracketsInsideStringsDoNotCountAsNesting() throws {
    let text = "[\"" + String(repeating: "[{", count: 200) + "\\\"]\"]"
    let value = try JSONValue.parse(Data(text.utf8))
    #expect(value.arrayValue?.count == 1)
}

@Test func nestingUpToTheLimitIsAccepted() throws {
    let text = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
    #expect(throws: Never.self) { try JSONValue.parse(Data(text.utf8)) }
}

@Test func accessorsReturnNilForOtherCases() {
    let value = JSONValue.object(["s": .string("x"), "n": .number(2)])
    #expect(value["s"]?.stringValue == "x")
    #expect(value["n"]?.numberValue == 2)
    #expect(value["n"]?.stringValue == nil)
    #expect(value["missing"] == nil)
    #expect(JSONValue.string("x")["s"] == nil)
    #expect(JSONValue.null.isNull)
}
