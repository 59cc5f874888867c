import Foundation
import Model
import PromQL

/// A range query's result drawn as an inline SVG on the server, so the graph needs no
/// JavaScript: one polyline per series (at most `maxSeries`), broken where a series has no
/// point, with time and value ticks. The SVG holds only numbers and times this type prints;
/// series labels go in the page's legend, escaped by the template.
struct QueryGraph {
    static let width = 900.0, height = 320.0
    static let left = 70.0, right = 10.0, top = 10.0, bottom = 30.0
    static let maxSeries = 12
    static let palette = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
                          "#bcbd22", "#17becf", "#393b79", "#637939"]

    let matrix: Matrix
    let start: Int64
    let end: Int64
    let step: Int64

    /// The series drawn, each with its colour.
    var legend: [(labels: Labels, color: String)] {
        matrix.prefix(Self.maxSeries).enumerated().map { ($1.labels, Self.palette[$0 % Self.palette.count]) }
    }

    var svg: String {
        let drawn = Array(matrix.prefix(Self.maxSeries))
        let values = drawn.flatMap(\.values).filter(\.isFinite)
        var low = values.min() ?? 0, high = values.max() ?? 1
        if low == high { (low, high) = (low - 1, high + 1) }
        let plotWidth = Self.width - Self.left - Self.right, plotHeight = Self.height - Self.top - Self.bottom
        let span = Double(max(1, end - start))
        func x(_ t: Int64) -> Double { Self.left + Double(t - start) / span * plotWidth }
        func y(_ v: Double) -> Double { Self.top + (high - v) / (high - low) * plotHeight }
        func number(_ v: Double) -> String { WebFormat.rounded(v) }

        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(number(Self.width)) \(number(Self.height))\" "
            + "width=\"100%\" role=\"img\" aria-label=\"graph of the query over the range\">"
        out += "<rect x=\"\(number(Self.left))\" y=\"\(number(Self.top))\" width=\"\(number(plotWidth))\" height=\"\(number(plotHeight))\" fill=\"#fff\" stroke=\"#ccc\"/>"
        for tick in 0...4 {
            let v = low + (high - low) * Double(tick) / 4
            out += "<line x1=\"\(number(Self.left))\" x2=\"\(number(Self.width - Self.right))\" y1=\"\(number(y(v)))\" y2=\"\(number(y(v)))\" stroke=\"#eee\"/>"
            out += "<text x=\"\(number(Self.left - 4))\" y=\"\(number(y(v) + 4))\" font-size=\"11\" text-anchor=\"end\">\(Self.tick(v))</text>"
            let t = start + (end - start) * Int64(tick) / 4
            out += "<text x=\"\(number(x(t)))\" y=\"\(number(Self.height - 10))\" font-size=\"11\" text-anchor=\"middle\">\(Self.clock(t))</text>"
        }
        for (index, series) in drawn.enumerated() {
            let color = Self.palette[index % Self.palette.count]
            var run: [String] = []
            func flush() {
                if run.count == 1 {
                    let parts = run[0].split(separator: ",")
                    out += "<circle cx=\"\(parts[0])\" cy=\"\(parts[1])\" r=\"2\" fill=\"\(color)\"/>"
                } else if run.count > 1 {
                    out += "<polyline fill=\"none\" stroke=\"\(color)\" stroke-width=\"1.5\" points=\"\(run.joined(separator: " "))\"/>"
                }
                run = []
            }
            var previous: Int64?
            for (t, v) in zip(series.timestamps, series.values) {
                // A missing step (the series had no sample) is drawn as a break.
                if let previous, t - previous > step { flush() }
                if v.isFinite { run.append("\(number(x(t))),\(number(y(v)))") } else { flush() }
                previous = t
            }
            flush()
        }
        return out + "</svg>"
    }

    /// A value tick: four significant digits (`21.67`, `1.5e+06`), short enough for the margin.
    static func tick(_ v: Double) -> String { String(format: "%.4g", v) }

    /// `HH:MM:SS` in UTC.
    static func clock(_ t: Int64) -> String {
        let text = WebFormat.time(Timestamp(milliseconds: t))
        guard let tee = text.firstIndex(of: "T") else { return text }
        return String(text[text.index(after: tee)...].prefix(8))
    }
}
