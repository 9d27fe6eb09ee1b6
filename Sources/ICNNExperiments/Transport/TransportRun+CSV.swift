import Foundation

extension TransportRun {
    /// The header of `runs.csv`.
    public static let csvHeader = [
        "part", "problem", "d", "seed", "method", "group", "validation_divergence", "test_divergence", "test_mmd",
        "map_mse", "l2_uvp", "cosine", "w2_estimate", "w2_exact", "seconds", "completed", "validation_energy",
        "validation_dual",
    ]

    /// The run as a CSV line (no newline); NaN is written `nan`; the group holds no comma.
    public var csvLine: String {
        let figures = [
            validationDivergence, testDivergence, testMMD, mapMSE, unexplainedVariance, cosine,
            squaredWassersteinEstimate, squaredWasserstein,
        ]
        return
            ([key.part.rawValue, key.problem, "\(key.dimension)", "\(key.seed)", key.method, group]
            + figures.map { $0.isNaN ? "nan" : "\($0)" }
            + [
                String(format: "%.2f", seconds), completed ? "1" : "0",
                validationEnergy.isNaN ? "nan" : "\(validationEnergy)",
                validationDual.isNaN ? "nan" : "\(validationDual)",
            ])
            .joined(separator: ",")
    }

    /// The runs in CSV form: the header, then one line per run.
    public static func csv(_ runs: [TransportRun]) -> String {
        ([csvHeader.joined(separator: ",")] + runs.map(\.csvLine)).joined(separator: "\n") + "\n"
    }

    /// Parses a `runs.csv` written by `csv(_:)` (or by an earlier version without `validation_energy` or
    /// `validation_dual`, read as NaN).
    /// - Parameter file: the file name used in error messages.
    /// - Throws: `TransportStudy.Error` naming the file, line and column of the first malformed field.
    public static func parseCSV(_ text: String, file: String) throws -> [TransportRun] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        while lines.last?.isEmpty == true { lines.removeLast() }
        guard let header = lines.first else { return [] }
        let columns = header.split(separator: ",").map(String.init)
        guard (0...2).contains(where: { columns == Array(csvHeader.dropLast($0)) }) else {
            throw TransportStudy.Error(
                "\(file), line 1: the header is not '\(csvHeader.joined(separator: ","))'; use another --out folder"
            )
        }
        return try lines.dropFirst().enumerated().map { offset, line in
            let row = offset + 2
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == columns.count else {
                throw TransportStudy.Error("\(file), line \(row): \(fields.count) fields, expected \(columns.count)")
            }
            func field<T>(_ c: Int, _ parse: (String) -> T?) throws -> T {
                guard let v = parse(fields[c]) else {
                    throw TransportStudy.Error(
                        "\(file), line \(row), column \(csvHeader[c]): '\(fields[c])' is not valid here"
                    )
                }
                return v
            }
            let number: (String) -> Double? = { Double($0) }
            let key = Key(
                part: try field(0) { TransportStudy.Part(rawValue: $0) },
                problem: try field(1) { $0.isEmpty ? nil : $0 },
                dimension: try field(2) { Int($0).flatMap { $0 >= 1 ? $0 : nil } },
                seed: try field(3) { Int($0).flatMap { $0 >= 0 ? $0 : nil } },
                method: try field(4) { TransportMethod(label: $0)?.label }  // the canonical spelling
            )
            return TransportRun(
                key: key,
                group: fields[5],
                validationDivergence: try field(6, number),
                validationEnergy: try columns.count > 16 ? field(16, number) : .nan,
                validationDual: try columns.count > 17 ? field(17, number) : .nan,
                testDivergence: try field(7, number),
                testMMD: try field(8, number),
                mapMSE: try field(9, number),
                unexplainedVariance: try field(10, number),
                cosine: try field(11, number),
                squaredWassersteinEstimate: try field(12, number),
                squaredWasserstein: try field(13, number),
                seconds: try field(14, number),
                completed: try field(15) { $0 == "1" ? true : $0 == "0" ? false : nil }
            )
        }
    }
}
