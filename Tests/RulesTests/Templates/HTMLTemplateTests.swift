import Testing
import Rules

/// `Template.executeHTML`: Go's `html/template` escaping as Alertmanager's email HTML gets it.
/// Expected strings are what amtool 0.25 (`template render --template.type html`, Go's own
/// html/template) prints for the same texts.
struct HTMLTemplateTests {
    static func html(_ text: String, _ values: [String: TemplateValue]) throws -> String {
        try Template(name: "t", text: text).executeHTML(data: .map(values))
    }

    @Test func textValuesAreEscapedAndCommentsDropped() throws {
        #expect(try Self.html("<p>{{ .x }}</p>", ["x": .string(#"a<b>&'"+"#)]) == "<p>a&lt;b&gt;&amp;&#39;&#34;&#43;</p>")
        #expect(try Self.html("<!-- licence -->\n<p>{{ .x }}</p><!--x-->", ["x": .string("1")]) == "\n<p>1</p>")
        #expect(try Self.html("<p>{{ .missing }}</p>", [:]) == "<p></p>")
        #expect(try Self.html("<p>{{ .x | safeHtml }}</p>", ["x": .string("<b>hi</b>")]) == "<p><b>hi</b></p>")
        #expect(try Self.html("<p>{{ .x | html }}</p>", ["x": .string("<")]) == "<p>&lt;</p>")
        #expect(try Self.html("<title>{{ .x }}</title><p>{{ .x }}</p>", ["x": .string("<b>")]) == "<title>&lt;b&gt;</title><p>&lt;b&gt;</p>")
        // The same text as a plain template: nothing escaped, the comment kept.
        #expect(try Template(name: "t", text: "<!--c--><p>{{ .x }}</p>").execute(data: .map(["x": .string("<")])) == "<!--c--><p><</p>")
    }

    @Test func urlAttributesAreFilteredNormalisedAndEscaped() throws {
        #expect(try Self.html(#"<a href="{{ .u }}">"#, ["u": .string("http://h/p q?a=1&b=<2>")])
            == #"<a href="http://h/p%20q?a=1&amp;b=%3c2%3e">"#)
        #expect(try Self.html(#"<a href="{{ .u }}">"#, ["u": .string("javascript:alert(1)")]) == ##"<a href="#ZgotmplZ">"##)
        #expect(try Self.html(#"<a href="/x?r={{ .r | urlquery }}">"#, ["r": .string("a b+c")]) == #"<a href="/x?r=a&#43;b%2Bc">"#)
        #expect(try Self.html(#"<a href="/x?r={{ .r }}">"#, ["r": .string("a b&c")]) == #"<a href="/x?r=a%20b%26c">"#)
        #expect(try Self.html(#"<a class="{{ .c }}" title='{{ .c }}'>"#, ["c": .string("x'y")]) == #"<a class="x&#39;y" title='x&#39;y'>"#)
    }

    @Test func unquotedAttributeValuesEscapeSpaces() throws {
        #expect(try Self.html("<td class={{ .x }}>", ["x": .string("a b")]) == "<td class=a&#32;b>")
        #expect(try Self.html("<td class={{ .x }}>", ["x": .string("")]) == "<td class=>")
    }
}
