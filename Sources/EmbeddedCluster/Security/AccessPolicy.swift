/// Who may do what: everything is allowed unless a test denies it. SelfSubjectAccessReviews answer
/// from it (`kubectl auth can-i`), and requests it denies are refused with `403 Forbidden`, so a
/// tool's permission checks and its writes see the same answers, as they would under RBAC.
public actor AccessPolicy {
    /// One denied action: `verb` on `resource` in API `group` (`""` for core), for one user or all.
    public struct Denial: Hashable, Sendable {
        public var user: String?
        public var verb: String
        public var group: String
        public var resource: String

        public init(user: String? = nil, verb: String, group: String = "", resource: String) {
            self.user = user
            self.verb = verb
            self.group = group
            self.resource = resource
        }

        func covers(user: String, verb: String, group: String, resource: String) -> Bool {
            (self.user == nil || self.user == user) && (self.verb == "*" || self.verb == verb)
                && self.group == group && (self.resource == "*" || self.resource == resource)
        }
    }

    private var denials: [Denial] = []

    public init() {}

    /// Denies `verb` (or `*`) on `resource` (or `*`) in `group` to `user` (nil: everyone).
    public func deny(user: String? = nil, verb: String, group: String = "", resource: String) {
        denials.append(Denial(user: user, verb: verb, group: group, resource: resource))
    }

    /// Allows everything again.
    public func allowAll() {
        denials.removeAll()
    }

    public func allows(user: String, verb: String, group: String, resource: String) -> Bool {
        !denials.contains { $0.covers(user: user, verb: verb, group: group, resource: resource) }
    }
}
