-- push-high-risk-orders.sql: orders the order-enrichment job rates HIGH risk, as their state changes.
--
-- Expected shape:
-- +---------+--------+-----------+---------------+-------------+---------+-----------------------+
-- |ORDER_ID |USER_ID |RISK_LEVEL |PAYMENT_STATUS |AMOUNT_MAJOR |CURRENCY |FAILED_PAYMENT_COUNT   |
-- +---------+--------+-----------+---------------+-------------+---------+-----------------------+
-- |o-77     |u-9     |HIGH       |FAILED         |1249.0       |EUR      |3                      |

SELECT ORDER_ID, USER_ID, RISK_LEVEL, PAYMENT_STATUS, AMOUNT_MAJOR, CURRENCY, FAILED_PAYMENT_COUNT
FROM ORDERS_ENRICHED
WHERE RISK_LEVEL = 'HIGH'
EMIT CHANGES;
