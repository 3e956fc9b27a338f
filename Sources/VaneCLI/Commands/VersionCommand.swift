import ArgumentParser

/// `vane version`: the version, git commit and Swift version, for bug reports.
struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "version",
        abstract: "Print the version, git commit and Swift version.",
        discussion: "Example:\n  vane version"
    )

    func run() {
        print("vane \(VaneVersion.version)")
        print("git commit: \(VaneVersion.gitCommit)")
        print("swift: \(VaneVersion.swiftVersion)")
    }
}
