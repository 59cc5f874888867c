import Foundation
import Model
import Notify

/// A `POST /api/v2/silences` body (`postableSilence`), decoded and checked as Alertmanager
/// 0.25's go-swagger server does before its handler runs: a body that is not JSON, or a
/// field of the wrong type (a time that does not parse included), is a 400 `{"code":400,…}`;
/// a missing required field or an empty matcher list is a 422 `{"code":60x,…}` naming the
/// first one in the model's field order (comment, createdBy, endsAt, matchers, startsAt).
struct PostableSilence: Equatable {
    var id: String
    var matchers: [SilenceMatcher]
    var startsAt: Timestamp
    var endsAt: Timestamp
    var createdBy: String
    var comment: String

    /// Why the body was refused: status and JSON payload.
    struct Refusal: Error, Equatable {
        var status: Int
        var body: String
    }

    /// go-openapi's error codes (`errors/schema.go`).
    enum Code {
        static let invalidType = 601
        static let required = 602
        static let minItems = 612
    }

    static func decode(_ body: [UInt8]) -> Result<PostableSilence, Refusal> {
        func parseFailure(_ reason: String) -> Result<PostableSilence, Refusal> {
            .failure(Refusal(status: 400, body: AlertmanagerJSON.openAPIError(
                code: 400, "parsing silence body from \"\" failed, because \(reason)")))
        }
        func required(_ name: String) -> Result<PostableSilence, Refusal> {
            .failure(Refusal(status: 422, body: AlertmanagerJSON.openAPIError(code: Code.required, "\(name) in body is required")))
        }
        if body.allSatisfy({ [0x20, 0x09, 0x0A, 0x0D].contains($0) }) { return required("silence") }
        let document: JSONValue
        do {
            document = try JSONDecoder().decode(JSONValue.self, from: Data(body))
        } catch {
            return parseFailure("the body is not valid JSON")
        }
        let fields: [String: JSONValue]
        switch document {
        case .null: return required("silence")
        case .object(let object): fields = object
        default: return parseFailure("json: cannot unmarshal \(document.kind) into an object of type postableSilence")
        }

        // Decoding (Go's json.Unmarshal) comes first: a wrong type is a 400 whatever else is missing.
        func string(_ key: String, in object: [String: JSONValue], path: String) -> Result<String?, Refusal> {
            switch object[key] {
            case nil, .null?: return .success(nil)
            case .string(let text)?: return .success(text)
            case let other?: return .failure(Refusal(status: 400, body: AlertmanagerJSON.openAPIError(
                code: 400, "parsing silence body from \"\" failed, because json: cannot unmarshal \(other.kind) into \(path) of type string")))
            }
        }
        func time(_ key: String) -> Result<Timestamp?, Refusal> {
            switch string(key, in: fields, path: key) {
            case .failure(let refusal): return .failure(refusal)
            case .success(nil): return .success(nil)
            case .success(let text?):
                guard let parsed = QueryAPI.parseRFC3339(text) else {
                    return .failure(Refusal(status: 400, body: AlertmanagerJSON.openAPIError(
                        code: 400, "parsing silence body from \"\" failed, because \(key) \"\(text)\" is not an RFC 3339 date-time")))
                }
                return .success(parsed)
            }
        }
        let id: String?, comment: String?, createdBy: String?, startsAt: Timestamp?, endsAt: Timestamp?
        do {
            id = try string("id", in: fields, path: "id").get()
            comment = try string("comment", in: fields, path: "comment").get()
            createdBy = try string("createdBy", in: fields, path: "createdBy").get()
            startsAt = try time("startsAt").get()
            endsAt = try time("endsAt").get()
        } catch {
            return .failure(error)
        }
        var rawMatchers: [[String: JSONValue]?]?
        switch fields["matchers"] {
        case nil, .null?: rawMatchers = nil
        case .array(let items)?:
            var list: [[String: JSONValue]?] = []
            for (index, item) in items.enumerated() {
                switch item {
                case .null: list.append(nil)
                case .object(let object): list.append(object)
                default: return parseFailure("json: cannot unmarshal \(item.kind) into matchers[\(index)] of type matcher")
                }
            }
            rawMatchers = list
        case let other?: return parseFailure("json: cannot unmarshal \(other.kind) into matchers of type matchers")
        }
        var matchers: [SilenceMatcher] = []
        var missingInMatcher: String?
        for (index, item) in (rawMatchers ?? []).enumerated() {
            // go-swagger skips a null item ("not required"); Alertmanager's handler would then crash on it.
            guard let item else { return required("matchers.\(index)") }
            let name: String?, value: String?
            do {
                name = try string("name", in: item, path: "matchers[\(index)].name").get()
                value = try string("value", in: item, path: "matchers[\(index)].value").get()
            } catch {
                return .failure(error)
            }
            var flags: [String: Bool?] = [:]
            for key in ["isRegex", "isEqual"] {
                switch item[key] {
                case nil, .null?: flags[key] = .some(nil)
                case .bool(let flag)?: flags[key] = flag
                case let other?:
                    return parseFailure("json: cannot unmarshal \(other.kind) into matchers[\(index)].\(key) of type bool")
                }
            }
            let isRegex = flags["isRegex"] ?? nil
            // The model's order: isRegex, name, value.
            if missingInMatcher == nil {
                if isRegex == nil { missingInMatcher = "matchers.\(index).isRegex" }
                else if name == nil { missingInMatcher = "matchers.\(index).name" }
                else if value == nil { missingInMatcher = "matchers.\(index).value" }
            }
            let isEqual = (flags["isEqual"] ?? nil) ?? true
            let kind: Matcher.Kind = switch (isEqual, isRegex ?? false) {
            case (true, false): .equal
            case (false, false): .notEqual
            case (true, true): .regexMatch
            case (false, true): .regexNoMatch
            }
            matchers.append(SilenceMatcher(name: name ?? "", op: kind, value: value ?? ""))
        }

        // Then the schema, in the generated Validate's field order.
        guard let comment else { return required("comment") }
        guard let createdBy else { return required("createdBy") }
        guard let endsAt else { return required("endsAt") }
        guard rawMatchers != nil else { return required("matchers") }
        guard !matchers.isEmpty else {
            return .failure(Refusal(status: 422, body: AlertmanagerJSON.openAPIError(
                code: Code.minItems, "matchers in body should have at least 1 items")))
        }
        if let missingInMatcher { return required(missingInMatcher) }
        guard let startsAt else { return required("startsAt") }
        return .success(PostableSilence(
            id: id ?? "", matchers: matchers, startsAt: startsAt, endsAt: endsAt, createdBy: createdBy, comment: comment))
    }
}
