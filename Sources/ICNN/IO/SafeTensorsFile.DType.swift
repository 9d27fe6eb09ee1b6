extension SafeTensorsFile {
    /// An element type of the safetensors format, named as in the file (`"F32"`, …). All are little-endian.
    public enum DType: String, Sendable, Hashable, CaseIterable {
        /// One byte, 0 or 1.
        case bool = "BOOL"
        /// Unsigned 8-bit integer.
        case u8 = "U8"
        /// Signed 8-bit integer.
        case i8 = "I8"
        /// Unsigned 16-bit integer.
        case u16 = "U16"
        /// Signed 16-bit integer.
        case i16 = "I16"
        /// IEEE half precision.
        case f16 = "F16"
        /// bfloat16 (the top half of a Float).
        case bf16 = "BF16"
        /// Unsigned 32-bit integer.
        case u32 = "U32"
        /// Signed 32-bit integer.
        case i32 = "I32"
        /// IEEE single precision (`Float`), the type of model files written here.
        case f32 = "F32"
        /// Unsigned 64-bit integer.
        case u64 = "U64"
        /// Signed 64-bit integer.
        case i64 = "I64"
        /// IEEE double precision (`Double`).
        case f64 = "F64"

        /// The size of one element in bytes.
        public var byteCount: Int {
            switch self {
            case .bool, .u8, .i8: return 1
            case .u16, .i16, .f16, .bf16: return 2
            case .u32, .i32, .f32: return 4
            case .u64, .i64, .f64: return 8
            }
        }

        /// Whether every value of this type is exactly a `Scalar` (Float or Double). Integers of more than 24
        /// (Float) or 53 (Double) bits are counted as exact: counters in PyTorch files are small, and converting
        /// them rounds only beyond 2²⁴ (2⁵³).
        func convertsExactly<Scalar: TensorScalar>(to type: Scalar.Type) -> Bool {
            switch self {
            case .f64: return Scalar.self == Double.self
            default: return true
            }
        }
    }
}
