import Foundation
import Model
import Notify
import PromQL

extension WebUI {
    /// `/silences`: active, pending and expired silences, each expirable, and the form that
    /// creates one (`matchers` in the query pre-fills it, as an alert's "Silence" link does).
    func silencesPage(_ page: PageRequest) -> PageAnswer {
        var form = SilenceForm()
        form.matchers = page.params["matchers"] ?? ""
        var notice: String?
        if let id = page.params["created"], AlertmanagerAPI.refuseID(id) == nil { notice = "Silence \(id) created." }
        if let id = page.params["expired"], AlertmanagerAPI.refuseID(id) == nil { notice = "Silence \(id) expired." }
        return silences(page, form: form, errors: [], notice: notice, status: 200)
    }

    /// POST `/silences`: creates the silence the form describes, or shows the form again with
    /// every problem and nothing stored.
    func createSilence(_ page: PageRequest, form params: RequestParameters) -> PageAnswer {
        let form = SilenceForm(params)
        guard let store = alertmanager.silences else { return problem(400, "Silences are off", AlertmanagerAPI.noStateFile) }
        let silence: Silence
        switch form.silence(now: page.now) {
        case .failure(let errors): return silences(page, form: form, errors: errors.problems, notice: nil, status: 400)
        case .success(let value): silence = value
        }
        do {
            let id = try store.set(silence, at: page.now, newID: alertmanager.newID())
            return .redirect("/silences?created=\(id)#silence-\(id)")
        } catch {
            return silences(page, form: form, errors: [error.message], notice: nil, status: error.kind == .storage ? 500 : 400)
        }
    }

    /// POST `/silences/{id}/expire`.
    func expireSilence(_ page: PageRequest, id: String) -> PageAnswer {
        guard let store = alertmanager.silences else { return problem(400, "Silences are off", AlertmanagerAPI.noStateFile) }
        guard AlertmanagerAPI.refuseID(id) == nil, store.silence(id: id) != nil else {
            return problem(404, "No such silence", "There is no silence \(id).")
        }
        do {
            _ = try store.expire(id: id, at: page.now)
            return .redirect("/silences?expired=\(id)")
        } catch {
            return problem(500, "Silence not expired", error.message)
        }
    }

    private func silences(_ page: PageRequest, form: SilenceForm, errors: [String], notice: String?, status: Int) -> PageAnswer {
        let store = alertmanager.silences
        let all = AlertmanagerAPI.sorted(store?.all() ?? [], at: page.now)
        let sections: [[String: Any]] = [(SilenceState.active, "Active"), (.pending, "Pending"), (.expired, "Expired")].map { state, title in
            let rows: [[String: Any]] = all.filter { $0.state(at: page.now) == state }.map { silence in
                [
                    "id": silence.id,
                    "matchers": silence.matchers.map { "\($0.name)\($0.op)\(GoQuote.quote($0.value))" },
                    "startsAt": WebFormat.time(silence.startsAt), "endsAt": WebFormat.time(silence.endsAt),
                    "createdBy": silence.createdBy, "comment": silence.comment, "expirable": state != .expired,
                ]
            }
            return ["state": state.rawValue, "title": title, "silences": rows, "count": rows.count, "hasSilences": !rows.isEmpty]
        }
        var context: [String: Any] = [
            "sections": sections, "enabled": store != nil, "disabledReason": AlertmanagerAPI.noStateFile,
            "form": form.fields, "errors": errors, "hasErrors": !errors.isEmpty,
        ]
        if let notice { context["notice"] = notice }
        return .render(status: status, template: "silences", context: context)
    }
}
