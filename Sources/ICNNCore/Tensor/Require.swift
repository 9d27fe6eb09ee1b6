/// Checks a programmer-error condition (shape mismatch, index out of range) in every build configuration, with
/// its message: unlike `precondition`, whose message optimised builds drop, the trap always says what was wrong
/// (for shapes, both of them). The message is built only on failure. Input from users (files, flags) is
/// validated and thrown as errors long before it reaches an engine operation; this is for misuse of the API.
@inlinable @inline(__always)
func require(
    _ condition: @autoclosure () -> Bool,
    _ message: @autoclosure () -> String,
    file: StaticString = #fileID,
    line: UInt = #line
) {
    if _slowPath(!condition()) { requirementFailed(message(), file: file, line: line) }
}

@usableFromInline @inline(never)
func requirementFailed(_ message: String, file: StaticString, line: UInt) -> Never {
    fatalError(message, file: file, line: line)
}
