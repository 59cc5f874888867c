/// The version `binwatch --version` prints.
enum BinwatchVersion {
    static let current = "0.1.0"
}
