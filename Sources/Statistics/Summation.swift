/// Numerically stable sums. Pairwise summation (the scheme numpy's `add.reduce` uses, eight
/// accumulators over blocks of 128) keeps the rounding error at O(log n · ε) instead of the
/// O(n · ε) of a plain loop, at the speed of a plain loop.
enum Summation {
    static let blockSize = 128

    /// The pairwise sum of `values`.
    static func pairwise(_ values: UnsafeBufferPointer<Double>) -> Double {
        pairwise(values, 0, values.count)
    }

    /// The pairwise sum of `f(values[i])`, without materialising the mapped array.
    @inline(__always)
    static func pairwise(_ values: UnsafeBufferPointer<Double>, _ f: (Double) -> Double) -> Double {
        mapped(values, 0, values.count, f)
    }

    private static func pairwise(_ a: UnsafeBufferPointer<Double>, _ start: Int, _ n: Int) -> Double {
        mapped(a, start, n) { $0 }
    }

    @inline(__always)
    private static func mapped(
        _ a: UnsafeBufferPointer<Double>, _ start: Int, _ n: Int, _ f: (Double) -> Double
    ) -> Double {
        if n < 8 {
            var s = 0.0
            for i in start..<(start + n) { s += f(a[i]) }
            return s
        }
        if n <= blockSize {
            var r0 = f(a[start]), r1 = f(a[start + 1]), r2 = f(a[start + 2]), r3 = f(a[start + 3])
            var r4 = f(a[start + 4]), r5 = f(a[start + 5]), r6 = f(a[start + 6]), r7 = f(a[start + 7])
            var i = 8
            let whole = n - n % 8
            while i < whole {
                let b = start + i
                r0 += f(a[b]); r1 += f(a[b + 1]); r2 += f(a[b + 2]); r3 += f(a[b + 3])
                r4 += f(a[b + 4]); r5 += f(a[b + 5]); r6 += f(a[b + 6]); r7 += f(a[b + 7])
                i += 8
            }
            var s = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
            while i < n { s += f(a[start + i]); i += 1 }
            return s
        }
        var half = n / 2
        half -= half % 8
        return mapped(a, start, half, f) + mapped(a, start + half, n - half, f)
    }

    /// The pairwise sum of `f(x[i], y[i])` over two equally long buffers.
    @inline(__always)
    static func pairwise(
        _ x: UnsafeBufferPointer<Double>, _ y: UnsafeBufferPointer<Double>, _ f: (Double, Double) -> Double
    ) -> Double {
        zipped(x, y, 0, x.count, f)
    }

    @inline(__always)
    private static func zipped(
        _ x: UnsafeBufferPointer<Double>, _ y: UnsafeBufferPointer<Double>, _ start: Int, _ n: Int,
        _ f: (Double, Double) -> Double
    ) -> Double {
        if n <= blockSize {
            var r = (0.0, 0.0, 0.0, 0.0)
            var i = start
            let end = start + n
            while i + 4 <= end {
                r.0 += f(x[i], y[i]); r.1 += f(x[i + 1], y[i + 1])
                r.2 += f(x[i + 2], y[i + 2]); r.3 += f(x[i + 3], y[i + 3])
                i += 4
            }
            var s = (r.0 + r.1) + (r.2 + r.3)
            while i < end { s += f(x[i], y[i]); i += 1 }
            return s
        }
        var half = n / 2
        half -= half % 8
        return zipped(x, y, start, half, f) + zipped(x, y, start + half, n - half, f)
    }
}

extension Array where Element == Double {
    /// Throws if any value is NaN or infinite, naming the first one.
    func requireFinite(_ input: String) throws(StatisticsError) {
        let bad: Int? = withUnsafeBufferPointer { buf in
            // One branch-free pass; the index is only looked up when something is wrong.
            var acc = 0.0
            for v in buf { acc += v * 0 }
            guard acc.isNaN else { return nil }
            return buf.firstIndex { !$0.isFinite }
        }
        if let bad { throw .nonFinite(input: input, index: bad, value: self[bad]) }
    }
}
