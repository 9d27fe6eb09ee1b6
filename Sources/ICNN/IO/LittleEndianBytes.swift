/// Converts between tensors and the little-endian element bytes of `.npy` and safetensors files.
enum LittleEndianBytes {
    /// Writes the elements as little-endian bytes (Float as 4 bytes, Double as 8).
    static func write<Scalar: TensorScalar>(_ elements: UnsafeBufferPointer<Scalar>, to file: AtomicFile) throws {
        #if _endian(little)
        try file.write(UnsafeRawBufferPointer(elements))
        #else
        var chunk: [UInt8] = []
        for x in elements {
            if let f = x as? Float {
                withUnsafeBytes(of: f.bitPattern.littleEndian) { chunk.append(contentsOf: $0) }
            } else {
                withUnsafeBytes(of: Double(x).bitPattern.littleEndian) { chunk.append(contentsOf: $0) }
            }
        }
        try file.write(chunk)
        #endif
    }

    /// Decodes `count` elements of type `dtype` starting at byte `offset` of `raw` into `out` (converting to Float
    /// or Double, rounding to nearest).
    /// - Returns: the index of the first element that is not finite after conversion, if `checkFinite`; else nil.
    /// - Precondition: `raw` holds the bytes; `out.count == count`.
    static func decode<Scalar: TensorScalar>(
        _ raw: UnsafeRawBufferPointer,
        from offset: Int,
        dtype: SafeTensorsFile.DType,
        count: Int,
        into out: UnsafeMutableBufferPointer<Scalar>,
        checkFinite: Bool
    ) -> Int? {
        if Scalar.self == Float.self {
            return out.withMemoryRebound(to: Float.self) { typed in
                decode(raw, offset, dtype, count, typed, checkFinite)
            }
        } else {
            return out.withMemoryRebound(to: Double.self) { typed in
                decode(raw, offset, dtype, count, typed, checkFinite)
            }
        }
    }

    /// As `decode(_:from:dtype:count:into:checkFinite:)` for a 4- or 8-byte float element (`.npy`).
    static func decode<Scalar: TensorScalar>(
        _ raw: UnsafeRawBufferPointer,
        from offset: Int,
        elementSize: Int,
        count: Int,
        into out: UnsafeMutableBufferPointer<Scalar>,
        checkFinite: Bool
    ) -> Int? {
        decode(
            raw,
            from: offset,
            dtype: elementSize == 4 ? .f32 : .f64,
            count: count,
            into: out,
            checkFinite: checkFinite
        )
    }

    @inline(__always)
    private static func decode<Out: BinaryFloatingPoint>(
        _ raw: UnsafeRawBufferPointer,
        _ offset: Int,
        _ dtype: SafeTensorsFile.DType,
        _ count: Int,
        _ out: UnsafeMutableBufferPointer<Out>,
        _ checkFinite: Bool
    ) -> Int? {
        @inline(__always)
        func convert<Raw>(_: Raw.Type, _ transform: (Raw) -> Out) {
            for i in 0..<count {
                out[i] = transform(raw.loadUnaligned(fromByteOffset: offset + i * MemoryLayout<Raw>.size, as: Raw.self))
            }
        }
        switch dtype {
        case .f32:
            #if _endian(little)
            if Out.self == Float.self {
                UnsafeMutableRawBufferPointer(out).copyMemory(
                    from: UnsafeRawBufferPointer(rebasing: raw[offset..<(offset + 4 * count)])
                )
                break
            }
            #endif
            convert(UInt32.self) { Out(Float(bitPattern: UInt32(littleEndian: $0))) }
        case .f64:
            #if _endian(little)
            if Out.self == Double.self {
                UnsafeMutableRawBufferPointer(out).copyMemory(
                    from: UnsafeRawBufferPointer(rebasing: raw[offset..<(offset + 8 * count)])
                )
                break
            }
            #endif
            convert(UInt64.self) { Out(Double(bitPattern: UInt64(littleEndian: $0))) }
        case .f16:
            convert(UInt16.self) { Out(halfToFloat(UInt16(littleEndian: $0))) }
        case .bf16:
            convert(UInt16.self) { Out(Float(bitPattern: UInt32(UInt16(littleEndian: $0)) << 16)) }
        case .i8: convert(Int8.self) { Out($0) }
        case .u8: convert(UInt8.self) { Out($0) }
        case .bool: convert(UInt8.self) { $0 == 0 ? 0 : 1 }
        case .i16: convert(Int16.self) { Out(Int16(littleEndian: $0)) }
        case .u16: convert(UInt16.self) { Out(UInt16(littleEndian: $0)) }
        case .i32: convert(Int32.self) { Out(Int32(littleEndian: $0)) }
        case .u32: convert(UInt32.self) { Out(UInt32(littleEndian: $0)) }
        case .i64: convert(Int64.self) { Out(Int64(littleEndian: $0)) }
        case .u64: convert(UInt64.self) { Out(UInt64(littleEndian: $0)) }
        }
        guard checkFinite else { return nil }
        for i in 0..<count where !out[i].isFinite { return i }
        return nil
    }

    /// IEEE half precision to Float (exact), without relying on the platform's Float16.
    static func halfToFloat(_ h: UInt16) -> Float {
        let sign = UInt32(h & 0x8000) << 16
        let exponent = Int(h >> 10) & 0x1F
        let mantissa = UInt32(h & 0x3FF)
        if exponent == 0 {
            let magnitude = Float(mantissa) * 0x1p-24  // subnormal (or zero)
            return sign == 0 ? magnitude : -magnitude
        }
        if exponent == 31 {
            return Float(bitPattern: sign | 0x7F80_0000 | (mantissa << 13))
        }
        return Float(bitPattern: sign | UInt32(exponent + 112) << 23 | (mantissa << 13))
    }
}
