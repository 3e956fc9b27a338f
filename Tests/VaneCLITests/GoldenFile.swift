import Foundation
import Testing

/// Golden files under `Tests/VaneCLITests/Golden/`: expected plain output of `vane get rollout`,
/// compared after `normalise` removes what is truly non-deterministic. `VANE_UPDATE_GOLDENS=1`
/// rewrites them from the actual output instead of comparing.
enum GoldenFile {
    static let directory = URL(filePath: #filePath).deletingLastPathComponent().appending(path: "Golden")

    static var updating: Bool { ProcessInfo.processInfo.environment["VANE_UPDATE_GOLDENS"] == "1" }

    /// Compares `actual` (already normalised) with the golden file `name`.txt, or rewrites it.
    static func check(_ actual: String, against name: String, sourceLocation: SourceLocation = #_sourceLocation) throws
    {
        let file = directory.appending(path: name + ".txt")
        if updating {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try actual.write(to: file, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: file, encoding: .utf8)
        let message = "\(name).txt differs (VANE_UPDATE_GOLDENS=1 rewrites it); actual:\n\(actual)"
        #expect(actual == expected, Comment(rawValue: message), sourceLocation: sourceLocation)
    }

    /// Replaces ages with `AGE`, the random five-character suffix of Pod names with `xxxxx` and
    /// restart counts (which climb while a test runs) with `N`, then realigns the tree's columns.
    /// Everything else — names with their template hashes, statuses, counts — is kept.
    static func normalise(_ output: String) -> String {
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let headerIndex = lines.firstIndex(where: { $0.hasPrefix("NAME ") }) else { return output }
        let header = Array(lines[headerIndex])
        let starts = ["KIND", "STATUS", "AGE", "INFO"].compactMap { title in
            (0..<header.count).first { index in
                String(header[index..<min(index + title.count, header.count)]) == title
                    && (index == 0 || header[index - 1] == " ")
            }
        }
        let bounds = [0] + starts
        var rows: [[String]] = []
        for line in lines[headerIndex...] where !line.isEmpty {
            let characters = Array(line)
            var cells = bounds.indices.map { column -> String in
                let start = min(bounds[column], characters.count)
                let end = column + 1 < bounds.count ? min(bounds[column + 1], characters.count) : characters.count
                let cell = String(characters[start..<end])
                // The name cell keeps its leading spaces: they are the tree's indentation.
                return column == 0
                    ? String(cell.reversed().drop { $0 == " " }.reversed()) : cell.trimmingCharacters(in: .whitespaces)
            }
            if rows.isEmpty {
                rows.append(cells)
                continue
            }
            if !cells[3].isEmpty { cells[3] = "AGE" }
            if cells[1] == "Pod" { cells[0] = cells[0].replacing(/-[a-z0-9]{5}$/, with: "-xxxxx") }
            cells[4] = cells[4].replacing(/restarts:\d+/, with: "restarts:N")
            rows.append(cells)
        }
        let widths = (0..<bounds.count).map { column in rows.map { $0[column].count }.max() ?? 0 }
        let table = rows.map { cells in
            let padded = cells.enumerated().map { column, cell in
                column == cells.count - 1 ? cell : cell + String(repeating: " ", count: widths[column] - cell.count + 2)
            }
            return String(padded.joined().reversed().drop { $0 == " " }.reversed())
        }
        return (lines[..<headerIndex] + table).joined(separator: "\n") + "\n"
    }
}
