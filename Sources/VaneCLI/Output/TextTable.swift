/// Left-aligned columns separated by at least two spaces, as kubectl's tabwriter lays them out;
/// widths ignore colour escapes, and no line ends in spaces.
struct TextTable {
    private(set) var rows: [[String]] = []

    init(header: [String]? = nil) {
        if let header { rows.append(header) }
    }

    mutating func append(_ row: [String]) {
        rows.append(row)
    }

    func render() -> [String] {
        let columns = rows.map(\.count).max() ?? 0
        var widths = [Int](repeating: 0, count: columns)
        for row in rows {
            for (index, cell) in row.enumerated() {
                widths[index] = max(widths[index], ANSI.visibleWidth(cell))
            }
        }
        return rows.map { row in
            var line = ""
            for (index, cell) in row.enumerated() {
                line += cell
                if index < row.count - 1 {
                    line += String(repeating: " ", count: widths[index] - ANSI.visibleWidth(cell) + 2)
                }
            }
            return String(line.reversed().drop { $0 == " " }.reversed())
        }
    }
}
