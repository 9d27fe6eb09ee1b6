/// Namespace of the papers' experiments and the benchmarks, run by `icnn experiment` and `icnn bench`.
public enum Experiments {}
