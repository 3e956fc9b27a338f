import HTTPTypes
import Hummingbird
import KubeAPI
import NIOCore

/// Builders for the JSON responses the API server sends.
enum APIResponses {
    static func json(_ bytes: [UInt8], status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func json(_ value: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
        json(JSONSerializer.serialize(value), status: status)
    }

    static func error(_ error: APIError) -> Response {
        var response = json((try? KubeJSON.encode(error.status)) ?? [], status: HTTPResponse.Status(code: error.code))
        if error.code == 429, let seconds = error.status.details?.retryAfterSeconds {
            response.headers[.retryAfter] = String(seconds)
        }
        return response
    }

    /// A list body assembled from stored item bytes, without re-encoding any item.
    static func list(_ page: ListPage, resource: ServedResource) -> Response {
        var body: [UInt8] = []
        body.reserveCapacity(page.items.reduce(128) { $0 + $1.count + 1 })
        body += Array(
            "{\"kind\":\"\(resource.listKind)\",\"apiVersion\":\"\(resource.descriptor.apiVersion)\",\"metadata\":{\"resourceVersion\":\"\(page.resourceVersion)\""
                .utf8
        )
        if let token = page.continueToken {
            body += Array(",\"continue\":\"\(token)\"".utf8)
        }
        if let remaining = page.remainingItemCount {
            body += Array(",\"remainingItemCount\":\(remaining)".utf8)
        }
        body += Array("},\"items\":[".utf8)
        for (index, item) in page.items.enumerated() {
            if index > 0 { body.append(UInt8(ascii: ",")) }
            body += item
        }
        body += Array("]}".utf8)
        return json(body)
    }
}
