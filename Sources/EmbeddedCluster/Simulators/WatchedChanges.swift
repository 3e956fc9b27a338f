import KubeAPI

/// Decodes the frames of an in-process watch back into (type, object) pairs for the simulators.
struct WatchedChange {
    var type: String
    var object: JSONValue

    init?(frame: [UInt8]) {
        guard let event = try? JSONParser.parse(frame), let type = event["type"]?.stringValue,
            let object = event["object"]
        else { return nil }
        self.type = type
        self.object = object
    }
}
