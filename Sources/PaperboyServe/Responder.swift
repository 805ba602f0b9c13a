import FlyingFox
import Foundation

/// Answers GET and HEAD from the output folder (see ``StaticFiles``), the events endpoint, and
/// adds the reload script (and a failed build's overlay) to HTML on the way out, never on disk.
struct Responder: HTTPHandler {
    let files: StaticFiles
    let reload: LiveReload

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        guard request.method == .GET || request.method == .HEAD else {
            let headers: HTTPHeaders = [HTTPHeader("Allow"): "GET, HEAD"]
            return HTTPResponse(statusCode: .methodNotAllowed, headers: headers)
        }
        // The target as sent, decoded: FlyingFox's `path` is normalised (no trailing slash, `..`
        // folded away), and both matter here.
        let rawPath = String(request.target.rawValue.prefix { $0 != "?" && $0 != "#" })
        guard let path = rawPath.removingPercentEncoding else { return await page(status: .notFound, request) }
        if path == LiveReload.eventsPath {
            let headers: HTTPHeaders = [.contentType: "text/event-stream", .cacheControl: "no-store"]
            guard request.method == .GET else { return HTTPResponse(statusCode: .ok, headers: headers) }
            return HTTPResponse(statusCode: .ok, headers: headers, body: HTTPBodySequence(from: await reload.subscribe()))
        }
        switch files.resolve(path) {
        case let .file(path, contentType):
            return await file(path, contentType: contentType, status: .ok, request)
        case let .redirect(location):
            let headers: HTTPHeaders = [.location: location]
            return HTTPResponse(statusCode: .movedPermanently, headers: headers)
        case .forbidden:
            return await page(status: .forbidden, request)
        case .notFound:
            return await page(status: .notFound, request)
        }
    }

    /// 404 and 403: the site's own 404 page (with the reload script, so it too follows builds).
    private func page(status: HTTPStatusCode, _ request: HTTPRequest) async -> HTTPResponse {
        if let notFound = files.notFoundPage {
            return await file(notFound, contentType: ContentType.of(notFound), status: status, request)
        }
        let headers: HTTPHeaders = [.contentType: "text/plain; charset=utf-8"]
        return HTTPResponse(statusCode: status, headers: headers, body: Data("\(status.code) \(status.phrase)\n".utf8))
    }

    private func file(_ path: String, contentType: String, status: HTTPStatusCode, _ request: HTTPRequest) async -> HTTPResponse {
        guard var data = FileManager.default.contents(atPath: path) else {
            let headers: HTTPHeaders = [.contentType: "text/plain; charset=utf-8"]
            return HTTPResponse(statusCode: .notFound, headers: headers, body: Data("404 Not Found\n".utf8))
        }
        if contentType.hasPrefix("text/html") { data = await reload.decorate(data) }
        var headers: HTTPHeaders = [.contentType: contentType, .cacheControl: "no-store"]
        if request.method == .HEAD {
            headers[.contentLength] = "\(data.count)"
            data = Data()
        }
        return HTTPResponse(statusCode: status, headers: headers, body: data)
    }
}
