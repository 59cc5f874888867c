/// `/api/v1/status/buildinfo` with Prometheus's keys. `version` is the Prometheus API release
/// binwatch answers as (see `BinwatchVersion.prometheusAPI`); `application` and
/// `binwatchVersion` say what really answers. binwatch is not built from a Go toolchain with
/// link-time stamps, so the stamps Prometheus fills from its build are empty, not invented.
enum BuildInfoAPI {
    static let body = APIJSON.success(
        "{\"version\":\(APIJSON.quote(BinwatchVersion.prometheusAPI)),\"revision\":\"\",\"branch\":\"\","
            + "\"buildUser\":\"\",\"buildDate\":\"\",\"goVersion\":\"\","
            + "\"application\":\"binwatch\",\"binwatchVersion\":\(APIJSON.quote(BinwatchVersion.current))}")
}
