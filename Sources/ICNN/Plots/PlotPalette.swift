/// The default series colours (Tableau 10): distinct, readable on white, and friendly to the common forms of
/// colour blindness in their first few entries. Series without an explicit colour take them in order.
public enum PlotPalette {
    /// Blue, orange, red, teal, green, yellow, purple, pink, brown, grey.
    public static let colors = [
        "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac",
    ]

    /// The palette colour for the series at `index` (cycling after ten).
    public static func color(at index: Int) -> String {
        colors[((index % colors.count) + colors.count) % colors.count]
    }
}
