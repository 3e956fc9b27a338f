/// The members of a JSON object that a Swift type does not model.
///
/// Declare `public var unknownFields = UnknownFields()` in a `Codable` struct and decode it with
/// ``KubeJSON``: the decoder fills it with every member whose key is not one of the struct's
/// coding keys, and the encoder writes those members back beside the modelled ones. That is how
/// Vane updates an object written by a newer client without erasing the fields it does not know.
/// (Other coders see a member named `unknownFields`; use ``KubeJSON`` for Kubernetes types.)
public struct UnknownFields: Sendable, Hashable, Codable {
    public var object: JSONObject

    public init(_ object: JSONObject = JSONObject()) {
        self.object = object
    }

    public var isEmpty: Bool { object.isEmpty }

    public subscript(key: String) -> JSONValue? {
        get { object[key] }
        set { object[key] = newValue }
    }

    /// Only reached with a foreign decoder; ``KubeJSON`` intercepts this type.
    public init(from decoder: any Decoder) throws {
        self.object = try JSONValue(from: decoder).objectValue ?? JSONObject()
    }

    /// Only reached with a foreign encoder; ``KubeJSON`` splices the members into the parent.
    public func encode(to encoder: any Encoder) throws {
        try JSONValue.object(object).encode(to: encoder)
    }
}
