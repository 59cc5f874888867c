/// Go's `html/template` escaping for templates run with `Template.executeHTML`: what
/// Alertmanager's `ExecuteHTMLString` does to an email's HTML body.
///
/// Go decides each action's escapers statically, from the HTML context the template's text
/// leaves it in. binwatch decides them while the template runs, from the context the output
/// so far leaves it in: for templates whose branches agree on the context (every template Go
/// accepts), and since escaped values never change it, both give the same context. Literal
/// HTML comments are dropped, as Go drops them. Covered: text, `<title>`/`<textarea>`
/// (RCDATA), attribute values (quoted or not) and URL attributes (`href`, `src`… with Go's
/// URL filter, normalizer and query escaper); actions inside `<script>`/`<style>`, `style=`
/// or `on*=` values are HTML-escaped (Go applies its JS and CSS escapers there).
struct HTMLContext: Sendable {
    private enum State: Sendable, Equatable {
        case text, comment, tag, attributeName, afterAttributeName, beforeValue, value
        /// Inside `<title>`, `<textarea>`, `<script>` or `<style>` until the end tag named.
        case special(end: String)
    }

    private enum URLPart: Sendable { case none, preQuery, queryOrFragment }

    private var state = State.text
    private var tagName = ""
    private var isEndTag = false
    private var attributeName = ""
    private var isURLAttribute = false
    private var delimiter: Character?
    private var urlPart = URLPart.none

    /// Literal template text: returned without its HTML comments, and read to follow the context.
    mutating func text(_ s: String) -> String {
        let chars = Array(s)
        var out = ""
        var i = 0
        while i < chars.count {
            let c = chars[i]
            switch state {
            case .text:
                if c == "<" && Self.matches(chars, at: i + 1, "!--") {
                    state = .comment
                    i += 4
                    continue
                }
                if c == "<", let tag = Self.tagStart(chars, at: i) {
                    out += String(chars[i..<tag.next])
                    (tagName, isEndTag, state) = (tag.name, tag.isEnd, State.tag)
                    i = tag.next
                    continue
                }
                out.append(c)
            case .comment:
                if c == "-" && Self.matches(chars, at: i, "-->") {
                    state = .text
                    i += 3
                    continue
                }
            case .special(let end):
                if c == "<", let tag = Self.tagStart(chars, at: i), tag.isEnd, tag.name == end {
                    out += String(chars[i..<tag.next])
                    (tagName, isEndTag, state) = (tag.name, true, State.tag)
                    i = tag.next
                    continue
                }
                out.append(c)
            case .tag:
                out.append(c)
                if c == ">" {
                    closeTag()
                } else if !c.isWhitespace && c != "/" {
                    attributeName = c.lowercased()
                    state = .attributeName
                }
            case .attributeName, .afterAttributeName:
                if c == "=" {
                    out.append(c)
                    state = .beforeValue
                } else if c.isWhitespace {
                    out.append(c)
                    state = .afterAttributeName
                } else if state == .attributeName && c != ">" && c != "/" {
                    out.append(c)
                    attributeName += c.lowercased()
                } else {
                    state = .tag
                    continue  // the character starts the next attribute or ends the tag
                }
            case .beforeValue:
                if c.isWhitespace {
                    out.append(c)
                } else {
                    beginValue(quotedBy: c == "\"" || c == "'" ? c : nil)
                    if delimiter == nil { continue }  // the character is the value's first
                    out.append(c)
                }
            case .value:
                if let delimiter, c == delimiter {
                    out.append(c)
                    state = .tag
                } else if delimiter == nil && (c.isWhitespace || c == ">") {
                    state = .tag
                    continue
                } else {
                    out.append(c)
                    advanceURL(String(c))
                }
            }
            i += 1
        }
        return out
    }

