import Foundation
import PackagePlugin

/// Generates `BuildInfo.swift` (git commit, compiler version) before each build so that
/// `vane version` can say exactly what is running.
@main
struct BuildInfoPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        let output = context.pluginWorkDirectoryURL.appending(path: "BuildInfo.swift")
        let package = context.package.directoryURL.path
        let script = """
            commit=$(git -C '\(package)' rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
            if [ "$commit" != unknown ] && [ -n "$(git -C '\(package)' status --porcelain --untracked-files=no 2>/dev/null)" ]; then commit="$commit-dirty"; fi
            printf 'enum BuildInfo {\\n    static let gitCommit = "%s"\\n}\\n' "$commit" > '\(output.path)'.tmp
            cmp -s '\(output.path)'.tmp '\(output.path)' || mv '\(output.path)'.tmp '\(output.path)'
            rm -f '\(output.path)'.tmp
            """
        return [
            .prebuildCommand(
                displayName: "Recording the git commit for vane version",
                executable: URL(filePath: "/bin/sh"),
                arguments: ["-c", script],
                outputFilesDirectory: context.pluginWorkDirectoryURL
            )
        ]
    }
}
