import ArgumentParser
import KubeAPI
import Yams

/// `-o json|yaml`: the object exactly as the API server returned it, every field kept, in kubectl's
/// layout (JSON indented by four spaces; YAML block style, strings quoted only when they would
/// otherwise read back as another type).
enum ObjectFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case json
    case yaml

    func render(_ object: JSONValue) throws -> String {
        switch self {
        case .json:
            return JSONSerializer.serializePretty(object, indent: 4)
        case .yaml:
            do {
                return try Yams.serialize(node: Self.node(object), indent: 2, width: -1, allowUnicode: true)
            } catch {
                throw CLIFailure("cannot write the object as YAML: \(error)")
            }
        }
    }

    static func node(_ value: JSONValue) -> Node {
        switch value {
        case .null:
            return Node("null", Tag(.null), .plain)
        case .bool(let flag):
            return Node(flag ? "true" : "false", Tag(.bool), .plain)
        case .number(let number):
            return Node(number.text, Tag(.int), .plain)
        case .string(let text):
            let plain = Node.Scalar(text, Tag(.implicit), .plain)
            let readsBackAsString = !text.isEmpty && Resolver.default.resolveTag(of: .scalar(plain)) == .str
            return Node(text, Tag(.str), readsBackAsString ? .any : .singleQuoted)
        case .array(let items):
            return .sequence(Node.Sequence(items.map(node), Tag(.seq), .block))
        case .object(let object):
            return .mapping(
                Node.Mapping(object.map { (Node($0.key, Tag(.str), .any), node($0.value)) }, Tag(.map), .block)
            )
        }
    }
}
