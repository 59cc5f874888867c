-- binwatch example warehouse: deterministic synthetic data for schema.sql.
--
--   psql -v ON_ERROR_STOP=1 -v seed=0.42 -v recommendations=100000 -v bins=10000 \
--        -v anchor='2025-06-01T12:00:00Z' -f generate.sql
--
-- Knobs (psql variables; every one optional, defaults in brackets):
--   seed            setseed() value in [-1, 1]                             [0.42]
--   recommendations putaway_recommendations rows                           [100000]
--   bins            storage_locations rows                                 [10000]
--   materials       materials rows                                         [max(100, bins/2)]
--   facilities      facilities (bins are dealt round-robin)                [3]
--   days            history of recommendations, in days                    [30]
--   anchor          "now" of the data; all timestamps are relative to it   [now(), to the second]
--   bad_material_fraction  materials without dimensions                   [0.02]
--                          (half as many again without an ABC class)
--   bad_bin_fraction       bins with invalid capacity (0, NULL cube, 0 lb) [0.005]
--   stale_cache_seconds    age of the last facility's cache at anchor      [2400]
--
-- Same knobs (anchor included) => identical rows. Randomness comes only from
-- random() after setseed(), and random() is only called while scanning
-- generate_series (never across a join, whose row order could change with the
-- plan); parallel query is off for the same reason.
--
-- Shaped to exercise the seeds' alerts: the last facility's cache is stale
-- (BinCacheStale at > 1800 s) and its operators accept fewer recommendations (ML
-- accuracy and acceptance rate lower there); a few bins are over 95% or far over
-- capacity; some materials lack dimensions or ABC class; some bins have invalid capacity.

\set ON_ERROR_STOP on
\if :{?seed}
\else
\set seed 0.42
\endif
\if :{?recommendations}
\else
\set recommendations 100000
\endif
\if :{?bins}
\else
\set bins 10000
\endif
\if :{?materials}
\else
SELECT greatest(100, :bins / 2) AS materials \gset
\endif
\if :{?facilities}
\else
\set facilities 3
\endif
\if :{?days}
\else
\set days 30
\endif
\if :{?anchor}
\else
SELECT to_char(date_trunc('second', now()) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS anchor \gset
\endif
\if :{?bad_material_fraction}
\else
\set bad_material_fraction 0.02
\endif
\if :{?bad_bin_fraction}
\else
\set bad_bin_fraction 0.005
\endif
\if :{?stale_cache_seconds}
\else
\set stale_cache_seconds 2400
\endif

SELECT rolsuper AS is_superuser FROM pg_roles WHERE rolname = current_user \gset
\echo generating: seed=:seed recommendations=:recommendations bins=:bins materials=:materials facilities=:facilities days=:days anchor=:anchor

\o /dev/null
BEGIN;
SET LOCAL max_parallel_workers_per_gather = 0;
SET LOCAL synchronous_commit = off;
SET LOCAL work_mem = '256MB';

-- Foreign-key triggers fire once per row and dominate a 1M-row load; a superuser
-- can switch them off for this transaction, and the references are then checked
-- in bulk below (every id is generated inside its table's range anyway).
\if :is_superuser
SET LOCAL session_replication_role = replica;
\endif

CREATE FUNCTION pg_temp.require(ok boolean, message text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF NOT coalesce(ok, FALSE) THEN RAISE EXCEPTION 'generate.sql: %', message; END IF;
END $$;
SELECT pg_temp.require(:recommendations >= 1, 'recommendations must be >= 1'),
       pg_temp.require(:facilities BETWEEN 1 AND 99, 'facilities must be 1..99'),
       pg_temp.require(:bins >= :facilities, 'bins must be >= facilities'),
       pg_temp.require(:materials >= 1, 'materials must be >= 1'),
       pg_temp.require(:days >= 1, 'days must be >= 1'),
       pg_temp.require(:bad_material_fraction BETWEEN 0 AND 1, 'bad_material_fraction must be 0..1'),
       pg_temp.require(:bad_bin_fraction BETWEEN 0 AND 1, 'bad_bin_fraction must be 0..1'),
       pg_temp.require(:stale_cache_seconds >= 0, 'stale_cache_seconds must be >= 0');

-- Upper tail of the standard normal, 2*(1 - Phi(|z|)), via Abramowitz & Stegun
-- 7.1.26 (|error| < 1.5e-7): PostgreSQL 15 has no erf().
CREATE FUNCTION pg_temp.two_sided_p(z float8) RETURNS float8 LANGUAGE sql IMMUTABLE AS $$
    SELECT (t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))))
           * exp(-0.5 * least(z * z, 1400))  -- beyond |z| = 37 the p-value is 0 at any precision kept
    FROM (SELECT 1 / (1 + 0.3275911 * abs(z) / sqrt(2)) AS t) s
