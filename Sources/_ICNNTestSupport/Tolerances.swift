/// Named tolerances for the test suites; each says why it is what it is.
public enum Tolerances {}
