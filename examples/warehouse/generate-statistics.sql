-- binwatch example warehouse: the statistical tables (V0.0.22 in the seeds),
-- computed from the generated data. Included by generate.sql (\ir) inside its
-- transaction; uses its psql variables and pg_temp.two_sided_p. Not run alone.

-- Daily statistics per facility and algorithm ('ALL' = every algorithm), computed
-- from the recommendations; utilization is today's average drifting 0.05 points a
-- day (older days lower), since the cache holds only the present.
INSERT INTO bin_optimization_statistical_metrics
WITH days AS (
    SELECT facility_id, algorithm, date_trunc('day', created_at) AS day,
           count(*) FILTER (WHERE status IN ('ACCEPTED', 'REJECTED') AND user_feedback IS NOT NULL) AS n_feedback,
           count(*) FILTER (WHERE status = 'ACCEPTED' AND user_feedback IS NOT NULL) AS n_feedback_accepted,
           count(*) FILTER (WHERE status IN ('ACCEPTED', 'REJECTED')) AS n_decided,
           count(*) FILTER (WHERE status = 'ACCEPTED') AS n_accepted,
           avg(confidence_score) AS confidence
    FROM putaway_recommendations
    GROUP BY GROUPING SETS ((facility_id, algorithm, date_trunc('day', created_at)),
                            (facility_id, date_trunc('day', created_at)))
), util AS (
    SELECT facility_id, avg(volume_utilization_pct) AS mean, stddev_samp(volume_utilization_pct) AS sd
    FROM bin_utilization_cache WHERE volume_utilization_pct IS NOT NULL GROUP BY facility_id
), m AS (
    SELECT d.*, coalesce(d.algorithm, 'ALL') AS alg,
           d.n_accepted::numeric / nullif(d.n_decided, 0) AS p,
           extract(epoch FROM date_trunc('day', :'anchor'::timestamptz) - d.day) / 86400 AS days_ago,
           u.mean, u.sd
    FROM days d JOIN util u USING (facility_id)
)
SELECT row_number() OVER (ORDER BY facility_id, day, alg), facility_id, alg, day + interval '1 day' - interval '1 second',
       day, day + interval '1 day', n_feedback,
       round(mean - days_ago * 0.05, 2), round(sd, 2),
       round(p, 4), round(confidence, 3),
       round(100.0 * n_feedback_accepted / nullif(n_feedback, 0), 2),
       round(greatest(0, p - 1.96 * sqrt(p * (1 - p) / nullif(n_decided, 0))), 4),
       round(least(1, p + 1.96 * sqrt(p * (1 - p) / nullif(n_decided, 0))), 4),
       n_feedback >= 30
FROM m;

-- Bins whose utilization is more than 2 standard deviations from their facility's mean.
INSERT INTO bin_optimization_outliers
WITH z AS (
    SELECT c.facility_id, c.location_id, c.volume_utilization_pct AS v,
           (c.volume_utilization_pct - avg(c.volume_utilization_pct) OVER w)
               / nullif(stddev_samp(c.volume_utilization_pct) OVER w, 0) AS z
    FROM bin_utilization_cache c
    WHERE c.volume_utilization_pct IS NOT NULL
    WINDOW w AS (PARTITION BY c.facility_id)
), o AS (
    SELECT z.*, CASE WHEN abs(z) >= 4 THEN 'EXTREME' WHEN abs(z) >= 3 THEN 'SEVERE'
                     WHEN abs(z) >= 2.5 THEN 'MODERATE' ELSE 'MILD' END AS severity
    FROM z WHERE abs(z) > 2
)
SELECT row_number() OVER (ORDER BY location_id), facility_id, location_id, 'volume_utilization_pct', v,
       round(z::numeric, 3), 'Z_SCORE', severity, CASE WHEN z > 0 THEN 'HIGH' ELSE 'LOW' END,
       (ARRAY['PENDING', 'PENDING', 'PENDING', 'PENDING', 'PENDING', 'PENDING',
              'IN_PROGRESS', 'IN_PROGRESS', 'RESOLVED', 'FALSE_POSITIVE'])[1 + (location_id % 10)::int],
       severity IN ('SEVERE', 'EXTREME'),
       :'anchor'::timestamptz - (location_id % 48) * interval '1 hour'
FROM o;