$$;

TRUNCATE facilities, storage_locations, materials, lots, putaway_recommendations, cache_refresh_status,
    material_dimension_verifications, capacity_validation_failures, bin_optimization_statistical_metrics,
    bin_optimization_ab_test_results, bin_optimization_correlation_analysis,
    bin_optimization_statistical_validations, bin_optimization_outliers CASCADE;

SELECT setseed(:seed);
\o

INSERT INTO facilities (facility_id, tenant_id, name)
SELECT format('FAC-%s', lpad(f::text, 2, '0')), 'tenant-demo', format('Plant %s', f)
FROM generate_series(1, :facilities) f;

-- Bins: dealt round-robin to facilities; 100 bins an aisle (25 racks x 4 levels).
-- Aisles 1-2 of every 10 are the A zone (near the docks), 3-5 B, the rest C.
INSERT INTO storage_locations
WITH r AS MATERIALIZED (
    SELECT g, random() AS r_height, random() AS r_weight, random() AS r_bad, random() AS r_kind
    FROM generate_series(1, :bins) g
), k AS (
    -- The last bin is always bad (when bad_bin_fraction > 0) so that even a tiny
    -- warehouse has one for the data-quality metrics.
    SELECT g, r_height, r_weight, r_kind,
           CASE WHEN g = :bins AND :bad_bin_fraction > 0 THEN 0 ELSE r_bad END AS r_bad,
           (g - 1) % :facilities + 1 AS fac, (g - 1) / :facilities AS idx
    FROM r
), b AS (
    SELECT k.*, idx / 100 + 1 AS aisle, (idx % 100) / 4 + 1 AS rack, idx % 4 + 1 AS level,
           (ARRAY[24, 36, 48, 60])[1 + floor(r_height * 4)::int] AS height,
           500 + floor(r_weight * 4) * 500 AS max_weight
    FROM k
)
SELECT g, format('FAC-%s', lpad(fac::text, 2, '0')),
       format('F%s-A%s-R%s-L%s', lpad(fac::text, 2, '0'), lpad(aisle::text, 2, '0'), lpad(rack::text, 2, '0'), level),
       format('Z%s', (aisle - 1) / 4 + 1),
       format('A%s', lpad(aisle::text, 2, '0')),
       CASE WHEN aisle % 10 IN (1, 2) THEN 'A' WHEN aisle % 10 IN (3, 4, 5) THEN 'B' ELSE 'C' END,
       48, 40, height,
       CASE WHEN r_bad < :bad_bin_fraction AND r_kind < 0.4 THEN 0
            WHEN r_bad < :bad_bin_fraction AND r_kind < 0.7 THEN NULL
            ELSE round(48 * 40 * height / 1728.0, 3) END,
       CASE WHEN r_bad < :bad_bin_fraction AND r_kind >= 0.7 THEN 0 ELSE max_weight END,
       TRUE
FROM b;

INSERT INTO materials
WITH r AS MATERIALIZED (
    SELECT g, random() AS r_l, random() AS r_w, random() AS r_h, random() AS r_density,
           random() AS r_abc, random() AS r_nodims, random() AS r_noabc
    FROM generate_series(1, :materials) g
), d AS (
    -- Likewise the last material always lacks dimensions.
    SELECT g, r_density, r_abc, r_noabc,
           CASE WHEN g = :materials AND :bad_material_fraction > 0 THEN 0 ELSE r_nodims END AS r_nodims,
           (4 + floor(r_l * 20))::numeric AS l, (4 + floor(r_w * 16))::numeric AS w,
           (2 + floor(r_h * 14))::numeric AS h
    FROM r
)
SELECT g, 'tenant-demo', format('SKU-%s', lpad(g::text, 7, '0')),
       CASE WHEN r_nodims < :bad_material_fraction THEN NULL ELSE l END,
       CASE WHEN r_nodims < :bad_material_fraction THEN NULL ELSE w END,
       CASE WHEN r_nodims < :bad_material_fraction THEN NULL ELSE h END,
       CASE WHEN r_nodims < :bad_material_fraction THEN NULL ELSE round(l * w * h / 1728.0, 4) END,
       round(l * w * h / 1728.0 * (5 + r_density * 40)::numeric, 3),
       CASE WHEN r_noabc < :bad_material_fraction / 2 THEN NULL
            WHEN r_abc < 0.2 THEN 'A' WHEN r_abc < 0.5 THEN 'B' ELSE 'C' END
FROM d;

