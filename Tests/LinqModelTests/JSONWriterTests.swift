import Foundation
import LinqModel
import Testing

@Test(arguments: [
    ("\u{0}", "\\u0000"), ("\u{1B}[31m", "\\u001b[31m"), ("\u{7F}", "\\u007f"), ("\u{85}", "\\u0085"),
    ("\u{9B}", "\\u009b"), ("\u{202A}", "\\u202a"), ("\u{202E}", "\\u202e"), ("\u{2066}", "\\u2066"),
    ("\u{2069}", "\\u2069"), ("\u{2028}", "\\u2028"), ("\n", "\\n"), ("\t", "\\t"), ("é✓🌍", "é✓🌍"),
])
func controlAndBidiCodePointsAreEscaped(raw: String, escaped: String) throws {
    let quoted = JSONWriter.string("x\(raw)y")
    #expect(quoted == "\"x\(escaped)y\"")
    #expect(try JSONValue.parse(Data("[\(quoted)]".utf8)) == .array([.string("x\(raw)y")]))
}

@Test(arguments: [
    (0.0, "0"), (-0.0, "0"), (3.0, "3"), (-12.0, "-12"), (0.1, "0.1"), (1e-5, "1e-05"), (1e300, "1e+300"),
    (4_294_967_296.0, "4294967296"),
])
func numbersAreShortestAndIntegralWithoutFraction(number: Double, text: String) {
    #expect(JSONWriter.text(.number(number)) == text)
}

@Test func nonFiniteNumbersAreNull() {
    #expect(JSONWriter.number(.nan) == "null")
    #expect(JSONWriter.number(-.infinity) == "null")
}

@Test func objectsSortTheirKeys() {
    let value = JSONValue.object(["b": .array([.bool(true), .null]), "a": .string("x")])
    #expect(JSONWriter.text(value) == #"{"a":"x","b":[true,null]}"#)
}
