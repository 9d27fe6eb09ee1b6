import ArgumentParser
import ICNN

/// `icnn predict`: evaluate a saved model on a CSV file.
struct Predict: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Evaluate a saved model on the rows of a CSV file.",
        discussion: """
            Reads the model's input columns (by name) from the CSV file and writes a CSV with those columns, a \
            `prediction` column and, with --gradient, one `grad_<input>` column per input (∂f/∂input, in the \
            target's units per input unit).

            Example: icnn predict --model demo.safetensors --data points.csv --gradient --out predictions.csv
            """
    )

    @Option(help: "A model file written by `icnn fit`.")
    var model: String

    @Option(help: "CSV file with a header row containing the model's input columns.")
    var data: String

    @Flag(help: "Add the gradient columns grad_<input>.")
    var gradient = false

    @Option(help: "Output CSV file (written atomically). Default: standard output.")
    var out: String?

    func run() throws {
        let file = try ModelFile(contentsOf: model)
        let table = try DataTable(contentsOf: data)
        let inputs = file.description.inputs
        let x: Tensor<Float> = try table.columns(inputs)
        let prediction = file.regressor.predict(x)
        var result = try DataTable(columnNames: inputs, values: x)
        try result.appendColumn("prediction", values: prediction.reshaped([-1]))
        if gradient {
            let g = file.regressor.gradient(x)
            for (k, name) in inputs.enumerated() {
                try result.appendColumn("grad_\(name)", values: g.sliced(axis: 1, start: k, length: 1).reshaped([-1]))
            }
        }
        if let out { try result.write(to: out) } else { print(result.csvString(), terminator: "") }
    }
}
