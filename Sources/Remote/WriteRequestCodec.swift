public import Model
import SwiftProtobuf

/// One series of a remote write request: its labels (sorted by name, as `Labels` keeps them)
/// and its samples in ascending timestamp order.
public struct RemoteSeries: Sendable, Equatable {
    public var labels: Labels
    public var timestamps: [Int64]
    public var values: [Double]

    public init(labels: Labels, timestamps: [Int64] = [], values: [Double] = []) {
        self.labels = labels
        self.timestamps = timestamps
        self.values = values
    }

    public static func == (a: RemoteSeries, b: RemoteSeries) -> Bool {
        a.labels == b.labels && a.timestamps == b.timestamps && a.values.map(\.bitPattern) == b.values.map(\.bitPattern)
    }
}

/// The remote write 1.0 body: a protobuf `prometheus.WriteRequest` (generated from
/// proto/remote_write_1_0.proto), snappy block-compressed.
public enum WriteRequestCodec {
    /// Why a body could not be built or read.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public let message: String
        public var description: String { "remote write body: \(message)" }
    }

    /// The compressed body for `series`.
    /// - Throws: `Failure` when protobuf serialization fails (it does not for these messages).
    public static func encode(_ series: [RemoteSeries]) throws(Failure) -> [UInt8] {
        var request = Prometheus_WriteRequest()
        request.timeseries.reserveCapacity(series.count)
        for item in series {
            var ts = Prometheus_TimeSeries()
            ts.labels = item.labels.map { label in
                var l = Prometheus_Label()
                l.name = label.name
                l.value = label.value
                return l
            }
            ts.samples = item.timestamps.indices.map { i in
                var s = Prometheus_Sample()
                s.timestamp = item.timestamps[i]
                s.value = item.values[i]
                return s
            }
            request.timeseries.append(ts)
        }
        do {
            let bytes: [UInt8] = try request.serializedBytes()
            return Snappy.compress(bytes)
        } catch {
            throw Failure(message: "protobuf serialization failed: \(error)")
        }
    }

    /// Reads a compressed body back (test receivers, the benchmark).
    /// - Throws: `Failure` for a body that is not snappy or not a WriteRequest.
    public static func decode(_ body: [UInt8]) throws(Failure) -> [RemoteSeries] {
        let raw: [UInt8]
        do {
            raw = try Snappy.decompress(body)
        } catch {
            throw Failure(message: "\(error)")
        }
        let request: Prometheus_WriteRequest
        do {
            request = try Prometheus_WriteRequest(serializedBytes: raw)
        } catch {
            throw Failure(message: "not a WriteRequest: \(error)")
        }
        return request.timeseries.map { ts in
            RemoteSeries(
                labels: Labels(ts.labels.map { Label(name: $0.name, value: $0.value) }),
                timestamps: ts.samples.map(\.timestamp), values: ts.samples.map(\.value))
        }
    }
}
