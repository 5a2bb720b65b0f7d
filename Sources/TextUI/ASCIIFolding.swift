import Foundation
import Synchronization

/// `text` in 7-bit ASCII, for terminals without UTF-8 and for `--ascii`.
///
/// Letters lose their diacritics (São Paulo becomes Sao Paulo, Łódź becomes Lodz), letters with no
/// decomposition use a small table (ß is ss, Æ is AE, ø is o, þ is th), compatibility forms decompose
/// (fullwidth Ａ is A, the ligature ﬁ is fi), typographic punctuation becomes its ASCII look-alike
/// (’ is ', “ is ", – is -, … is ...). Runs of other scripts are transliterated with Foundation's
/// to-Latin and Latin-to-ASCII transforms (Москва becomes Moskva, 東京 becomes dong jing); only what
/// none of these can spell becomes one `?` a character. ASCII characters, controls included, pass
/// through unchanged: sanitise first.
public func asciiFolded(_ text: String) -> String {
    if text.utf8.allSatisfy({ $0 < 0x80 }) { return text }
    var result = ""
    result.reserveCapacity(text.utf8.count)
    var unspelled = ""
    func flush() {
        guard !unspelled.isEmpty else { return }
        result += transliterated(unspelled)
        unspelled = ""
    }
    for character in text {
        if character.isASCII {
            flush()
            result.append(character)
        } else {
            let folded = foldedCharacter(character)
            if folded == "?" {
                unspelled.append(character)
            } else {
                flush()
                result += folded
            }
        }
    }
    flush()
    return result
}

/// Transliterations already made: the panel redraws the same names every second, and an ICU transform
/// costs tens of microseconds. Bounded: cleared when it reaches `transliterationCacheLimit` entries.
private let transliterationCache = Mutex<[String: String]>([:])
private let transliterationCacheLimit = 1024

/// `run` (characters the table and decompositions cannot spell) in ASCII through the to-Latin and
/// Latin-to-ASCII transforms, then folded again; what still is not ASCII becomes `?` a character.
private func transliterated(_ run: String) -> String {
    if let known = transliterationCache.withLock({ $0[run] }) { return known }
    let spelled: String
    if let latin = run.applyingTransform(.toLatin, reverse: false),
        let ascii = latin.applyingTransform(StringTransform(rawValue: "Latin-ASCII"), reverse: false)
    {
        spelled = ascii.map { $0.isASCII ? String($0) : foldedCharacter($0) }.joined()
    } else {
        spelled = String(repeating: "?", count: run.count)
    }
    transliterationCache.withLock { cache in
        if cache.count >= transliterationCacheLimit { cache.removeAll(keepingCapacity: true) }
        cache[run] = spelled
    }
    return spelled
}

/// The ASCII form of one non-ASCII character, or `?`.
private func foldedCharacter(_ character: Character) -> String {
    if let first = character.unicodeScalars.first, let mapped = foldingTable[first.value] {
        // The table's letters may still carry combining marks after them (ø + U+0301); those are dropped.
        return mapped
    }
    let single = String(character)
    for decomposed in [single.decomposedStringWithCanonicalMapping, single.decomposedStringWithCompatibilityMapping] {
        var folded = ""
        var isFoldable = true
        for scalar in decomposed.unicodeScalars {
            if scalar.isASCII {
                folded.unicodeScalars.append(scalar)
                continue
            }
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .enclosingMark, .spacingMark:
                continue
            default:
                if let mapped = foldingTable[scalar.value] {
                    folded += mapped
                } else {
                    isFoldable = false
                }
            }
            if !isFoldable { break }
        }
        if isFoldable && !folded.isEmpty && folded.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            return folded
        }
    }
    return "?"
}

/// Letters without a canonical decomposition, and punctuation and spaces with an ASCII look-alike.
private let foldingTable: [UInt32: String] = [
    // Letters.
    0x00C6: "AE", 0x00E6: "ae", 0x00D8: "O", 0x00F8: "o", 0x00DF: "ss", 0x1E9E: "SS",
    0x00D0: "D", 0x00F0: "d", 0x0110: "D", 0x0111: "d", 0x00DE: "Th", 0x00FE: "th",
    0x0141: "L", 0x0142: "l", 0x0152: "OE", 0x0153: "oe", 0x0131: "i", 0x0126: "H", 0x0127: "h",
    0x0166: "T", 0x0167: "t", 0x014A: "N", 0x014B: "n", 0x0138: "q", 0x013F: "L", 0x0140: "l",
    0x0132: "IJ", 0x0133: "ij", 0x0149: "'n", 0x017F: "s", 0x0180: "b", 0x0181: "B", 0x0189: "D",
    0x0197: "I", 0x019A: "l", 0x01B5: "Z", 0x01B6: "z", 0x0244: "U", 0x0268: "i", 0x0289: "u",
    0x0259: "e", 0x018F: "E", 0x0254: "o", 0x0186: "O", 0x025B: "e", 0x0190: "E",
    // Quotes, dashes, dots.
    0x2018: "'", 0x2019: "'", 0x201A: "'", 0x201B: "'", 0x2032: "'", 0x02BC: "'", 0x02B9: "'",
    0x201C: "\"", 0x201D: "\"", 0x201E: "\"", 0x201F: "\"", 0x2033: "\"",
    0x00AB: "<<", 0x00BB: ">>", 0x2039: "<", 0x203A: ">",
    0x2010: "-", 0x2011: "-", 0x2012: "-", 0x2013: "-", 0x2014: "-", 0x2015: "-", 0x2212: "-",
    0x2026: "...", 0x2022: "*", 0x00B7: ".", 0x2027: ".", 0x2044: "/", 0x2215: "/",
    0x00D7: "x", 0x00F7: "/", 0x00A9: "(c)", 0x00AE: "(R)", 0x2122: "TM", 0x00B0: "deg",
    0x20AC: "EUR", 0x00A3: "GBP", 0x00A5: "JPY", 0x00A2: "c", 0x00BF: "?", 0x00A1: "!",
    0x3001: ",", 0x3002: ".",
    // Spaces.
    0x00A0: " ", 0x2000: " ", 0x2001: " ", 0x2002: " ", 0x2003: " ", 0x2004: " ", 0x2005: " ",
    0x2006: " ", 0x2007: " ", 0x2008: " ", 0x2009: " ", 0x200A: " ", 0x202F: " ", 0x205F: " ",
    0x3000: " ",
]
