/// What `vane version` reports: the release, the commit it was built from, and the compiler.
enum VaneVersion {
    static let version = "0.1.0"

    static var gitCommit: String { BuildInfo.gitCommit }

    static var swiftVersion: String {
        #if compiler(>=6.4)
        "6.4 or later"
        #elseif compiler(>=6.3)
        "6.3"
        #elseif compiler(>=6.2)
        "6.2"
        #else
        "older than 6.2"
        #endif
    }
}
