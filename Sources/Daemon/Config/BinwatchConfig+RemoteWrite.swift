import ConfigYAML
import Model
import Remote

extension BinwatchConfig {
    /// Decodes `remote_write:` (prometheus.yml's syntax, Remote's decoder). Remote write reads
    /// the write-ahead log, which exists only with `state.path`: without it the section is an error.
    static func decodeRemoteWrite(_ node: ConfigNode, statePath: String?, path: String) -> [RemoteWriteConfig] {
        let configs = RemoteWriteConfig.decodeList(node, directory: ConfigLoader.directory(of: path))
        if !configs.isEmpty && statePath == nil {
            node.fail(
                expected: "state.path to be set: remote write sends from the write-ahead log kept beside the state file",
                found: "remote_write without state.path")
        }
        return configs
    }
}
