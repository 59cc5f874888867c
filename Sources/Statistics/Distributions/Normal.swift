import Foundation

/// The standard normal distribution.
public enum Normal {
    /// Φ(z) = P(Z ≤ z), through erfc so that the lower tail keeps its relative accuracy.
    public static func cdf(_ z: Double) -> Double {
        0.5 * erfc(-z / 2.0.squareRoot())
    }

    /// 1 − Φ(z) = P(Z > z).
    public static func sf(_ z: Double) -> Double {
        0.5 * erfc(z / 2.0.squareRoot())
    }

    /// The density φ(z).
    public static func pdf(_ z: Double) -> Double {
        GammaFunctions.invSqrt2Pi * exp(-0.5 * z * z)
    }
}