-- Pearson and Spearman (Pearson on average ranks) per facility for three feature
-- pairs over the last 7 days of recommendations; p-values from Fisher's z.
INSERT INTO bin_optimization_correlation_analysis
WITH pairs AS (
    SELECT facility_id, 'confidence_score' AS feature_x, 'was_accepted' AS feature_y,
           confidence_score::float8 AS x, (was_accepted::int)::float8 AS y
    FROM putaway_recommendations
    WHERE was_accepted IS NOT NULL AND created_at > :'anchor'::timestamptz - interval '7 days'
    UNION ALL
    SELECT facility_id, 'confidence_score', 'processing_time_ms', confidence_score::float8, processing_time_ms::float8
    FROM putaway_recommendations WHERE created_at > :'anchor'::timestamptz - interval '7 days'
    UNION ALL
    SELECT facility_id, 'lot_count', 'volume_utilization_pct', lot_count::float8, volume_utilization_pct::float8
    FROM bin_utilization_cache WHERE volume_utilization_pct IS NOT NULL
), ranked AS (
    SELECT p.*,
           rank() OVER (PARTITION BY facility_id, feature_x, feature_y ORDER BY x)
             + (count(*) OVER (PARTITION BY facility_id, feature_x, feature_y, x) - 1) / 2.0 AS rx,
           rank() OVER (PARTITION BY facility_id, feature_x, feature_y ORDER BY y)
             + (count(*) OVER (PARTITION BY facility_id, feature_x, feature_y, y) - 1) / 2.0 AS ry
    FROM pairs p
), c AS (
    SELECT facility_id, feature_x, feature_y, count(*) AS n, corr(x, y) AS pearson, corr(rx::float8, ry::float8) AS spearman
    FROM ranked GROUP BY facility_id, feature_x, feature_y
), p AS (
    SELECT c.*, CASE WHEN n > 3 AND pearson IS NOT NULL
                     THEN pg_temp.two_sided_p(atanh(least(0.999999, greatest(-0.999999, pearson))) * sqrt(n - 3)) END AS p_value
    FROM c
)
SELECT row_number() OVER (ORDER BY facility_id, feature_x, feature_y), facility_id, feature_x, feature_y, n,
       round(pearson::numeric, 5), round(spearman::numeric, 5), round(p_value::numeric, 10),
       CASE WHEN abs(pearson) < 0.1 OR pearson IS NULL THEN 'NONE' WHEN abs(pearson) < 0.3 THEN 'WEAK'
            WHEN abs(pearson) < 0.5 THEN 'MODERATE' WHEN abs(pearson) < 0.7 THEN 'STRONG' ELSE 'VERY_STRONG' END,
       coalesce(p_value < 0.05, FALSE),
       date_trunc('day', :'anchor'::timestamptz)
FROM p;

-- A/B tests per facility: two-proportion z-tests on acceptance rate; effect size
-- is Cohen's h. The HYBRID-vs-FFD test covers the whole history and is complete;
-- the HYBRID-vs-BFD test covers the last 7 days and is still running.
INSERT INTO bin_optimization_ab_test_results
WITH arms AS (
    SELECT t.test_name, t.control, t.treatment, t.since, t.status, r.facility_id,
           count(*) FILTER (WHERE r.algorithm = t.control) AS n1,
           count(*) FILTER (WHERE r.algorithm = t.control AND r.was_accepted) AS a1,
           count(*) FILTER (WHERE r.algorithm = t.treatment) AS n2,
           count(*) FILTER (WHERE r.algorithm = t.treatment AND r.was_accepted) AS a2
    FROM (VALUES ('hybrid_vs_ffd_acceptance', 'FFD', 'HYBRID', :days, 'COMPLETED'),
                 ('hybrid_vs_bfd_acceptance', 'BFD', 'HYBRID', 7, 'RUNNING'))
             AS t(test_name, control, treatment, since, status)
    JOIN putaway_recommendations r
      ON r.was_accepted IS NOT NULL AND r.created_at > :'anchor'::timestamptz - t.since * interval '1 day'
    GROUP BY t.test_name, t.control, t.treatment, t.since, t.status, r.facility_id
), z AS (
    SELECT arms.*, a1::float8 / nullif(n1, 0) AS p1, a2::float8 / nullif(n2, 0) AS p2,
           (a1 + a2)::float8 / nullif(n1 + n2, 0) AS pooled
    FROM arms
), s AS (
    SELECT z.*, (p2 - p1) / nullif(sqrt(pooled * (1 - pooled) * (1.0 / nullif(n1, 0) + 1.0 / nullif(n2, 0))), 0) AS stat
    FROM z
)
SELECT row_number() OVER (ORDER BY facility_id, test_name), test_name, facility_id, control, treatment,
       'acceptance_rate', n1, n2, round(p1::numeric, 5), round(p2::numeric, 5), 'Z_TEST',
       round(stat::numeric, 5), round(pg_temp.two_sided_p(stat)::numeric, 10),
       round((2 * asin(sqrt(p2)) - 2 * asin(sqrt(p1)))::numeric, 5),
       coalesce(pg_temp.two_sided_p(stat) < 0.05, FALSE), status,
       :'anchor'::timestamptz - since * interval '1 day',
       CASE WHEN status = 'COMPLETED' THEN :'anchor'::timestamptz END
FROM s;

-- Sample-size adequacy (n >= 30 decided recommendations with feedback in 7 days).
INSERT INTO bin_optimization_statistical_validations
SELECT row_number() OVER (ORDER BY f.facility_id), f.facility_id, 'SAMPLE_SIZE', count(r.*), NULL, count(r.*) >= 30,
       :'anchor'::timestamptz
FROM facilities f
LEFT JOIN putaway_recommendations r
  ON r.facility_id = f.facility_id AND r.user_feedback IS NOT NULL AND r.was_accepted IS NOT NULL
 AND r.created_at > :'anchor'::timestamptz - interval '7 days'
GROUP BY f.facility_id;
