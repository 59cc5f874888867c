import Foundation

/// One Falkenauer instance with its baseline row.
struct Instance {
    var name: String
    var cls: String
    var capacity: Int
    var sizes: [Int]
    var opt: Int
    var l2: Int
    var ffd: Int
    var bfd: Int
}

/// Reads the 160 instances (BPPLIB copies) and baselines.csv from ../shared/binpacking-instances.
func loadInstances(root: String) throws -> [Instance] {
    let csv = try String(contentsOfFile: root + "/baselines.csv", encoding: .utf8)
    var rows = csv.split(whereSeparator: \.isNewline).map { $0.split(separator: ",").map(String.init) }
    let header = rows.removeFirst()
    func column(_ name: String) throws -> Int {
        guard let index = header.firstIndex(of: name) else { throw BenchmarkError("baselines.csv has no column \(name)") }
        return index
    }
    let (iName, iCls, iOpt, iL2, iFFD, iBFD) = try (column("instance"), column("cls"), column("opt"), column("L2"), column("FFD"), column("BFD"))
    return try rows.map { row in
        let name = row[iName]
        let folder = name.hasPrefix("t") ? "Falkenauer_T" : "Falkenauer_U"
        let text = try String(contentsOfFile: "\(root)/bpplib/\(folder)/Falkenauer_\(name).txt", encoding: .utf8)
        let numbers = text.split(whereSeparator: { $0.isWhitespace }).compactMap { Int($0) }
        guard numbers.count >= 2, numbers.count == numbers[0] + 2 else { throw BenchmarkError("\(name): bad BPP file") }
        func int(_ i: Int) throws -> Int {
            guard let v = Int(row[i]) else { throw BenchmarkError("\(name): bad number \(row[i])") }
            return v
        }
        return Instance(
            name: name, cls: row[iCls], capacity: numbers[1], sizes: Array(numbers[2...]),
            opt: try int(iOpt), l2: try int(iL2), ffd: try int(iFFD), bfd: try int(iBFD))
    }
}

struct BenchmarkError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
