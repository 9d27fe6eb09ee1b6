import Foundation

extension RegressionRun {
    /// The header of `runs.csv`.
    public static let csvHeader = [
        "target", "d", "noise", "family", "width", "depth", "seed", "parameters", "test_mse", "train_seconds",
        "completed",
    ]

    /// The run as a CSV line (no newline); the test MSE keeps full Double precision.
    public var csvLine: String {
        [
            key.target.rawValue, "\(key.dimension)", "\(key.noise)", key.family.rawValue, "\(key.width)",
            "\(key.depth)", "\(key.seed)", "\(parameters)", "\(testMSE)", String(format: "%.3f", trainingSeconds),
            completed ? "1" : "0",
        ].joined(separator: ",")
    }

    /// The runs in CSV form: the header, then one line per run.
    public static func csv(_ runs: [RegressionRun]) -> String {
        ([csvHeader.joined(separator: ",")] + runs.map(\.csvLine)).joined(separator: "\n") + "\n"
    }

    /// Parses a `runs.csv` written by `csv(_:)`.
    /// - Parameter file: the file name used in error messages.
    /// - Throws: `RegressionError` naming the line and column of the first malformed field, or a wrong header.
    public static func parseCSV(_ text: String, file: String) throws -> [RegressionRun] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        while lines.last?.isEmpty == true { lines.removeLast() }
        guard let header = lines.first else { return [] }
        guard header.split(separator: ",").map(String.init) == csvHeader else {
            throw RegressionError(
                file: file,
                row: 1,
                reason: "the header is not '\(csvHeader.joined(separator: ","))'; use another --out folder"
            )
        }
        return try lines.dropFirst().enumerated().map { offset, line in
            let row = offset + 2
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == csvHeader.count else {
                throw RegressionError(
                    file: file,
                    row: row,
                    reason: "\(fields.count) fields, expected \(csvHeader.count)"
                )
            }
            func field<T>(_ c: Int, _ parse: (String) -> T?) throws -> T {
                guard let v = parse(fields[c]) else {
                    throw RegressionError(
                        file: file,
                        row: row,
                        column: csvHeader[c],
                        reason: "'\(fields[c])' is not valid here"
                    )
                }
                return v
            }
            let positive: (String) -> Int? = { Int($0).flatMap { $0 >= 1 ? $0 : nil } }
            let key = Key(
                target: try field(0) { RegressionTarget(rawValue: $0) },
                dimension: try field(1, positive),
                noise: try field(2) { Double($0).flatMap { $0 >= 0 && $0.isFinite ? $0 : nil } },
                family: try field(3) { RegressionFamily(rawValue: $0) },
                width: try field(4, positive),
                depth: try field(5, positive),
                seed: try field(6) { Int($0).flatMap { $0 >= 0 ? $0 : nil } }
            )
            return RegressionRun(
                key: key,
                parameters: try field(7, positive),
                testMSE: try field(8) { Double($0) },
                trainingSeconds: try field(9) { Double($0) },
                completed: try field(10) { $0 == "1" ? true : $0 == "0" ? false : nil }
            )
        }
    }
}
