import Model
import Notify
import Testing

/// Alertmanager 0.25's silence rules (`silence/silence.go`: validateSilence, Set, canUpdate,
/// expire) as `Silence.validate`, `Silence.write` and `Silence.expiring` apply them.
@Suite struct SilenceRulesTests {
    static func at(_ seconds: Int64) -> Timestamp { Timestamp(milliseconds: 1_700_000_000_000 + seconds * 1000) }

    static func silence(
        id: String = "", _ matchers: [SilenceMatcher] = [SilenceMatcher(name: "alertname", op: .equal, value: "BinFull")],
        from start: Int64 = 0, to end: Int64 = 3600
    ) -> Silence {
        Silence(id: id, rawMatchers: matchers, startsAt: at(start), endsAt: at(end), createdBy: "ops", comment: "c")
    }

    @Test(arguments: [
        ([], "silence invalid: at least one matcher required"),
        ([SilenceMatcher(name: "0x", op: .equal, value: "a")], "silence invalid: invalid label matcher 0: invalid label name \"0x\""),
        ([SilenceMatcher(name: "a", op: .equal, value: "b"), SilenceMatcher(name: "b", op: .regexMatch, value: "(")],
         "silence invalid: invalid label matcher 1: invalid regular expression \"(\""),
        ([SilenceMatcher(name: "a", op: .equal, value: "")], "silence invalid: at least one matcher must not match the empty string"),
        ([SilenceMatcher(name: "a", op: .regexMatch, value: ".*")], "silence invalid: at least one matcher must not match the empty string"),
    ])
    func invalidMatchersAreRefused(matchers: [SilenceMatcher], message: String) {
        #expect(throws: SilenceError.self) { try Self.silence(matchers).validate() }
        do {
            try Self.silence(matchers).validate()
        } catch {
            #expect(error.kind == .invalid)
            #expect(error.message.hasPrefix(message), "\(error.message)")
        }
    }

    @Test func negativeMatchersNeverCountAsMatchingEverything() throws {
        // `a!="x"` matches "", but Alertmanager's matchesEmpty only asks = and =~.
        try Self.silence([SilenceMatcher(name: "a", op: .notEqual, value: "x")]).validate()
        try Self.silence([SilenceMatcher(name: "a", op: .equal, value: ""), SilenceMatcher(name: "b", op: .equal, value: "y")]).validate()
    }

    @Test func endBeforeStartIsRefused() {
        do {
            try Self.silence(from: 10, to: 5).validate()
            Issue.record("accepted")
        } catch {
            #expect(error.message == "silence invalid: end time must not be before start time")
        }
    }

    @Test func newSilenceGetsTheNewIDAndStartsNoEarlierThanNow() throws {
        let write = try Silence.write(Self.silence(from: -100, to: 3600), over: nil, at: Self.at(0), newID: "new")
        #expect(write.stored.id == "new")
        #expect(write.stored.startsAt == Self.at(0))
        #expect(write.stored.updatedAt == Self.at(0))
        #expect(write.expired == nil)
    }

    @Test func unknownIDIsNotFoundAndNothingIsWritten() {
        #expect(throws: SilenceError.notFound) {
            try Silence.write(Self.silence(id: "gone"), over: nil, at: Self.at(0), newID: "new")
        }
    }

    @Test func activeSilenceKeepingStartAndMatchersIsUpdatedInPlace() throws {
        let stored = Self.silence(id: "s1", from: 0, to: 100)
        var longer = stored
        longer.endsAt = Self.at(500)
        longer.comment = "longer"
        let write = try Silence.write(longer, over: stored, at: Self.at(50), newID: "new")
        #expect(write.stored.id == "s1" && write.stored.endsAt == Self.at(500) && write.stored.comment == "longer")
        #expect(write.expired == nil)
    }

    @Test func changingAnActiveSilencesMatchersExpiresItAndStoresANewOne() throws {
        let stored = Self.silence(id: "s1", from: 0, to: 100)
        var other = stored
        other.matchers = [SilenceMatcher(name: "alertname", op: .equal, value: "BinWarm")]
        let write = try Silence.write(other, over: stored, at: Self.at(50), newID: "s2")
        #expect(write.stored.id == "s2" && write.stored.startsAt == Self.at(50))
        #expect(write.expired?.id == "s1" && write.expired?.endsAt == Self.at(50))
    }

    @Test func anExpiredSilenceIsNeverUpdatedNorExpiredAgain() throws {
        let stored = Self.silence(id: "s1", from: 0, to: 10)
        var again = stored
        again.endsAt = Self.at(500)
        let write = try Silence.write(again, over: stored, at: Self.at(50), newID: "s2")
        #expect(write.stored.id == "s2")
        #expect(write.expired == nil)
        #expect(stored.expiring(at: Self.at(50)) == nil)
    }

    @Test func expiringAPendingSilenceStartsAndEndsItNow() throws {
        let pending = Self.silence(id: "p", from: 100, to: 200)
        #expect(pending.state(at: Self.at(50)) == .pending)
        let ended = try #require(pending.expiring(at: Self.at(50)))
        #expect(ended.startsAt == Self.at(50) && ended.endsAt == Self.at(50) && ended.state(at: Self.at(50)) == .expired)
        let active = Self.silence(id: "a", from: 0, to: 200)
        #expect(active.expiring(at: Self.at(50))?.endsAt == Self.at(50))
        #expect(active.expiring(at: Self.at(50))?.startsAt == Self.at(0))
    }
}
