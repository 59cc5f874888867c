import Model
import Notify

extension AlertmanagerAPI {
    /// Said when `state.path` is not set: there is no file to keep silences in.
    static let noStateFile = "silences are kept in the state file: set state.path in binwatch.yml"

    /// `GET /api/v2/silences`: every silence kept (expired ones until garbage collection),
    /// active first by end, then pending by start, then expired, most recent first. A
    /// `filter` keeps silences that hold a matcher equal to it (name, type and value), as
    /// Alertmanager 0.25's `CheckSilenceMatchesFilterLabels`.
    func listSilences(query: String) -> Answer {
        let filters: [Matcher]
        switch Self.filters(RequestParameters(query: query)) {
        case .success(let parsed): filters = parsed
        case .failure(let error): return Answer(400, AlertmanagerJSON.message(error.message))
        }
        let current = self.now()
        let listed = (silences?.all() ?? []).filter { silence in
            filters.allSatisfy { filter in silence.matchers.contains { SilenceMatcher(filter) == $0 } }
        }
        let body = Self.sorted(listed, at: current).map { AlertmanagerJSON.silence($0, at: current) }
        return Answer(200, "[" + body.joined(separator: ",") + "]")
    }

    /// Alertmanager's `SortSilences`.
    static func sorted(_ silences: [Silence], at now: Timestamp) -> [Silence] {
        let rank: [SilenceState: Int] = [.active: 1, .pending: 2, .expired: 3]
        return silences.sorted { a, b in
            let (stateA, stateB) = (a.state(at: now), b.state(at: now))
            if stateA != stateB { return rank[stateA, default: 0] < rank[stateB, default: 0] }
            switch stateA {
            case .active: return a.endsAt < b.endsAt
            case .pending: return a.startsAt < b.startsAt
            case .expired: return a.endsAt > b.endsAt
            }
        }
    }

    /// `GET /api/v2/silence/{id}`: 404 without a body when there is no such silence.
    func getSilence(id: String) -> Answer {
        if let refusal = Self.refuseID(id) { return refusal }
        guard let silence = silences?.silence(id: id) else { return Answer(404, nil) }
        return Answer(200, AlertmanagerJSON.silence(silence, at: now()))
    }

    /// `DELETE /api/v2/silence/{id}`: expires it (a pending one starts and ends now); an
    /// expired one stays as it is, 200 all the same. An unknown id is a 404 without a body,
    /// as Alertmanager answers from 0.26 on and as its OpenAPI describes (0.25 said 500).
    func deleteSilence(id: String) -> Answer {
        if let refusal = Self.refuseID(id) { return refusal }
        guard let silences, silences.silence(id: id) != nil else { return Answer(404, nil) }
        do {
            _ = try silences.expire(id: id, at: now())
            return Answer(200, nil)
        } catch {
            return Answer(500, AlertmanagerJSON.message(error.message))
        }
    }

    /// `POST /api/v2/silences`: the body checked as go-swagger checks it, then Alertmanager's
    /// handler's own checks (start before end, end not past), then the store's rules
    /// (`Silence.write`: an id not stored is a 404, an invalid silence a 400); nothing is
    /// written unless every check passed. Answers `{"silenceID": id}`.
    func postSilence(_ body: [UInt8]) -> Answer {
        let posted: PostableSilence
        switch PostableSilence.decode(body) {
        case .success(let value): posted = value
        case .failure(let refusal): return Answer(refusal.status, refusal.body)
        }
        guard posted.startsAt < posted.endsAt else {
            return Answer(400, AlertmanagerJSON.message("Failed to create silence: start time must be before end time"))
        }
        let current = self.now()
        guard !(posted.endsAt < current) else {
            return Answer(400, AlertmanagerJSON.message("Failed to create silence: end time can't be in the past"))
        }
        guard let silences else { return Answer(400, AlertmanagerJSON.message(Self.noStateFile)) }
        let silence = Silence(
            id: posted.id, rawMatchers: posted.matchers, startsAt: posted.startsAt, endsAt: posted.endsAt,
            createdBy: posted.createdBy, comment: posted.comment)
        do {
            let id = try silences.set(silence, at: current, newID: newID())
            return Answer(200, "{\"silenceID\":\(APIJSON.quote(id))}")
        } catch {
            switch error.kind {
            case .notFound: return Answer(404, AlertmanagerJSON.message(error.message))
            case .invalid: return Answer(400, AlertmanagerJSON.message(error.message))
            case .storage: return Answer(500, AlertmanagerJSON.message(error.message))
            }
        }
    }

    /// The path's id must be a UUID, as the OpenAPI's `format: uuid` makes go-swagger check
    /// (`strfmt.IsUUID`: 32 hex digits, the four hyphens optional): 422 otherwise.
    static func refuseID(_ id: String) -> Answer? {
        let hex = id.lowercased()
        let groups = [8, 4, 4, 4, 12]
        var index = hex.startIndex
        var valid = true
        for (position, length) in groups.enumerated() {
            if position > 0, index < hex.endIndex, hex[index] == "-" { index = hex.index(after: index) }
            for _ in 0..<length {
                guard index < hex.endIndex, hex[index].isHexDigit else {
                    valid = false
                    break
                }
                index = hex.index(after: index)
            }
            if !valid { break }
        }
        if valid && index == hex.endIndex { return nil }
        return Answer(422, AlertmanagerJSON.openAPIError(
            code: PostableSilence.Code.invalidType, "silenceID in path must be of type uuid: \"\(id)\""))
    }
}
