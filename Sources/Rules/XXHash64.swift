import PromQL

extension XXHash64 {
    /// `labels.Labels.Hash()`: name, 0xff, value, 0xff for each label in name order
    /// (the group-slot hash of `group.go`, over `name` and `file`).
    static func hash(labels: [(name: String, value: String)]) -> UInt64 {
        var bytes: [UInt8] = []
        for label in labels.sorted(by: { $0.name < $1.name }) {
            bytes += Array(label.name.utf8)
            bytes.append(0xff)
            bytes += Array(label.value.utf8)
            bytes.append(0xff)
        }
        return hash(bytes)
    }
}