-- Lots: up to two a bin. The first lot's share of the bin's cube is a mixture:
-- 12% nearly empty, 73% 35-80%, 10% 80-95%, 4.5% 95-115%, 0.5% 150-250% (outliers).
-- Weight: the first lot takes at most 80% of the bin's weight limit and the second at
-- most 20% (a second lot that cannot hold one unit in its 20% is not stored), so
-- bins respect their weight capacity, except the deliberate 1% of first lots
-- (r_band >= 0.99: the top of the 95-115% band and the outliers) stored by cube alone.
INSERT INTO lots
WITH r AS MATERIALIZED (
    SELECT s, random() AS r_present, random() AS r_material, random() AS r_band, random() AS r_fill,
           random() AS r_age
    FROM generate_series(1, 2 * :bins) s
), k AS (
    SELECT r.*, (s + 1) / 2 AS location_id, 2 - s % 2 AS slot,
           1 + floor(r_material * :materials)::bigint AS material_id
    FROM r
), f AS (
    SELECT k.*,
           CASE WHEN slot = 2 THEN 0.05 + r_fill * 0.15
                WHEN r_band < 0.12 THEN 0.02 + r_fill * 0.23
                WHEN r_band < 0.85 THEN 0.35 + r_fill * 0.45
                WHEN r_band < 0.95 THEN 0.80 + r_fill * 0.15
                WHEN r_band < 0.995 THEN 0.95 + r_fill * 0.20
                ELSE 1.50 + r_fill * 1.00 END AS share
    FROM k
    WHERE (slot = 1 AND r_present < 0.95) OR (slot = 2 AND r_present < 0.40)
)
SELECT s, lot_number, facility_id, material_id, location_id, quantity, received_at
FROM (
    SELECT f.s, format('LOT-%s-%s', lpad(f.location_id::text, 7, '0'), f.slot) AS lot_number, sl.facility_id,
           f.material_id, f.location_id,
           CASE WHEN f.slot = 1 AND f.r_band >= 0.99 THEN q.by_cube
                ELSE least(q.by_cube, floor(q.weight_budget / m.weight_lbs)) END AS quantity,
           :'anchor'::timestamptz - f.r_age * interval '90 days' AS received_at
    FROM f JOIN storage_locations sl USING (location_id) JOIN materials m USING (material_id)
    CROSS JOIN LATERAL (SELECT
        -- Bins of invalid capacity are filled as if nominal (40 ft3, 1000 lb);
        -- materials without dimensions get a plain count.
        CASE WHEN m.cubic_feet > 0
             THEN greatest(1, round(f.share * coalesce(nullif(sl.cubic_feet, 0), 40) / m.cubic_feet))
             ELSE 1 + floor(f.share * 50) END AS by_cube,
        CASE WHEN f.slot = 1 THEN 0.80 ELSE 0.20 END * coalesce(nullif(sl.max_weight_lbs, 0), 1000) AS weight_budget
    ) q
) lot
WHERE quantity >= 1;

-- Recommendations over the last :days days. Confidence depends on the algorithm;
-- the chance of acceptance rises with confidence and is 0.2 lower in the last
-- facility. Recommendations of the last two hours are still PENDING.
INSERT INTO putaway_recommendations
WITH r AS MATERIALIZED (
    SELECT g, random() AS r_time, random() AS r_loc, random() AS r_mat, random() AS r_alg,
           random() AS r_conf, random() AS r_decide, random() AS r_expire, random() AS r_fb,
           random() AS r_text, random() AS r_proc, random() AS r_latency
    FROM generate_series(1, :recommendations) g
), k AS (
    SELECT r.*,
           :'anchor'::timestamptz - r_time * :days * interval '1 day' AS created_at,
           1 + floor(r_loc * :bins)::bigint AS location_id,
           1 + floor(r_mat * :materials)::bigint AS material_id,
           CASE WHEN r_alg < 0.5 THEN 'HYBRID' WHEN r_alg < 0.8 THEN 'BFD' ELSE 'FFD' END AS algorithm
    FROM r
), c AS (
    SELECT k.*, (location_id - 1) % :facilities + 1 AS fac,
           round(least(1, greatest(0,
               CASE algorithm WHEN 'HYBRID' THEN 0.86 WHEN 'BFD' THEN 0.78 ELSE 0.72 END
               + (r_conf - 0.5) * 0.3))::numeric, 3) AS confidence
    FROM k
), s AS (
    SELECT c.*,
           CASE WHEN created_at > :'anchor'::timestamptz - interval '2 hours' THEN 'PENDING'
                WHEN r_expire < 0.03 THEN 'EXPIRED'
                WHEN r_decide < 0.2 + 0.75 * confidence - CASE WHEN fac = :facilities AND :facilities > 1 THEN 0.2 ELSE 0 END
                    THEN 'ACCEPTED'
                ELSE 'REJECTED' END AS status
    FROM c
)
SELECT g, 'tenant-demo', format('FAC-%s', lpad(fac::text, 2, '0')), material_id, location_id, algorithm,
       confidence, status,
       CASE status WHEN 'ACCEPTED' THEN TRUE WHEN 'REJECTED' THEN FALSE END,
       CASE WHEN status IN ('ACCEPTED', 'REJECTED') AND r_fb < 0.7 THEN
           CASE status
               WHEN 'ACCEPTED' THEN (ARRAY['Good fit', 'Close to pick face', 'Fits well'])[1 + floor(r_text * 3)::int]
               ELSE (ARRAY['Bin too far', 'Overflow risk', 'Wrong zone', 'Prefer consolidation'])[1 + floor(r_text * 4)::int]
           END END,
       40 + floor(r_proc ^ 3 * 2500)::int,
       created_at,
       CASE WHEN status IN ('ACCEPTED', 'REJECTED') THEN created_at + (2 + r_latency * 60) * interval '1 minute' END,
       'putaway-service'
