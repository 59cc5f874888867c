import Model
import Notify

extension WebUI {
    /// Attempts listed on the page, newest first.
    static let attemptsShown = 200

    /// `/notifications`: what is pending in the outbox, each group's last delivery per
    /// receiver from the notification log, and the recent attempts with their outcome and
    /// error. `receiver=` keeps one receiver.
    func notificationsPage(_ page: PageRequest) -> PageAnswer {
        guard let pipeline = alertmanager.pipeline else {
            return problem(200, "Notifications", "There is no alerting: section in binwatch.yml, so nothing is sent.")
        }
        let receiver = page.params["receiver"] ?? ""
        let keeps = { (slot: OutboundNotification.Slot) in receiver.isEmpty || slot.receiver == receiver }
        let slotFields = { (slot: OutboundNotification.Slot) -> [String: Any] in
            ["receiver": slot.receiver, "integration": slot.integration, "group": slot.groupKey]
        }
        let outbox: [OutboundNotification] = pipeline.database?.outbox.all() ?? []
        let log = pipeline.database?.notificationLog.all() ?? []
        let pending: [[String: Any]] = outbox.filter { keeps($0.slot) }.map { item in
            slotFields(item.slot).merging([
                "firing": item.firing.count, "resolved": item.resolved.count,
                "queuedAt": WebFormat.time(item.createdAt), "waiting": WebFormat.age(from: item.createdAt, to: page.now),
            ]) { $1 }
        }
        let delivered: [[String: Any]] = log.filter { keeps($0.slot) }.map { slot, entry in
            slotFields(slot).merging([
                "firing": entry.firing.count, "resolved": entry.resolved.count, "at": WebFormat.time(entry.timestamp),
            ]) { $1 }
        }
        let attempts: [[String: Any]] = pipeline.history.recent().reversed().filter { keeps($0.slot) }
            .prefix(Self.attemptsShown).map { record in
                var row = slotFields(record.slot)
                row["at"] = WebFormat.time(record.at)
                if let error = record.error {
                    row["outcome"] = record.willRetry ? "failed, retrying" : "failed, given up"
                    row["failed"] = true
                    row["error"] = error
                } else {
                    row["outcome"] = "delivered" + (record.attempts.map { $0 > 1 ? " after \($0) attempts" : "" } ?? "")
                }
                return row
            }
        let receivers = pipeline.snapshot(at: page.now).config.receivers.map(\.name)
        return .render(status: 200, template: "notifications", context: [
            "pending": pending, "hasPending": !pending.isEmpty,
            "delivered": delivered, "hasDelivered": !delivered.isEmpty,
            "attempts": attempts, "hasAttempts": !attempts.isEmpty,
            "durable": pipeline.database != nil,
            "receivers": ([""] + receivers).map { name -> [String: Any] in
                ["value": name, "label": name.isEmpty ? "all receivers" : name, "selected": name == receiver]
            },
        ])
    }
}
