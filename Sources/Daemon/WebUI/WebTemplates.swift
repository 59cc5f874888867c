/// The pages' Mustache templates and style sheet, compiled into the binary: nothing is read
/// from disk or the internet at run time. `{{x}}` escapes HTML; the templates never use the
/// unescaped `{{{x}}}` for anything that came from a request, a rule or a label.
enum WebTemplates {
    static let layout = #"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{$title}}binwatch{{/title}} · binwatch</title>
        <link rel="stylesheet" href="{{prefix}}/static/binwatch.css">
        </head>
        <body>
        <header>
        <nav aria-label="Main">
        <a class="brand" href="{{prefix}}/">binwatch</a>
        <a href="{{prefix}}/alerts">Alerts</a>
        <a href="{{prefix}}/rules">Rules</a>
        <a href="{{prefix}}/silences">Silences</a>
        <a href="{{prefix}}/notifications">Notifications</a>
        <a href="{{prefix}}/query">Query</a>
        <a href="{{prefix}}/sources">Sources</a>
        <a href="{{prefix}}/status">Status</a>
        </nav>
        </header>
        <main>
        {{$body}}{{/body}}
        </main>
        <footer>binwatch {{version}} · page rendered {{renderedAt}}</footer>
        </body>
        </html>
        """#

    static let overview = #"""
        {{<layout}}
        {{$title}}Overview{{/title}}
        {{$body}}
        <h1>Overview</h1>
        <section aria-labelledby="health-heading">
        <h2 id="health-heading">Health: <span class="status-{{health.status}}">{{health.status}}</span></h2>
        {{^hasChecks}}<p>No health report yet: the first gathering pass has not finished.</p>{{/hasChecks}}
        {{#hasChecks}}
        <table>
        <thead><tr><th scope="col">Check</th><th scope="col">Status</th><th scope="col">Message</th></tr></thead>
        <tbody>
        {{#health.checks}}<tr><td>{{name}}</td><td class="status-{{status}}">{{status}}</td><td>{{message}}</td></tr>{{/health.checks}}
        </tbody>
        </table>
        {{/hasChecks}}
        </section>
        <section aria-labelledby="summary-heading">
        <h2 id="summary-heading">Summary</h2>
        <dl class="summary">
        <dt>Firing alerts</dt><dd><a href="{{prefix}}/alerts?state=firing">{{firing}}</a></dd>
        <dt>Pending alerts</dt><dd><a href="{{prefix}}/alerts?state=pending">{{pending}}</a></dd>
        <dt>Sources up</dt><dd><a href="{{prefix}}/sources">{{sourcesUp}} of {{sourcesTotal}}</a></dd>
        <dt>Last cycle</dt><dd>{{lastCycle}}</dd>
        <dt>Cycles run</dt><dd>{{cycles}}</dd>
        <dt>Version</dt><dd>{{version}}</dd>
        <dt>Up since</dt><dd>{{startedAt}} ({{uptime}})</dd>
        <dt>Last reload</dt><dd>{{reload}}</dd>
        </dl>
        </section>
        {{/body}}
        {{/layout}}
        """#

    static let alerts = #"""
        {{<layout}}
        {{$title}}Alerts{{/title}}
        {{$body}}
        <h1>Alerts</h1>
        <form method="get" action="{{prefix}}/alerts" class="filters">
        <label for="state">State</label>
        <select id="state" name="state">
        {{#states}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/states}}
        </select>
        <label for="filter">Label matchers</label>
        <input id="filter" name="filter" value="{{filter}}" placeholder='{facility_id="F1", severity=~"crit.*"}' size="50">
        <button type="submit">Filter</button>
        </form>
        {{#filterError}}<p class="error" role="alert">Bad matchers: {{.}}</p>{{/filterError}}
        <p>Alerts {{first}}–{{last}} of {{matched}} matching.</p>
        {{#rules}}
        <section aria-labelledby="rule-{{anchor}}">
        <h2 id="rule-{{anchor}}">{{name}} <small>({{count}} alert(s))</small></h2>
        <table>
        <thead><tr><th scope="col">State</th><th scope="col">Active since</th><th scope="col">Value</th><th scope="col">Labels</th><th scope="col">Annotations</th><th scope="col">Action</th></tr></thead>
        <tbody>
        {{#alerts}}
        <tr id="{{anchor}}">
        <td class="state-{{state}}">{{state}}{{#silenced}} <span class="silenced">silenced</span>{{/silenced}}</td>
        <td>{{activeAt}}</td>
        <td>{{value}}</td>
        <td>{{#labels}}<span class="label">{{name}}="{{value}}"</span> {{/labels}}</td>
        <td>{{#annotations}}<div><b>{{name}}</b>: {{value}}</div>{{/annotations}}</td>
        <td><a href="{{prefix}}/silences?matchers={{silenceMatchers}}#new">Silence</a> · <a href="#{{anchor}}">Link</a></td>
        </tr>
        {{/alerts}}
        </tbody>
        </table>
        </section>
        {{/rules}}
        <nav aria-label="Pages" class="pages">
        {{#previous}}<a href="{{prefix}}/alerts?{{previous}}">Previous page</a>{{/previous}}
        {{#next}}<a href="{{prefix}}/alerts?{{next}}">Next page</a>{{/next}}
        </nav>
        {{/body}}
        {{/layout}}
        """#

    static let rules = #"""
        {{<layout}}
        {{$title}}Rules{{/title}}
        {{$body}}
        <h1>Rules</h1>
        <form method="get" action="{{prefix}}/rules" class="filters">
        <label for="search">Name or expression contains</label>
        <input id="search" name="search" value="{{search}}" size="40">
        <label for="health">Health</label>
        <select id="health" name="health">
        {{#healths}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/healths}}
        </select>
        <button type="submit">Filter</button>
        </form>
        <p>Rules {{first}}–{{last}} of {{matched}} matching ({{total}} in all).</p>
        {{#groups}}
        <section aria-labelledby="group-{{anchor}}">
        <h2 id="group-{{anchor}}">{{name}} <small>{{file}} · every {{interval}} · last evaluation {{lastEvaluation}} in {{evaluationTime}}</small></h2>
        <table>
        <thead><tr><th scope="col">Rule</th><th scope="col">Expression</th><th scope="col">Health</th><th scope="col">Last evaluation</th><th scope="col">Duration</th></tr></thead>
        <tbody>
        {{#rules}}
        <tr>
        <td>{{kind}} <b>{{name}}</b>{{#state}} <span class="state-{{state}}">{{state}}</span>{{/state}}</td>
        <td><code>{{expr}}</code></td>
        <td class="health-{{health}}">{{health}}{{#lastError}}<div class="error">{{lastError}}</div>{{/lastError}}</td>
        <td>{{lastEvaluation}}</td>
        <td>{{duration}}</td>
        </tr>
        {{/rules}}
        </tbody>
        </table>
        </section>
        {{/groups}}
        <nav aria-label="Pages" class="pages">
        {{#previous}}<a href="{{prefix}}/rules?{{previous}}">Previous page</a>{{/previous}}
        {{#next}}<a href="{{prefix}}/rules?{{next}}">Next page</a>{{/next}}
        </nav>
        {{/body}}
        {{/layout}}
        """#

    static let silences = #"""
        {{<layout}}
        {{$title}}Silences{{/title}}
        {{$body}}
        <h1>Silences</h1>
        {{#notice}}<p class="notice" role="status">{{notice}}</p>{{/notice}}
        {{^enabled}}<p class="error">{{disabledReason}}</p>{{/enabled}}
        {{#sections}}
        <section aria-labelledby="silences-{{state}}" id="section-{{state}}">
        <h2 id="silences-{{state}}">{{title}} ({{count}})</h2>
        {{^hasSilences}}<p>None.</p>{{/hasSilences}}
        {{#hasSilences}}
        <table>
        <thead><tr><th scope="col">Matchers</th><th scope="col">Starts</th><th scope="col">Ends</th><th scope="col">Created by</th><th scope="col">Comment</th><th scope="col">Action</th></tr></thead>
        <tbody>
        {{#silences}}
        <tr id="silence-{{id}}">
        <td>{{#matchers}}<span class="label">{{.}}</span> {{/matchers}}</td>
        <td>{{startsAt}}</td><td>{{endsAt}}</td><td>{{createdBy}}</td><td>{{comment}}</td>
        <td>{{#expirable}}<form method="post" action="{{prefix}}/silences/{{id}}/expire"><input type="hidden" name="csrf_token" value="{{csrf}}"><button type="submit" aria-label="Expire silence {{id}}">Expire</button></form>{{/expirable}}</td>
        </tr>
        {{/silences}}
        </tbody>
        </table>
        {{/hasSilences}}
        </section>
        {{/sections}}
        {{#enabled}}
        <section aria-labelledby="new">
        <h2 id="new">New silence</h2>
        {{#hasErrors}}<div class="error" role="alert"><p>The silence was not created:</p><ul>{{#errors}}<li>{{.}}</li>{{/errors}}</ul></div>{{/hasErrors}}
        <form method="post" action="{{prefix}}/silences" class="silence-form">
        <input type="hidden" name="csrf_token" value="{{csrf}}">
        <label for="matchers">Matchers</label>
        <input id="matchers" name="matchers" value="{{form.matchers}}" size="60" required placeholder='alertname="BinCacheStale", facility_id="F1"'>
        <label for="starts_at">Starts at (RFC 3339, empty for now)</label>
        <input id="starts_at" name="starts_at" value="{{form.startsAt}}" placeholder="2026-12-08T10:00:00Z">
        <label for="duration">Duration</label>
        <input id="duration" name="duration" value="{{form.duration}}" placeholder="2h">
        <label for="ends_at">or ends at (RFC 3339; overrides the duration)</label>
        <input id="ends_at" name="ends_at" value="{{form.endsAt}}">
        <label for="created_by">Created by</label>
        <input id="created_by" name="created_by" value="{{form.createdBy}}" required>
        <label for="comment">Comment</label>
        <textarea id="comment" name="comment" required>{{form.comment}}</textarea>
        <button type="submit">Create silence</button>
        </form>
        </section>
        {{/enabled}}
        {{/body}}
        {{/layout}}
        """#

    static let sources = #"""
        {{<layout}}
        {{$title}}Sources{{/title}}
        {{$body}}
        <h1>Sources</h1>
        <table>
        <thead><tr><th scope="col">Source</th><th scope="col">Up</th><th scope="col">Last duration</th><th scope="col">Series</th><th scope="col">Failures</th><th scope="col">Timeouts</th><th scope="col">Last problems</th></tr></thead>
        <tbody>
        {{#sources}}
        <tr id="source-{{name}}">
        <td>{{name}}</td><td class="up-{{up}}">{{up}}</td><td>{{seconds}}</td><td>{{samples}}</td><td>{{failures}}</td><td>{{timeouts}}</td>
        <td>{{#problems}}<div class="error">{{.}}</div>{{/problems}}</td>
        </tr>
        {{/sources}}
        </tbody>
        </table>
        {{/body}}
        {{/layout}}
        """#

    static let status = #"""
        {{<layout}}
        {{$title}}Status{{/title}}
        {{$body}}
        <h1>Status</h1>
        <section aria-labelledby="build">
        <h2 id="build">Build</h2>
        <dl class="summary">
        <dt>Version</dt><dd>{{version}}</dd>
        <dt>Prometheus API answered as</dt><dd>{{prometheusAPI}}</dd>
        <dt>Up since</dt><dd>{{startedAt}}</dd>
        <dt>Series in store</dt><dd>{{storeSeries}} ({{storeSamples}} samples)</dd>
        </dl>
        </section>
        <section aria-labelledby="rule-files">
        <h2 id="rule-files">Rule files</h2>
        <ul>{{#ruleFiles}}<li>{{.}}</li>{{/ruleFiles}}</ul>
        {{^ruleFiles}}<p>None.</p>{{/ruleFiles}}
        </section>
        <section aria-labelledby="config">
        <h2 id="config">Configuration</h2>
        <p>binwatch.yml as loaded (before <code>${VARIABLE}</code> substitution), every secret shown as <code>&lt;secret&gt;</code>.</p>
        <pre>{{config}}</pre>
        </section>
        {{/body}}
        {{/layout}}
        """#

    static let query = #"""
        {{<layout}}
        {{$title}}Query{{/title}}
        {{$body}}
        <h1>Query</h1>
        <form method="get" action="{{prefix}}/query" class="query-form">
        <label for="expr">PromQL expression</label>
        <textarea id="expr" name="expr" rows="3" required>{{expr}}</textarea>
        <fieldset>
        <legend>Show the result as</legend>
        {{#tabs}}<input type="radio" id="tab-{{value}}" name="tab" value="{{value}}"{{#selected}} checked{{/selected}}> <label for="tab-{{value}}">{{value}}</label> {{/tabs}}
        </fieldset>
        <label for="time">Table: evaluation time (RFC 3339 or Unix seconds; empty for now)</label>
        <input id="time" name="time" value="{{time}}">
        <label for="range">Graph: range</label>
        <input id="range" name="range" value="{{range}}" size="8">
        <label for="end">Graph: end (empty for now)</label>
        <input id="end" name="end" value="{{end}}">
        <button type="submit">Execute</button>
        </form>
        {{#error}}
        <div class="error" role="alert">
        <p>{{error}}</p>
        {{#errorLine}}<pre class="caret">{{errorLine}}
        {{caret}}</pre>{{/errorLine}}
        </div>
        {{/error}}
        {{#hasResult}}
        {{^isGraph}}
        <h2>Result: {{resultType}} at {{evaluatedAt}}</h2>
        <table>
        <thead><tr><th scope="col">Series</th><th scope="col">Value</th></tr></thead>
        <tbody>
        {{#rows}}<tr><td><code>{{labels}}</code></td><td><code>{{value}}</code></td></tr>{{/rows}}
        </tbody>
        </table>
        {{^rows}}<p>Empty result.</p>{{/rows}}
        {{/isGraph}}
        {{#isGraph}}
        <h2>Graph: {{seriesCount}} series, step {{step}}</h2>
        {{! The SVG is built by QueryGraph from numbers and times only; labels are in the escaped legend. }}
        <figure>{{{svg}}}
        <figcaption>
        <ul class="legend">{{#legend}}<li><span class="swatch" style="background:{{color}}"></span> <code>{{labels}}</code></li>{{/legend}}</ul>
        {{#hidden}}<p>{{hidden}} more series not drawn.</p>{{/hidden}}
        </figcaption>
        </figure>
        {{/isGraph}}
        {{/hasResult}}
        {{/body}}
        {{/layout}}
        """#

    static let notifications = #"""
        {{<layout}}
        {{$title}}Notifications{{/title}}
        {{$body}}
        <h1>Notifications</h1>
        <form method="get" action="{{prefix}}/notifications" class="filters">
        <label for="receiver">Receiver</label>
        <select id="receiver" name="receiver">
        {{#receivers}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/receivers}}
        </select>
        <button type="submit">Show</button>
        </form>
        {{^durable}}<p class="error">No state.path: the outbox and the notification log are kept in memory and lost at exit.</p>{{/durable}}
        <section aria-labelledby="pending">
        <h2 id="pending">Pending (the outbox: still to be delivered)</h2>
        {{^hasPending}}<p>Nothing pending.</p>{{/hasPending}}
        {{#hasPending}}
        <table>
        <thead><tr><th scope="col">Receiver</th><th scope="col">Integration</th><th scope="col">Group</th><th scope="col">Firing</th><th scope="col">Resolved</th><th scope="col">Queued</th></tr></thead>
        <tbody>
        {{#pending}}<tr><td>{{receiver}}</td><td>{{integration}}</td><td><code>{{group}}</code></td><td>{{firing}}</td><td>{{resolved}}</td><td>{{queuedAt}} ({{waiting}} ago)</td></tr>{{/pending}}
        </tbody>
        </table>
        {{/hasPending}}
        </section>
        <section aria-labelledby="delivered">
        <h2 id="delivered">Last delivery per group and receiver (the notification log)</h2>
        {{^hasDelivered}}<p>Nothing delivered yet (or every entry expired).</p>{{/hasDelivered}}
        {{#hasDelivered}}
        <table>
        <thead><tr><th scope="col">Receiver</th><th scope="col">Integration</th><th scope="col">Group</th><th scope="col">Firing</th><th scope="col">Resolved</th><th scope="col">Delivered</th></tr></thead>
        <tbody>
        {{#delivered}}<tr><td>{{receiver}}</td><td>{{integration}}</td><td><code>{{group}}</code></td><td>{{firing}}</td><td>{{resolved}}</td><td>{{at}}</td></tr>{{/delivered}}
        </tbody>
        </table>
        {{/hasDelivered}}
        </section>
        <section aria-labelledby="attempts">
        <h2 id="attempts">Recent attempts (since binwatch started, newest first)</h2>
        {{^hasAttempts}}<p>No attempt yet.</p>{{/hasAttempts}}
        {{#hasAttempts}}
        <table>
        <thead><tr><th scope="col">Time</th><th scope="col">Receiver</th><th scope="col">Integration</th><th scope="col">Group</th><th scope="col">Outcome</th></tr></thead>
        <tbody>
        {{#attempts}}<tr><td>{{at}}</td><td>{{receiver}}</td><td>{{integration}}</td><td><code>{{group}}</code></td><td{{#failed}} class="error"{{/failed}}>{{outcome}}{{#error}}<div>{{error}}</div>{{/error}}</td></tr>{{/attempts}}
        </tbody>
        </table>
        {{/hasAttempts}}
        </section>
        {{/body}}
        {{/layout}}
        """#

    static let problem = #"""
        {{<layout}}
        {{$title}}{{heading}}{{/title}}
        {{$body}}
        <h1>{{heading}}</h1>
        <p class="error" role="alert">{{message}}</p>
        {{/body}}
        {{/layout}}
        """#

    /// Plain and readable with the browser's default fonts; states by colour and by word.
    static let css = """
        body{font-family:system-ui,sans-serif;margin:0;color:#1b1b1b;background:#fafafa}
        header{background:#23395d}nav a{color:#fff;margin-right:1.2em;text-decoration:none}
        header nav{padding:.7em 1em}nav a.brand{font-weight:bold}
        main{padding:1em 1.5em}footer{padding:1em 1.5em;color:#666;font-size:.85em}
        table{border-collapse:collapse;width:100%;margin-bottom:1.5em;background:#fff}
        th,td{border:1px solid #ddd;padding:.35em .5em;text-align:left;vertical-align:top}
        th{background:#eef1f5}code,pre{font-family:ui-monospace,monospace;white-space:pre-wrap}
        pre{background:#fff;border:1px solid #ddd;padding:.8em}
        .label{display:inline-block;background:#eef1f5;border-radius:3px;padding:0 .3em;margin:.1em 0;font-family:ui-monospace,monospace;font-size:.9em}
        .state-firing,.status-unhealthy,.health-err,.up-false{color:#b00020;font-weight:bold}
        .state-pending,.status-degraded{color:#a05a00;font-weight:bold}
        .status-healthy,.health-ok,.up-true{color:#1b7f3b;font-weight:bold}
        .silenced{background:#ddd;border-radius:3px;padding:0 .3em;font-weight:normal;color:#333}
        .error{color:#b00020}.notice{color:#1b7f3b}
        .filters,.silence-form{display:flex;flex-wrap:wrap;gap:.5em;align-items:center;margin-bottom:1em}
        .silence-form{flex-direction:column;align-items:flex-start;max-width:40em}
        .silence-form textarea{width:100%;min-height:4em}
        dl.summary{display:grid;grid-template-columns:max-content auto;gap:.3em 1.5em}dl.summary dt{font-weight:bold}
        .pages a{margin-right:1em}
        .query-form{display:flex;flex-direction:column;align-items:flex-start;gap:.4em;max-width:60em;margin-bottom:1em}
        .query-form textarea{width:100%;font-family:ui-monospace,monospace}
        fieldset{border:1px solid #ddd}pre.caret{background:#fff5f5;border-color:#f0c0c0}
        .legend{list-style:none;padding:0}.swatch{display:inline-block;width:1em;height:.7em}
        """
}
