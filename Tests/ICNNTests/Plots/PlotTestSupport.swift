import Foundation
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

/// Checks that `svg` is well-formed XML with an `<svg>` root, and returns the names of all elements in order.
/// Uses Foundation's XMLParser where available, else structural checks (balanced tags, escaped text).
func checkWellFormed(_ svg: String, sourceLocation: SourceLocation = #_sourceLocation) -> [String] {
    final class Collector: NSObject, XMLParserDelegate {
        var elements: [String] = []
        var nonFiniteAttributes: [String] = []
        func parser(
            _ parser: XMLParser,
            didStartElement name: String,
            namespaceURI: String?,
            qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            elements.append(name)
            for (key, value) in attributes
            where value.lowercased().contains("nan") || value.lowercased().contains("inf") {
                nonFiniteAttributes.append("\(name) \(key)=\"\(value)\"")
            }
        }
    }
    let parser = XMLParser(data: Data(svg.utf8))
    let collector = Collector()
    parser.delegate = collector
    let ok = parser.parse()
    #expect(ok, "not well-formed XML: \(parser.parserError.map { "\($0)" } ?? "?")", sourceLocation: sourceLocation)
    #expect(collector.elements.first == "svg", sourceLocation: sourceLocation)
    #expect(
        collector.nonFiniteAttributes.isEmpty,
        "non-finite numbers in \(collector.nonFiniteAttributes)",
        sourceLocation: sourceLocation
    )
    return collector.elements
}

/// When the environment variable ICNN_PLOT_SAMPLES names a folder, sample plots are also written there (for
/// looking at them; e.g. `rsvg-convert x.svg -o x.png`).
func saveSample(_ svg: String, as name: String) {
    guard let folder = ProcessInfo.processInfo.environment["ICNN_PLOT_SAMPLES"] else { return }
    try? svg.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8)
}
