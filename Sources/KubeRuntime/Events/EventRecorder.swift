public import Foundation
public import KubeAPI
public import KubeClient
public import Logging

/// Writes Kubernetes Events about objects, aggregated like client-go: the same object, type, reason
/// and message bumps `count` and `lastTimestamp` on the existing Event instead of creating another,
/// so a retry storm shows up as one Event with a large count rather than hundreds of objects.
///
/// Recording never throws: an Event that cannot be written is logged and dropped, because losing an
/// Event must never stop a reconcile.
public actor EventRecorder {
    public enum EventType: String, Sendable {
        case normal = "Normal"
        case warning = "Warning"
    }

    private struct AggregationKey: Hashable {
        var object: ObjectReference
        var type: EventType
        var reason: String
        var message: String
    }

    private struct Recorded {
        var name: String
        var namespace: String
        var count: Int32
        var firstTimestamp: KubeTime
    }

    private let client: KubeClient
    private let component: String
    private let instance: String
    private let now: @Sendable () -> Date
    private let logger: Logger
    private var recorded: [AggregationKey: Recorded] = [:]
    private var order: [AggregationKey] = []
    private let capacity = 4096

    public init(
        client: KubeClient,
        component: String,
        instance: String,
        now: @escaping @Sendable () -> Date = { Date() },
        logger: Logger = Logger(label: "vane.events")
    ) {
        self.client = client
        self.component = component
        self.instance = instance
        self.now = now
        self.logger = logger
    }

    /// Records an Event about `object` (namespaced objects only: the Event lives beside it).
    public func record(_ object: ObjectReference, type: EventType, reason: String, message: String) async {
        var reference = object
        reference.resourceVersion = nil
        let key = AggregationKey(object: reference, type: type, reason: reason, message: message)
        let timestamp = KubeTime(now())
        if var previous = recorded[key] {
            previous.count += 1
            let patch: JSONValue = [
                "count": .number(JSONNumber(Int(previous.count))), "lastTimestamp": .string(timestamp.description),
            ]
            do {
                _ = try await client.patch(
                    Event.resource,
                    name: previous.name,
                    namespace: previous.namespace,
                    patch: patch,
                    type: .merge
                )
                recorded[key] = previous
                return
            } catch  where error.kind == .notFound {
                recorded[key] = nil
            } catch {
                logger.warning(
                    "cannot update event",
                    metadata: [
                        LogKey.eventReason: "\(reason)", LogKey.k8sObject: "\(describe(reference))",
                        LogKey.error: "\(error)",
                    ]
                )
                return
            }
        }
        let namespace = reference.namespace ?? "default"
        let name =
            "\(reference.name ?? "object").\(String(UInt64(now().timeIntervalSince1970 * 1_000_000_000), radix: 16))"
        let event = Event(
            metadata: ObjectMeta(name: name, namespace: namespace),
            involvedObject: reference,
            reason: reason,
            message: message,
            type: type.rawValue,
            count: 1,
            firstTimestamp: timestamp,
            lastTimestamp: timestamp,
            source: EventSource(component: component),
            reportingComponent: component,
            reportingInstance: instance
        )
        do {
            _ = try await client.create(event, namespace: namespace)
            remember(key, Recorded(name: name, namespace: namespace, count: 1, firstTimestamp: timestamp))
        } catch {
            logger.warning(
                "cannot record event",
                metadata: [
                    LogKey.eventReason: "\(reason)", LogKey.k8sObject: "\(describe(reference))",
                    LogKey.error: "\(error)",
                ]
            )
        }
    }

    private func remember(_ key: AggregationKey, _ value: Recorded) {
        if recorded.updateValue(value, forKey: key) == nil {
            order.append(key)
            if order.count > capacity {
                recorded[order.removeFirst()] = nil
            }
        }
    }

    private func describe(_ reference: ObjectReference) -> String {
        "\(reference.kind ?? "object") \(reference.namespace ?? "")/\(reference.name ?? "")"
    }
}
