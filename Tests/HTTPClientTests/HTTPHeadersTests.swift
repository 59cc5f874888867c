import HTTPClient
import Testing

@Suite("HTTPHeaders")
struct HTTPHeadersTests {
    @Test func lookupIsCaseInsensitiveAndKeepsOrder() {
        var headers: HTTPHeaders = ["Content-Type": "application/json"]
        headers.add(name: "Link", value: "<a>")
        headers.add(name: "link", value: "<b>")
        #expect(headers["content-type"] == "application/json")
        #expect(headers["LINK"] == "<a>")
        #expect(headers.values(for: "Link") == ["<a>", "<b>"])
        #expect(headers["missing"] == nil)
        #expect(headers.count == 3)
        #expect(headers.map(\.name) == ["Content-Type", "Link", "link"])
    }

    @Test func setReplacesEveryFieldOfTheName() {
        var headers: HTTPHeaders = ["Authorization": "Basic abc", "Accept": "*/*"]
        headers.add(name: "authorization", value: "Bearer x")
        headers.set(name: "Authorization", value: "GenieKey k")
        #expect(headers.values(for: "authorization") == ["GenieKey k"])
        #expect(headers.map(\.name) == ["Accept", "Authorization"])
    }
}
