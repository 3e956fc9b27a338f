import Foundation

/// Writes lines to standard output immediately, so a parent process (a test, a script) sees them
/// while the command is still running.
enum Console {
    static func line(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }
}
