import Model
import PromQL
import Testing
@testable import Rules

/// Groups evaluated through the real engine against a `SeriesStore`.
@Suite struct RuleGroupStoreTests {
    static func group(_ yaml: String, file: String = "r.yml") throws -> [RuleGroup] {
        let decoded = try RuleFileDecoder().decode(yaml, path: file)
        return decoded.groups.map { RuleGroup($0, file: file, defaultInterval: PromDuration(seconds: 60)) }
    }

    static func value(_ expr: String, at t: Int64, in store: SeriesStore) throws -> [Double] {
        let result = try Engine().instantQuery(try Parser.parseExpr(expr), at: Timestamp(milliseconds: t), on: store)
        guard case .vector(let vector) = result else { return [] }
        return vector.map(\.value)
    }

    @Test func laterRulesSeeEarlierOutputAtTheSameTimestamp() throws {
        var groups = try Self.group("""
            groups:
              - name: g
                rules:
                  - record: a
                    expr: vector(21)
                  - record: b
                    expr: a * 2
                  - alert: BIsBig
                    expr: b > 40
            """)
        var store = SeriesStore()
        let evaluation = groups[0].evaluate(at: Timestamp(milliseconds: 0), store: &store, engine: Engine())
        #expect(evaluation.failures.isEmpty)
        #expect(try Self.value("b", at: 0, in: store) == [42])
        #expect(try Self.value("ALERTS{alertstate=\"firing\"}", at: 0, in: store) == [1])
        #expect(try Self.value("ALERTS_FOR_STATE", at: 0, in: store) == [0])
    }

    @Test func rejectedAppendFailsTheRule() throws {
        var groups = try Self.group("""
            groups:
              - name: g
                rules:
                  - record: same
                    expr: vector(1)
                  - record: same
                    expr: vector(2)
            """)
        var store = SeriesStore()
        let evaluation = groups[0].evaluate(at: Timestamp(milliseconds: 0), store: &store, engine: Engine())
        #expect(evaluation.failures.map(\.rule) == ["same"])
        #expect(evaluation.failures.first?.error.hasPrefix("duplicate sample for timestamp") == true)
        #expect(try Self.value("same", at: 0, in: store) == [1])
    }

    @Test func queryErrorsAndStringResultsFailWithoutWriting() throws {
        var groups = try Self.group("""
            groups:
              - name: g
                rules:
                  - record: s
                    expr: '"text"'
            """)
        var store = SeriesStore()
        let evaluation = groups[0].evaluate(at: Timestamp(milliseconds: 0), store: &store, engine: Engine())
        #expect(evaluation.failures == [RuleGroup.Failure(rule: "s", error: EngineQuery.notVectorOrScalar)])
        #expect(store.seriesCount == 0)
    }

    @Test func queryOffsetStampsOutputInThePast() throws {
        var groups = try Self.group("""
            groups:
              - name: g
                query_offset: 1m
                rules:
                  - record: t
                    expr: time()
            """)
        var store = SeriesStore()
        _ = groups[0].evaluate(at: Timestamp(milliseconds: 300_000), store: &store, engine: Engine())
        #expect(try Self.value("timestamp(t)", at: 300_000, in: store) == [240])
        #expect(try Self.value("t", at: 300_000, in: store) == [240])
    }

    @Test(arguments: [Int64(0), 1, 59_999, 60_000, 1_700_000_123_456, -5_000])
    func alignedSlots(_ now: Int64) throws {
        for name in ["availability", "recording", "x"] {
            let group = try Self.group("groups:\n  - name: \(name)\n    rules: [{record: a, expr: '1'}]\n", file: "rules/\(name).yml")[0]
            let offset = group.slotOffsetNanoseconds
            #expect(offset >= 0 && offset < 60_000_000_000)
            let slot = group.evaluationTimestamp(for: Timestamp(milliseconds: now))
            // Within one interval of `now`, on this group's grid (`offset` past a multiple of the interval).
            #expect(abs(now - slot.milliseconds) < 60_000)
            // (Milliseconds truncate the nanosecond slot, so allow up to 1ms either side.)
            let phase = ((slot.milliseconds * 1_000_000 - offset) % 60_000_000_000 + 60_000_000_000) % 60_000_000_000
            #expect(min(phase, 60_000_000_000 - phase) < 1_000_000)
        }
    }

    @Test func groupsSpreadOverTheInterval() throws {
        let a = try Self.group("groups:\n  - name: a\n    rules: [{record: a, expr: '1'}]\n")[0]
        let b = try Self.group("groups:\n  - name: b\n    rules: [{record: a, expr: '1'}]\n")[0]
        #expect(a.slotOffsetNanoseconds != b.slotOffsetNanoseconds)
        let next = a.nextEvaluationTimestamp(after: Timestamp(milliseconds: 60_000), now: Timestamp(milliseconds: 200_000))
        #expect(next.slot == Timestamp(milliseconds: 180_000))
        #expect(next.missed == 1)
    }
}
