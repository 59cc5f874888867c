-- binwatch example warehouse: the WMS tables the bin-utilization / putaway optimizer
-- uses, as the seed documents describe them (../shared/seeds/): facilities, storage
-- locations (bins), materials, lots, putaway_recommendations, cache_refresh_status,
-- the bin_utilization_cache materialized view, data-quality tables and the
-- statistical-analysis tables (V0.0.20 / V0.0.22 in the seeds).
--
-- Load into an empty database:  psql -v ON_ERROR_STOP=1 -f schema.sql
-- Then fill it:                 psql -v ON_ERROR_STOP=1 -f generate.sql   (see README.md)
--
-- Bin capacity is deliberately not constrained (> 0): invalid capacities exist in
-- real WMS data and are what the data-quality collectors count.

BEGIN;
SET LOCAL client_min_messages = warning;  -- no NOTICE for each DROP ... IF EXISTS

DROP MATERIALIZED VIEW IF EXISTS bin_optimization_statistical_summary;
DROP MATERIALIZED VIEW IF EXISTS bin_utilization_cache;
DROP TABLE IF EXISTS bin_optimization_outliers, bin_optimization_statistical_validations,
    bin_optimization_correlation_analysis, bin_optimization_ab_test_results,
    bin_optimization_statistical_metrics, capacity_validation_failures,
    material_dimension_verifications, cache_refresh_status, putaway_recommendations,
    lots, materials, storage_locations, facilities CASCADE;

CREATE TABLE facilities (
    facility_id     TEXT PRIMARY KEY,              -- 'FAC-01'
    tenant_id       TEXT NOT NULL,
    name            TEXT NOT NULL,
    timezone        TEXT NOT NULL DEFAULT 'UTC'
);

-- One row per bin. Dimensions in inches, capacity in cubic feet and pounds.
CREATE TABLE storage_locations (
    location_id     BIGINT PRIMARY KEY,
    facility_id     TEXT NOT NULL REFERENCES facilities,
    location_code   TEXT NOT NULL,                 -- 'F01-A03-R12-L2'
    zone_code       TEXT NOT NULL,
    aisle           TEXT NOT NULL,
    abc_zone        CHAR(1) NOT NULL CHECK (abc_zone IN ('A', 'B', 'C')),
    length_inches   NUMERIC(8,2),
    width_inches    NUMERIC(8,2),
    height_inches   NUMERIC(8,2),
    cubic_feet      NUMERIC(10,3),                 -- usable cube; <= 0 or NULL is invalid
    max_weight_lbs  NUMERIC(10,2),                 -- <= 0 or NULL is invalid
    is_active       BOOLEAN NOT NULL DEFAULT TRUE,
    UNIQUE (facility_id, location_code)
);
CREATE INDEX storage_locations_facility_idx ON storage_locations (facility_id);

CREATE TABLE materials (
    material_id         BIGINT PRIMARY KEY,
    tenant_id           TEXT NOT NULL,
    sku                 TEXT NOT NULL UNIQUE,
    length_inches       NUMERIC(8,2),              -- NULL = dimensions missing
    width_inches        NUMERIC(8,2),
    height_inches       NUMERIC(8,2),
    cubic_feet          NUMERIC(10,4),
    weight_lbs          NUMERIC(10,3),
    abc_classification  CHAR(1) CHECK (abc_classification IN ('A', 'B', 'C'))  -- NULL = unclassified
);

-- Inventory: lots stored in bins.
CREATE TABLE lots (
    lot_id              BIGINT PRIMARY KEY,
    lot_number          TEXT NOT NULL,
    facility_id         TEXT NOT NULL REFERENCES facilities,
    material_id         BIGINT NOT NULL REFERENCES materials,
    location_id         BIGINT NOT NULL REFERENCES storage_locations,
    quantity_on_hand    NUMERIC(12,2) NOT NULL CHECK (quantity_on_hand >= 0),
    received_at         TIMESTAMPTZ NOT NULL
);
CREATE INDEX lots_location_idx ON lots (location_id);

