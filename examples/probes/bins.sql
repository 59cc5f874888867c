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
