import KubeAPI
import Synchronization

/// The runs this controller wrote last, until its cache shows them: a reconcile that starts before
/// the watch delivered our own status write works from what we wrote, not from the version before
/// it (which would take a measurement a second time and then lose the write to a conflict).
final class RecentWrites: Sendable {
    private struct Entry {
        var readVersion: String?
        var written: AnalysisRun
    }

    private let entries = Mutex<[ObjectKey: Entry]>([:])

    /// `written` replaced the version `readVersion`.
    func record(_ written: AnalysisRun, replacing readVersion: String?) {
        entries.withLock { $0[written.key] = Entry(readVersion: readVersion, written: written) }
    }

    /// The newer of the cached run and the one we wrote.
    func fresher(_ cached: AnalysisRun) -> AnalysisRun {
        entries.withLock { entries in
            guard let entry = entries[cached.key] else { return cached }
            if cached.metadata.resourceVersion == entry.readVersion, cached.metadata.uid == entry.written.metadata.uid {
                return entry.written
            }
            entries[cached.key] = nil
            return cached
        }
    }

    func forget(_ key: ObjectKey) {
        _ = entries.withLock { $0.removeValue(forKey: key) }
    }
}
