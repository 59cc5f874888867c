import Testing
@testable import Rules

/// `executeHTML` prints as Go's `html/template` does in text context (what
/// Alertmanager's `ExecuteHTMLString` gives Telegram and Pushover): every action's value
/// through `htmlEscaper`, nested templates too, the template's own text untouched.
@Suite struct TemplateHTMLEscapingTests {
    static let text = #"{{ define "item" }}<li>{{ . }}</li>{{ end }}<b>{{ .a }}</b> {{ template "item" .b }} {{ .a | safeHtml }}"#

    @Test func valuesAreEscapedTextIsNot() throws {
        let data = TemplateValue.labels(["a": #"x<y>&'z'"+1"#, "b": "p&q"])
        let template = try Template(name: "t", text: Self.text)
        #expect(try template.executeHTML(data: data)
            == #"<b>x&lt;y&gt;&amp;&#39;z&#39;&#34;&#43;1</b> <li>p&amp;q</li> x<y>&'z'"+1"#)
        // Without the mode: text/template, values as they are.
        #expect(try template.execute(data: data) == #"<b>x<y>&'z'"+1</b> <li>p&q</li> x<y>&'z'"+1"#)
    }
}
