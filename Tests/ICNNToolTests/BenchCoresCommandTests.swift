import Foundation
import Testing

@Suite("icnn bench cores")
struct BenchCoresCommandTests {
    @Test("--json: one object per CPU with its peak and rates; text: one line per CPU and the two-thread bound")
    func reportsEveryCPU() throws {
        let w = try Workspace()
        let json = icnn(["bench", "cores", "--json"], in: w.path)
        #expect(json.status == 0, "\(json.stderr)")
        let rows = json.stdout.split(separator: "\n").compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
        }
        #if os(Linux)
        #expect(!rows.isEmpty)
        #endif
        #expect(rows.map { $0["cpu"] as? Int ?? -1 } == rows.map { $0["cpu"] as? Int ?? -1 }.sorted())
        for row in rows {
            #expect(row["kind"] as? String == "cpu")
            #expect((row["fma_peak_gflops"] as? Double ?? 0) > 0 && (row["gflops"] as? Double ?? 0) > 0)
            #expect(row["m"] as? Int == 1024 && row["k"] as? Int == 256 && row["n"] as? Int == 256)
        }
        let text = icnn(["bench", "cores"], in: w.path)
        #expect(text.status == 0)
        let lines = text.stdout.split(separator: "\n")
        #expect(lines.filter { $0.contains("on its own: FMA peak") }.count == rows.count)
        if rows.count >= 2 { #expect(text.stdout.contains("two threads can gain at most")) }
    }
}
