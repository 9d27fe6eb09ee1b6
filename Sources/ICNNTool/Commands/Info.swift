import ArgumentParser
import Foundation
import ICNN

/// `icnn info`: describe a saved model.
struct Info: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Describe a saved model: architecture, parameters, inputs, convexity certificate.",
        discussion: "Example: icnn info --model demo.safetensors --json"
    )

    @Option(help: "A model file written by `icnn fit`.")
    var model: String

    @Flag(help: "Print a JSON object instead of text.")
    var json = false

    func run() throws {
        let file = try ModelFile(contentsOf: model)
        let m = file.regressor.model
        let a = m.architecture
        let certificate = m.certificate
        let convex = Set(a.convexInputs)
        if json {
            let inputs = file.description.inputs.enumerated().map { k, name in
                "{\"name\": \(quoted(name)), \"convex\": \(convex.contains(k))}"
            }.joined(separator: ", ")
            let failures = certificate.failures.map { quoted($0.description) }.joined(separator: ", ")
            print(
                """
                {"model": \(quoted(a.kind)), "parameters": \(m.parameterCount), "target": \(quoted(file.description.target)), \
                "inputs": [\(inputs)], "strategy": \(quoted(file.description.strategy)), \
                "certificate": {"holds": \(certificate.holds), "checked_tensors": \(certificate.checkedTensors.count), \
                "failures": [\(failures)]}, "tensors": [\(a.slots.map { quoted($0.name) }.joined(separator: ", "))]}
                """
            )
            return
        }
        print("model:       \(a.kind), \(m.parameterCount) parameters, trained with \(file.description.strategy)")
        print(
            "inputs:      "
                + file.description.inputs.enumerated().map { k, n in "\(n)\(convex.contains(k) ? " (convex)" : "")" }
                .joined(separator: ", ")
        )
        print("target:      \(file.description.target)")
        print("certificate: \(certificate)")
        print("tensors:")
        for slot in a.slots { print("  \(slot)") }
        for (key, value) in file.description.training.sorted(by: { $0.key < $1.key }) {
            print("training.\(key): \(value)")
        }
    }
}

/// A JSON string literal.
func quoted(_ s: String) -> String {
    var out = "\""
    for c in s.unicodeScalars {
        switch c {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case _ where c.value < 0x20: out += String(format: "\\u%04x", c.value)
        default: out.unicodeScalars.append(c)
        }
    }
    return out + "\""
}
