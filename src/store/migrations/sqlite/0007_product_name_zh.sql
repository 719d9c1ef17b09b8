-- Schema version 7: a product's Chinese name ("铆钉会议桌"), as it is
-- sold or copied on Chinese sites. It tells the scan which product a
-- Chinese listing is about when a mark covers several products, so the
-- price is compared with the right MSRP (src/core/detect.c,
-- price_product). NULL when the owner gave none.
ALTER TABLE products ADD COLUMN name_zh TEXT;
