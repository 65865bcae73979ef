-- pull-order-status.sql: where one order stands, as the order-enrichment job last wrote it.
-- ORDERS_ENRICHED is a SOURCE table, so ksqlDB materializes it and can answer this lookup by its key.
--
-- Expected result:
-- +---------+-------+---------------+-----------+--------------+-------------+---------+
-- |ORDER_ID |STATUS |PAYMENT_STATUS |RISK_LEVEL |CUSTOMER_TIER |AMOUNT_MAJOR |CURRENCY |
-- +---------+-------+---------------+-----------+--------------+-------------+---------+
-- |o-1      |PAID   |AUTHORIZED     |LOW        |GOLD          |25.0         |EUR      |

SELECT ORDER_ID, STATUS, PAYMENT_STATUS, RISK_LEVEL, CUSTOMER_TIER, AMOUNT_MAJOR, CURRENCY
FROM ORDERS_ENRICHED
WHERE ORDER_KEY = 'o-1';
