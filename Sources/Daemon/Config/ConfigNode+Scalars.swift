import Yams

/// The scalar readers `query:` and `web:` need beyond ConfigNode's own (YAML 1.2 core
/// booleans and whole numbers, as Prometheus's Go YAML decoder accepts them).
extension ConfigNode {
    /// `true` or `false`.
    func bool() -> Bool? {
        guard case .scalar(let scalar) = node, !isNull else {
            fail(expected: "true or false")
            return nil
        }
        switch scalar.string {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        default:
            fail(expected: "true or false", found: "\"\(scalar.string)\"")
            return nil
        }
    }

    /// A whole number of at least `minimum`.
    func integer(minimum: Int) -> Int? {
        let expected = "a whole number of at least \(minimum)"
        guard case .scalar(let scalar) = node, !isNull else {
            fail(expected: expected)
            return nil
        }
        let text = String(scalar.string.filter { $0 != "_" })
        guard let value = Int(text), value >= minimum else {
            fail(expected: expected, found: "\"\(scalar.string)\"")
            return nil
        }
        return value
    }
}
