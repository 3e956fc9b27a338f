/// The patch flavours the API server accepts, by content type.
public enum PatchType: String, Sendable {
    /// RFC 7386 JSON merge patch: maps merge, `null` deletes.
    case merge = "application/merge-patch+json"
    /// RFC 6902 JSON patch: a list of operations.
    case json = "application/json-patch+json"
    /// Strategic merge patch (built-in kinds only): lists of named items merge by key.
    case strategic = "application/strategic-merge-patch+json"
}

/// What happens to dependents when an owner is deleted.
public enum PropagationPolicy: String, Sendable {
    case background = "Background"
    case foreground = "Foreground"
    case orphan = "Orphan"
}