CREATE TABLE putaway_recommendations (
    recommendation_id   BIGINT PRIMARY KEY,
    tenant_id           TEXT NOT NULL,
    facility_id         TEXT NOT NULL REFERENCES facilities,
    material_id         BIGINT NOT NULL REFERENCES materials,
    location_id         BIGINT NOT NULL REFERENCES storage_locations,
    algorithm           TEXT NOT NULL CHECK (algorithm IN ('FFD', 'BFD', 'HYBRID')),
    confidence_score    DECIMAL(4,3) NOT NULL
                        CONSTRAINT chk_confidence_score_range CHECK (confidence_score BETWEEN 0 AND 1),
    status              TEXT NOT NULL CHECK (status IN ('PENDING', 'ACCEPTED', 'REJECTED', 'EXPIRED')),
    was_accepted        BOOLEAN,                   -- NULL until the operator decides
    user_feedback       TEXT,                      -- free text; NULL when none given
    processing_time_ms  INTEGER NOT NULL CHECK (processing_time_ms >= 0),
    created_at          TIMESTAMPTZ NOT NULL,
    decided_at          TIMESTAMPTZ,
    created_by          TEXT NOT NULL,
    CHECK ((status = 'ACCEPTED') = (was_accepted IS TRUE)),
    CHECK ((status = 'REJECTED') = (was_accepted IS FALSE))
);
CREATE INDEX putaway_recommendations_created_idx ON putaway_recommendations (created_at);
CREATE INDEX putaway_recommendations_facility_idx ON putaway_recommendations (facility_id, created_at);

-- One row per refresh attempt of a cache (the seeds query it by cache_name).
CREATE TABLE cache_refresh_status (
    refresh_id          BIGINT PRIMARY KEY,
    cache_name          TEXT NOT NULL,
    facility_id         TEXT NOT NULL REFERENCES facilities,
    refreshed_at        TIMESTAMPTZ NOT NULL,
    duration_seconds    NUMERIC(10,3) NOT NULL,
    success             BOOLEAN NOT NULL,
    error_message       TEXT
);
CREATE INDEX cache_refresh_status_idx ON cache_refresh_status (cache_name, facility_id, refreshed_at);

-- Data quality (V0.0.20 in the seeds).
CREATE TABLE material_dimension_verifications (
    verification_id     BIGINT PRIMARY KEY,
    material_id         BIGINT NOT NULL REFERENCES materials,
    facility_id         TEXT NOT NULL REFERENCES facilities,
    measured_cubic_feet NUMERIC(10,4) NOT NULL,
    variance_pct        NUMERIC(8,2) NOT NULL,
    status              TEXT NOT NULL CHECK (status IN ('VERIFIED', 'VARIANCE_DETECTED', 'MASTER_DATA_UPDATED')),
    verified_at         TIMESTAMPTZ NOT NULL
);

CREATE TABLE capacity_validation_failures (
    failure_id          BIGINT PRIMARY KEY,
    facility_id         TEXT NOT NULL REFERENCES facilities,
    location_id         BIGINT NOT NULL REFERENCES storage_locations,
    material_id         BIGINT NOT NULL REFERENCES materials,
    failure_type        TEXT NOT NULL CHECK (failure_type IN ('CUBIC_FEET_EXCEEDED', 'WEIGHT_EXCEEDED', 'BOTH_EXCEEDED')),
    required_cubic_feet NUMERIC(10,3),
    available_cubic_feet NUMERIC(10,3),
    resolved            BOOLEAN NOT NULL DEFAULT FALSE,
    created_at          TIMESTAMPTZ NOT NULL
);

-- Statistical analysis (V0.0.22 in the seeds).
CREATE TABLE bin_optimization_statistical_metrics (
    metric_id               BIGINT PRIMARY KEY,
    facility_id             TEXT NOT NULL REFERENCES facilities,
    algorithm               TEXT NOT NULL,
    measurement_timestamp   TIMESTAMPTZ NOT NULL,
    measurement_period_start TIMESTAMPTZ NOT NULL,
    measurement_period_end  TIMESTAMPTZ NOT NULL,
    sample_size             INTEGER NOT NULL,
    avg_volume_utilization  NUMERIC(6,2),
    std_dev_volume_utilization NUMERIC(6,2),
    acceptance_rate         NUMERIC(6,4),
    avg_confidence_score    NUMERIC(4,3),
    ml_model_accuracy       NUMERIC(6,2),
    ci95_lower              NUMERIC(6,4),
    ci95_upper              NUMERIC(6,4),
    is_statistically_significant BOOLEAN NOT NULL
);
CREATE INDEX statistical_metrics_idx ON bin_optimization_statistical_metrics (facility_id, measurement_timestamp);