FROM s;

-- Cache refreshes every 10 minutes over the last day, 3% failing. The last
-- facility stopped refreshing :stale_cache_seconds before anchor.
INSERT INTO cache_refresh_status
WITH r AS MATERIALIZED (
    SELECT s, random() AS r_duration, random() AS r_fail FROM generate_series(0, :facilities * 144 - 1) s
), k AS (
    SELECT r.*, s / 144 + 1 AS fac, s % 144 AS step FROM r
)
SELECT s + 1, 'bin_utilization_cache', format('FAC-%s', lpad(fac::text, 2, '0')),
       :'anchor'::timestamptz - step * interval '10 minutes' - fac * interval '37 seconds'
           - CASE WHEN fac = :facilities AND :facilities > 1 THEN :stale_cache_seconds * interval '1 second'
                  ELSE interval '0' END,
       round((1.5 + r_duration * 3.5)::numeric, 3),
       step = 0 OR r_fail >= 0.03,
       CASE WHEN step > 0 AND r_fail < 0.03 THEN 'canceling statement due to statement timeout' END
FROM k;

\o /dev/null
SELECT pg_temp.require(NOT EXISTS (SELECT 1 FROM lots l LEFT JOIN materials m USING (material_id)
                                   LEFT JOIN storage_locations s USING (location_id)
                                   WHERE m.material_id IS NULL OR s.location_id IS NULL),
                       'lots reference missing materials or bins'),
       pg_temp.require(NOT EXISTS (SELECT 1 FROM putaway_recommendations r LEFT JOIN materials m USING (material_id)
                                   LEFT JOIN storage_locations s USING (location_id)
                                   LEFT JOIN facilities f ON f.facility_id = r.facility_id
                                   WHERE m.material_id IS NULL OR s.location_id IS NULL OR f.facility_id IS NULL),
                       'recommendations reference missing materials, bins or facilities');
\o
REFRESH MATERIALIZED VIEW bin_utilization_cache;

-- Every 20th material re-measured; a variance over 10% is flagged.
INSERT INTO material_dimension_verifications
WITH r AS MATERIALIZED (
    SELECT g, random() AS r_variance, random() AS r_fac, random() AS r_age FROM generate_series(1, :materials / 20) g
)
SELECT r.g, m.material_id, format('FAC-%s', lpad((1 + floor(r.r_fac * :facilities))::text, 2, '0')),
       round(m.cubic_feet * (1 + (r.r_variance - 0.5) * 0.3)::numeric, 4),
       round(((r.r_variance - 0.5) * 30)::numeric, 2),
       CASE WHEN abs(r.r_variance - 0.5) * 30 > 10 THEN 'VARIANCE_DETECTED' ELSE 'VERIFIED' END,
       :'anchor'::timestamptz - r.r_age * interval '30 days'
FROM r JOIN materials m ON m.material_id = r.g * 20
WHERE m.cubic_feet IS NOT NULL;

-- Bins stored past their cube or weight limit.
INSERT INTO capacity_validation_failures
SELECT row_number() OVER (ORDER BY c.location_id), c.facility_id, c.location_id,
       (SELECT min(material_id) FROM lots l WHERE l.location_id = c.location_id),
       CASE WHEN c.volume_utilization_pct > 100 AND c.weight_utilization_pct > 100 THEN 'BOTH_EXCEEDED'
            WHEN c.volume_utilization_pct > 100 THEN 'CUBIC_FEET_EXCEEDED' ELSE 'WEIGHT_EXCEEDED' END,
       round(c.used_cubic_feet, 3), c.cubic_feet,
       c.location_id % 3 = 0,
       :'anchor'::timestamptz - (c.location_id % 72) * interval '1 hour'
FROM bin_utilization_cache c
WHERE (c.volume_utilization_pct > 100 OR c.weight_utilization_pct > 100) AND c.lot_count > 0;

\ir generate-statistics.sql

REFRESH MATERIALIZED VIEW bin_optimization_statistical_summary;
COMMIT;

ANALYZE;
\echo done
