import Foundation

/// Progress on stderr: an in-place bar with the loss and an ETA on a terminal, a plain line per tenth of the
/// run otherwise (logs, CI). A class because it owns the terminal line.
final class ProgressReporter {
    private let total: Int
    private let label: String
    private let isTerminal = isatty(2) == 1
    private var lastPrinted = -1

    init(total: Int, label: String) {
        self.total = max(total, 1)
        self.label = label
    }

    /// Reports that `done` of `total` units are finished after `seconds`, with a short status text.
    func update(done: Int, seconds: Double, status: String) {
        let eta = done > 0 ? seconds / Double(done) * Double(total - done) : 0
        if isTerminal {
            let width = 30
            let filled = width * done / total
            let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
            writeError("\r\(label) [\(bar)] \(done)/\(total)  \(status)  ETA \(formatSeconds(eta))   ")
            if done == total { writeError("\n") }
        } else {
            let tenth = done * 10 / total
            guard tenth != lastPrinted || done == total else { return }
            lastPrinted = tenth
            writeError(
                "\(label) \(done)/\(total)  \(status)  elapsed \(formatSeconds(seconds))  ETA \(formatSeconds(eta))\n"
            )
        }
    }
}

/// Writes to standard error (progress and diagnostics; results go to standard output).
func writeError(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
}

func formatSeconds(_ s: Double) -> String {
    guard s.isFinite else { return "?" }
    if s < 60 { return "\(fixed(s, 1)) s" }
    let m = Int(s) / 60
    return "\(m) min \(Int(s) - 60 * m) s"
}