CREATE TABLE bin_optimization_ab_test_results (
    test_id                 BIGINT PRIMARY KEY,
    test_name               TEXT NOT NULL,
    facility_id             TEXT NOT NULL REFERENCES facilities,
    control_algorithm       TEXT NOT NULL,
    treatment_algorithm     TEXT NOT NULL,
    metric_name             TEXT NOT NULL,
    control_sample_size     INTEGER NOT NULL,
    treatment_sample_size   INTEGER NOT NULL,
    control_mean            NUMERIC(8,5),
    treatment_mean          NUMERIC(8,5),
    test_type               TEXT NOT NULL CHECK (test_type IN ('T_TEST', 'CHI_SQUARE', 'Z_TEST')),
    test_statistic          NUMERIC(12,5),
    p_value                 NUMERIC(12,10),
    effect_size             NUMERIC(8,5),
    is_significant          BOOLEAN NOT NULL,
    status                  TEXT NOT NULL CHECK (status IN ('RUNNING', 'COMPLETED', 'CANCELLED')),
    started_at              TIMESTAMPTZ NOT NULL,
    completed_at            TIMESTAMPTZ
);

CREATE TABLE bin_optimization_correlation_analysis (
    correlation_id          BIGINT PRIMARY KEY,
    facility_id             TEXT NOT NULL REFERENCES facilities,
    feature_x               TEXT NOT NULL,
    feature_y               TEXT NOT NULL,
    sample_size             INTEGER NOT NULL,
    pearson_correlation     NUMERIC(6,5),
    spearman_correlation    NUMERIC(6,5),
    p_value                 NUMERIC(12,10),
    correlation_strength    TEXT NOT NULL CHECK (correlation_strength IN ('NONE', 'WEAK', 'MODERATE', 'STRONG', 'VERY_STRONG')),
    is_significant          BOOLEAN NOT NULL,
    analyzed_at             TIMESTAMPTZ NOT NULL
);

CREATE TABLE bin_optimization_statistical_validations (
    validation_id           BIGINT PRIMARY KEY,
    facility_id             TEXT NOT NULL REFERENCES facilities,
    validation_type         TEXT NOT NULL,   -- 'SAMPLE_SIZE', 'NORMALITY', ...
    test_statistic          NUMERIC(12,5),
    p_value                 NUMERIC(12,10),
    passed                  BOOLEAN NOT NULL,
    validated_at            TIMESTAMPTZ NOT NULL
);

CREATE TABLE bin_optimization_outliers (
    outlier_id              BIGINT PRIMARY KEY,
    facility_id             TEXT NOT NULL REFERENCES facilities,
    location_id             BIGINT REFERENCES storage_locations,
    metric_name             TEXT NOT NULL,
    metric_value            NUMERIC(10,3) NOT NULL,
    z_score                 NUMERIC(8,3),
    detection_method        TEXT NOT NULL CHECK (detection_method IN ('IQR', 'Z_SCORE', 'MODIFIED_Z_SCORE')),
    outlier_severity        TEXT NOT NULL CHECK (outlier_severity IN ('MILD', 'MODERATE', 'SEVERE', 'EXTREME')),
    outlier_type            TEXT NOT NULL CHECK (outlier_type IN ('HIGH', 'LOW')),
    investigation_status    TEXT NOT NULL CHECK (investigation_status IN ('PENDING', 'IN_PROGRESS', 'RESOLVED', 'FALSE_POSITIVE')),
    requires_investigation  BOOLEAN NOT NULL,
    detected_at             TIMESTAMPTZ NOT NULL
);

