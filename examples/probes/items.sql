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
