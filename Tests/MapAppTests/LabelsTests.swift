import MapApp
import Testing

@Test func labelsRunOneToNineThenAToZThenStar() {
    var book = LabelBook()
    let labels = (0..<40).map { book.assign("handle\($0)") }
    #expect(String(labels) == "123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ*****")
}

@Test func handleKeepsItsLabel() {
    var book = LabelBook()
    book.assign("+14155550101")
    book.assign("ana@example.com")
    #expect(book.assign("+14155550101") == "1")
    #expect(book.label(of: "ana@example.com") == "2")
    #expect(book.rank(of: "ana@example.com") == 1)
    #expect(book.label(of: "nobody") == nil)
    #expect(book.count == 2)
}
