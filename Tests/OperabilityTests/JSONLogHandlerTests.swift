import Foundation
import Logging
import Operability
import Synchronization
import Testing

@Suite("JSON log lines")
struct JSONLogHandlerTests {
    /// The lines a handler wrote.
    final class Lines: Sendable {
        private let storage = Mutex<[String]>([])
        var all: [String] { storage.withLock { $0 } }
        func append(_ line: String) { storage.withLock { $0.append(line) } }
    }

    @Test("one object per line: UTC time, level, label, message, then metadata sorted by key, escaped")
    func line() {
        let lines = Lines()
        var logger = Logger(label: "vane.controller") { label in
            JSONLogHandler(
                label: label,
                now: { Date(timeIntervalSince1970: 1_796_306_400.75) },
                write: { lines.append($0) }
            )
        }
        logger[metadataKey: "k8s.key"] = "default/demo"
        logger.warning(
            "reconcile keeps failing",
            metadata: ["error": "webhook \"validate\" said:\n\tno\u{1}", "error.kind": "tls"]
        )
        logger.debug("not at info")
        #expect(
            lines.all == [
                #"{"time":"2026-12-03T14:00:00Z","level":"warning","logger":"vane.controller","#
                    + #""message":"reconcile keeps failing","error":"webhook \"validate\" said:\n\tno\u0001","#
                    + #""error.kind":"tls","k8s.key":"default/demo"}"# + "\n"
            ]
        )
    }
}
