import Testing
import TextUI

@Test(
    arguments: [
        ("a", true), (" ", true), ("~", true), ("é", true), ("\u{A0}", true), ("ɏ", true), ("\u{AD}", false),
        ("\u{7F}", false), ("\u{1B}", false), ("\u{9B}", false), ("Ɐ", false), ("東", false), ("\u{301}", false),
    ] as [(Unicode.Scalar, Bool)])
func plainScalarsArePrintableOneColumnLatin(scalar: Unicode.Scalar, isPlain: Bool) {
    #expect(isPlainScalar(scalar) == isPlain)
    if isPlain {
        #expect(displayWidth(of: String(scalar)) == 1)
        #expect(TextSanitizer.sanitized(String(scalar)) == String(scalar))
    }
}
