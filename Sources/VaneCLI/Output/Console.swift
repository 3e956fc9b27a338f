import Foundation

/// Writes to standard output immediately, so a parent process (a test, a script) sees each line
/// while the command is still running.
enum Console {
    static func line(_ text: String) {
        write(text + "\n")
    }

    /// Writes `text` as it is (it carries its own newlines).
    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
