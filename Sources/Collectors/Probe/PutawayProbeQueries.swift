/// The putaway probe's default queries: the same text as examples/probes/bins.sql and
/// items.sql (a test keeps them equal), so a config without `bins_query` runs what the
/// examples document.
enum PutawayProbeQueries {
    /// Default `bins_query`: columns location_id, location_code, zone, aisle, abc_class, length,
    /// width, height, max_weight_lbs, cubic_feet, used_cubic_feet, used_weight_lbs, skus (JSON), congestion.
    static let bins = """
        -- Bins of one facility ($1) for the putaway probe (sources.probes.putaway.bins_query).
        -- Capacity from storage_locations; what each bin holds (cube, weight, SKUs) from its
        -- lots joined with their materials. Bins with invalid capacity (cubic_feet or
        -- max_weight_lbs <= 0 or NULL) are left out: the data-quality collectors count them
        -- (examples/collectors/wms_data_quality.yml). Congestion is not tracked by this schema.
        SELECT sl.location_id::text AS location_id, sl.location_code, sl.zone_code AS zone, sl.aisle,
               sl.abc_zone AS abc_class,
               sl.length_inches AS length, sl.width_inches AS width, sl.height_inches AS height,
               sl.max_weight_lbs, sl.cubic_feet,
               coalesce(sum(l.quantity_on_hand * m.cubic_feet), 0) AS used_cubic_feet,
               coalesce(sum(l.quantity_on_hand * m.weight_lbs), 0) AS used_weight_lbs,
               coalesce(json_agg(DISTINCT m.sku) FILTER (WHERE m.sku IS NOT NULL), '[]') AS skus,
               0 AS congestion
        FROM storage_locations sl
        LEFT JOIN lots l ON l.location_id = sl.location_id AND l.quantity_on_hand > 0
        LEFT JOIN materials m ON m.material_id = l.material_id
        WHERE sl.facility_id = $1 AND sl.is_active AND sl.cubic_feet > 0 AND sl.max_weight_lbs > 0
        GROUP BY sl.location_id
        ORDER BY sl.location_code
        """

    /// Default `items_query`: columns material_id, sku, length, width, height, cubic_feet, weight_lbs, abc_class.
    static let items = """
        -- Materials the putaway probe samples its synthetic batches from (items_query), for the
        -- tenant of facility $1: only materials with a cube and a weight (those without are
        -- counted by the data-quality collectors). Each cycle takes the next batch_size of them
        -- in this order, with a deterministic quantity per line.
        SELECT m.material_id::text AS material_id, m.sku,
               m.length_inches AS length, m.width_inches AS width, m.height_inches AS height,
               m.cubic_feet, m.weight_lbs, m.abc_classification AS abc_class
        FROM materials m
        WHERE m.cubic_feet > 0 AND m.weight_lbs > 0
          AND m.tenant_id = (SELECT tenant_id FROM facilities WHERE facility_id = $1)
        ORDER BY m.material_id
        """
}