    /// An action's value, escaped for the current context.
    /// - Parameters:
    ///   - value: the pipeline's value (`safeHtml` gives `.html`, trusted in text).
    ///   - printed: its text as `text/template` prints it.
    ///   - lastFunction: the pipeline's last function, if any: `html` and `urlquery` are Go's
    ///     predefined escapers, which stand for the escaper they equal instead of doubling it.
    mutating func escape(_ value: TemplateValue, printed: String, lastFunction: String?) -> String {
        var isHTML = false
        if case .html = value { isHTML = true }
        // html/template skips an untyped nil rather than print `<no value>`.
        var s = printed
        if case .none = value { s = "" }
        // `name={{ … }}`: the action starts an unquoted value.
        if state == .beforeValue { beginValue(quotedBy: nil) }
        switch state {
        case .comment:
            return ""
        case .text:
            return isHTML || lastFunction == "html" ? s : Self.replace(s, Self.htmlTable)
        case .special:
            return lastFunction == "html" ? s : Self.replace(s, isHTML ? Self.htmlNormTable : Self.htmlTable)
        case .value:
            if isURLAttribute {
                isHTML = false  // the URL escapers stringify it as plain text
                if lastFunction != "urlquery" {
                    switch urlPart {
                    case .none: s = Self.urlProcess(Self.urlFilter(s), normalize: true)
                    case .preQuery: s = Self.urlProcess(s, normalize: true)
                    case .queryOrFragment: s = Self.urlProcess(s, normalize: false)
                    }
                }
                advanceURL(s)
            }
            if lastFunction == "html" { return s }
            if delimiter == nil { return Self.nospace(s, isHTML: isHTML) }
            return isHTML ? Self.replace(Self.stripTags(s), Self.htmlNormTable) : Self.replace(s, Self.htmlTable)
        case .tag, .attributeName, .afterAttributeName, .beforeValue:
            // Go filters attribute names here; binwatch only keeps the tag intact.
            return Self.nospace(s, isHTML: isHTML)
        }
    }

    // MARK: - Context

    private mutating func closeTag() {
        if isEndTag {
            state = .text
            return
        }
        switch tagName {
        case "title", "textarea", "script", "style": state = .special(end: tagName)
        default: state = .text
        }
    }

    private mutating func beginValue(quotedBy quote: Character?) {
        delimiter = quote
        state = .value
        urlPart = .none
        isURLAttribute = Self.isURLAttribute(attributeName)
    }

    private mutating func advanceURL(_ s: String) {
        guard isURLAttribute else { return }
        if s.contains("?") || s.contains("#") {
            urlPart = .queryOrFragment
        } else if urlPart == .none && s.contains(where: { !$0.isWhitespace }) {
            urlPart = .preQuery
        }
    }

    /// Go's `attrType`: which attribute values hold a URL.
    static func isURLAttribute(_ raw: String) -> Bool {
        var name = raw
        if name.hasPrefix("data-") {
            name.removeFirst(5)
        } else if let colon = name.firstIndex(of: ":") {
            if name[..<colon] == "xmlns" { return true }
            name = String(name[name.index(after: colon)...])
        }
        let urlAttributes: Set<String> = [
            "action", "background", "cite", "codebase", "data", "formaction", "href", "icon", "longdesc", "manifest",
            "poster", "profile", "src", "usemap", "xmlns",
        ]
        if urlAttributes.contains(name) { return true }
        if name.hasPrefix("on") { return false }
        return name.contains("src") || name.contains("uri") || name.contains("url")
    }

    private static func matches(_ chars: [Character], at index: Int, _ literal: String) -> Bool {
        var i = index
        for expected in literal {
            guard i < chars.count, chars[i] == expected else { return false }
            i += 1
        }
        return true
    }

    /// `<name` or `</name` at `index` (Go's `eatTagName`): the lower-cased name and the index after it.
    private static func tagStart(_ chars: [Character], at index: Int) -> (name: String, isEnd: Bool, next: Int)? {
        var i = index + 1
        let isEnd = i < chars.count && chars[i] == "/"
        if isEnd { i += 1 }
        guard i < chars.count, chars[i].isASCII, chars[i].isLetter else { return nil }
        var name = ""
        while i < chars.count, chars[i].isASCII, chars[i].isLetter || chars[i].isNumber || chars[i] == ":" || chars[i] == "-" {
            name += chars[i].lowercased()
            i += 1
        }
        return (name, isEnd, i)
    }
}