-- Per-bin utilization. Status bands: the seeds call 60-85% optimal; below 30% is
-- under-utilized, above 95% over-utilized, the rest normal. Bins with invalid
-- capacity get NULL percentages and status 'INVALID_CAPACITY'.
CREATE MATERIALIZED VIEW bin_utilization_cache AS
WITH stored AS (
    SELECT l.location_id,
           sum(l.quantity_on_hand * m.cubic_feet) AS used_cubic_feet,
           sum(l.quantity_on_hand * m.weight_lbs) AS used_weight_lbs,
           count(*) AS lot_count
    FROM lots l JOIN materials m USING (material_id)
    GROUP BY l.location_id
), pct AS (
    SELECT sl.location_id, sl.facility_id, sl.location_code, sl.zone_code, sl.aisle, sl.abc_zone,
           sl.cubic_feet, sl.max_weight_lbs,
           coalesce(s.used_cubic_feet, 0) AS used_cubic_feet,
           coalesce(s.used_weight_lbs, 0) AS used_weight_lbs,
           coalesce(s.lot_count, 0) AS lot_count,
           CASE WHEN sl.cubic_feet > 0
                THEN round(100 * coalesce(s.used_cubic_feet, 0) / sl.cubic_feet, 2) END AS volume_utilization_pct,
           CASE WHEN sl.max_weight_lbs > 0
                THEN round(100 * coalesce(s.used_weight_lbs, 0) / sl.max_weight_lbs, 2) END AS weight_utilization_pct
    FROM storage_locations sl LEFT JOIN stored s USING (location_id)
    WHERE sl.is_active
)
SELECT pct.*,
       CASE WHEN volume_utilization_pct IS NULL THEN 'INVALID_CAPACITY'
            WHEN volume_utilization_pct < 30 THEN 'UNDERUTILIZED'
            WHEN volume_utilization_pct > 95 THEN 'OVERUTILIZED'
            WHEN volume_utilization_pct BETWEEN 60 AND 85 THEN 'OPTIMAL'
            ELSE 'NORMAL' END AS utilization_status
FROM pct
WITH NO DATA;
CREATE UNIQUE INDEX bin_utilization_cache_pk ON bin_utilization_cache (location_id);
CREATE INDEX bin_utilization_cache_facility_idx ON bin_utilization_cache (facility_id);

-- Per-facility trend summary (the seeds' REGR_SLOPE view). Slopes are per day.
CREATE MATERIALIZED VIEW bin_optimization_statistical_summary AS
WITH daily AS (
    SELECT facility_id, date_trunc('day', measurement_timestamp) AS day,
           avg(avg_volume_utilization) AS utilization, avg(acceptance_rate) AS acceptance
    FROM bin_optimization_statistical_metrics
    GROUP BY facility_id, date_trunc('day', measurement_timestamp)
), trend AS (
    SELECT facility_id,
           regr_slope(utilization, extract(epoch FROM day) / 86400) AS utilization_slope,
           regr_slope(acceptance, extract(epoch FROM day) / 86400) AS acceptance_slope,
           max(day) AS last_day
    FROM daily GROUP BY facility_id
)
SELECT f.facility_id,
       t.utilization_slope,
       CASE WHEN t.utilization_slope > 0.05 THEN 'IMPROVING'
            WHEN t.utilization_slope < -0.05 THEN 'DECLINING' ELSE 'STABLE' END AS utilization_trend_direction,
       t.acceptance_slope,
       CASE WHEN t.acceptance_slope > 0.0005 THEN 'IMPROVING'
            WHEN t.acceptance_slope < -0.0005 THEN 'DECLINING' ELSE 'STABLE' END AS acceptance_trend_direction,
       (SELECT count(*) FROM bin_optimization_statistical_metrics m
         WHERE m.facility_id = f.facility_id
           AND m.measurement_timestamp > t.last_day - interval '30 days') AS measurements_in_30d,
       (SELECT count(*) FROM bin_optimization_outliers o
         WHERE o.facility_id = f.facility_id
           AND o.investigation_status IN ('PENDING', 'IN_PROGRESS')) AS active_outlier_count,
       (SELECT count(*) FROM bin_optimization_outliers o
         WHERE o.facility_id = f.facility_id
           AND o.investigation_status IN ('PENDING', 'IN_PROGRESS')
           AND o.outlier_severity IN ('SEVERE', 'EXTREME')) AS critical_outlier_count,
       coalesce(w.sample_size, 0) AS current_sample_size,
       coalesce(w.sample_size, 0) >= 30 AS is_statistically_significant,
       t.last_day AS last_update
FROM facilities f
LEFT JOIN trend t USING (facility_id)
-- The sample of the last 7 measured days (recommendations with feedback), the
-- window the seeds' "n >= 30" rule applies to.
LEFT JOIN LATERAL (
    SELECT sum(m.sample_size) AS sample_size FROM bin_optimization_statistical_metrics m
    WHERE m.facility_id = f.facility_id AND m.algorithm = 'ALL'
      AND m.measurement_timestamp > t.last_day - interval '6 days'
) w ON TRUE
WITH NO DATA;
CREATE UNIQUE INDEX bin_optimization_statistical_summary_pk ON bin_optimization_statistical_summary (facility_id);

COMMIT;
