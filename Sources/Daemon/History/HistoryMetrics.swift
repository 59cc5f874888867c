import Exposition
import Model

/// The WAL's self metrics, Prometheus's `prometheus_tsdb_wal_*` / `prometheus_tsdb_checkpoint_*`
/// names under binwatch's prefix, so an SRE's existing panels translate one to one.
struct HistoryMetrics: Sendable {
    var fsyncSeconds = 0.0
    var fsyncs = 0
    var segmentCurrent = 0
    var writesFailed = 0
    /// Damaged files set aside and torn tails truncated at start-up.
    var corruptions = 0
    /// Checkpoint truncations: segments deleted after a checkpoint.
    var truncations = 0
    var truncatedSegments = 0
    var checkpoints = 0
    var checkpointsFailed = 0
    var lastCheckpointSeconds = 0.0
    var replaySeconds = 0.0
    /// Samples of the WAL whose series definition was lost with a damaged segment.
    var replayUnknownSeriesSamples = 0
    var bytesOnDisk = 0

    func families() -> [MetricFamily] {
        let none = Labels()
        return [
            MetricFamily(name: "binwatch_tsdb_wal_fsync_duration_seconds", help: "Duration of WAL fsync calls.", type: .summary, samples: [
                MetricSample(name: "binwatch_tsdb_wal_fsync_duration_seconds_sum", value: fsyncSeconds),
                MetricSample(name: "binwatch_tsdb_wal_fsync_duration_seconds_count", value: Double(fsyncs)),
            ]),
            SelfMetrics.gauge("binwatch_tsdb_wal_segment_current", "The WAL segment being written.", [(none, Double(segmentCurrent))]),
            SelfMetrics.counter("binwatch_tsdb_wal_writes_failed_total", "WAL batch writes that failed (disk full, read-only...).",
                                [(none, Double(writesFailed))]),
            SelfMetrics.counter("binwatch_tsdb_wal_corruptions_total", "Damaged WAL records found at start-up (torn tails truncated, segments set aside).",
                                [(none, Double(corruptions))]),
            SelfMetrics.counter("binwatch_tsdb_wal_truncations_total", "WAL truncations after a checkpoint.", [(none, Double(truncations))]),
            SelfMetrics.counter("binwatch_tsdb_wal_truncated_segments_total", "WAL segments deleted after a checkpoint.",
                                [(none, Double(truncatedSegments))]),
            SelfMetrics.counter("binwatch_tsdb_checkpoint_creations_total", "Checkpoints written.", [(none, Double(checkpoints))]),
            SelfMetrics.counter("binwatch_tsdb_checkpoint_creations_failed_total", "Checkpoints that failed.", [(none, Double(checkpointsFailed))]),
            SelfMetrics.gauge("binwatch_tsdb_checkpoint_duration_seconds", "Duration of the last checkpoint.", [(none, lastCheckpointSeconds)]),
            SelfMetrics.gauge("binwatch_tsdb_data_replay_duration_seconds", "Time the start-up replay of the WAL took.", [(none, replaySeconds)]),
            SelfMetrics.gauge("binwatch_tsdb_wal_replay_unknown_series_samples", "Samples at start-up whose series was defined in a damaged segment.",
                              [(none, Double(replayUnknownSeriesSamples))]),
            SelfMetrics.gauge("binwatch_tsdb_wal_storage_size_bytes", "Bytes of the WAL folder's segments and checkpoint.", [(none, Double(bytesOnDisk))]),
        ]
    }
}
