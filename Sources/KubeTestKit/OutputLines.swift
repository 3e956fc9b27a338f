public import Foundation
import Synchronization

/// The output of a child process (kubectl, the vane binary) as lines, delivered as they are written.
public enum OutputLines {
    public static func stream(from handle: FileHandle) -> AsyncStream<String> {
        let (lines, continuation) = AsyncStream<String>.makeStream()
        let pending = Mutex<[UInt8]>([])
        handle.readabilityHandler = { handle in
            let data = handle.availableData
            if data.isEmpty {
                handle.readabilityHandler = nil
                continuation.finish()
                return
            }
            let complete = pending.withLock { buffer -> [String] in
                buffer += data
                var lines: [String] = []
                while let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                    lines.append(String(decoding: buffer[..<newline], as: UTF8.self))
                    buffer.removeSubrange(...newline)
                }
                return lines
            }
            for line in complete { continuation.yield(line) }
        }
        return lines
    }
}
